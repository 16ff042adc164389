// The district's jurisdiction rule (R2, 管理办法第九条) as one definition:
// an upper level may view lower levels' data but not modify it; a level handles
// only its own jurisdiction and cannot see or change another's.
//
// A collection opts in by spreading `jurisdictionFields()` into its fields and
// listing itself in `schema/index.ts`; the policies in `schema/access.ts` then
// grant the permissions below for it. Nothing else is written per collection.

import { manyToOneField } from './fields.ts';
import type { FieldSpec, Filter, PermissionSpec, RelationSpec } from './types.ts';

/** The user's own unit path, substituted by Directus per request. */
export const MY_UNIT_PATH = '$CURRENT_USER.unit_path';
export const MY_UNIT = '$CURRENT_USER.unit';

export const UNIT_FIELD = 'unit';
export const PATH_FIELD = 'unit_path';

/** Items at or below the user's unit: own unit and all units under it. */
export function withinMyJurisdiction(pathField = PATH_FIELD): Filter {
  return { [pathField]: { _starts_with: MY_UNIT_PATH } };
}

/** Items of the user's own unit only. */
export function ofMyUnit(pathField = PATH_FIELD): Filter {
  return { [pathField]: { _eq: MY_UNIT_PATH } };
}

/** Items strictly below the user's unit. */
export function belowMyUnit(pathField: string): Filter {
  return { _and: [withinMyJurisdiction(pathField), { [pathField]: { _neq: MY_UNIT_PATH } }] };
}

/** Items assigned to the user's own unit (a functional department). */
export function assignedToMyUnit(field: string): Filter {
  return { [field]: { _eq: MY_UNIT } };
}

/** The owning unit and its derived path, for a collection under the rule. */
export function jurisdictionFields(group?: string): FieldSpec[] {
  return [
    manyToOneField(
      UNIT_FIELD,
      '所属单位',
      'Unit',
      '{{name}}',
      { required: true, group, note: '默认为本人所在单位' },
      { is_nullable: false },
    ),
    {
      field: PATH_FIELD,
      type: 'string',
      schema: { is_nullable: true, max_length: 255 },
      meta: {
        interface: 'input',
        readonly: true,
        hidden: true,
        group,
        translations: [
          { language: 'zh-CN', translation: '单位路径' },
          { language: 'en-US', translation: 'Unit path' },
        ],
        note: '由所属单位自动生成',
      },
    },
  ];
}

export function jurisdictionRelation(collection: string): RelationSpec {
  return {
    collection,
    field: UNIT_FIELD,
    related_collection: 'units',
    schema: { on_delete: 'NO ACTION' },
  };
}

/** Read everything within the user's jurisdiction. */
export function readWithin(collection: string, pathField = PATH_FIELD, fields = ['*']): PermissionSpec {
  return { collection, action: 'read', fields, permissions: withinMyJurisdiction(pathField) };
}

/**
 * Create, update and delete items of the user's own unit. Create applies no item
 * filter in Directus, so the unit is preset and the derived path validated;
 * update validates the same, so that no item can be moved out of the unit.
 */
export function handleOwnUnit(collection: string): PermissionSpec[] {
  const stayInMyUnit = ofMyUnit();
  return [
    {
      collection,
      action: 'create',
      fields: ['*'],
      presets: { [UNIT_FIELD]: MY_UNIT, [PATH_FIELD]: MY_UNIT_PATH },
      validation: stayInMyUnit,
    },
    { collection, action: 'update', fields: ['*'], permissions: ofMyUnit(), validation: stayInMyUnit },
    { collection, action: 'delete', fields: ['*'], permissions: ofMyUnit() },
  ];
}
