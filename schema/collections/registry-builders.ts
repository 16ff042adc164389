// Builders the registry collections share: a collection under the jurisdiction
// rule, detail groups, decimal coordinates and a link to a person.

import { label, manyToOneField } from '../fields.ts';
import { jurisdictionFields, jurisdictionRelation } from '../jurisdiction.ts';
import type { CollectionSpec, FieldSpec, RelationSpec } from '../types.ts';

type Meta = Record<string, unknown>;

/** A registry collection under the jurisdiction rule, with user stamps left to the caller. */
export function scopedCollection(
  collection: string,
  zh: string,
  en: string,
  icon: string,
  note: string,
  displayTemplate: string,
  fields: FieldSpec[],
  relations: RelationSpec[] = [],
): CollectionSpec {
  return {
    collection,
    scopePath: 'unit_path',
    meta: { icon, note, display_template: displayTemplate, ...label(zh, en) },
    fields: [
      { field: 'id', type: 'integer', schema: { is_primary_key: true, has_auto_increment: true }, meta: { hidden: true, readonly: true } },
      ...jurisdictionFields(),
      ...fields,
    ],
    relations: [jurisdictionRelation(collection), ...relations],
  };
}

export function detailGroup(field: string, zh: string, en: string, meta: Meta = {}): FieldSpec {
  return {
    field,
    type: 'alias',
    schema: null,
    meta: { interface: 'group-detail', special: ['alias', 'no-data', 'group'], options: { start: 'closed' }, ...label(zh, en), ...meta },
  };
}

export function coordinateFields(): FieldSpec[] {
  return [
    {
      field: 'latitude',
      type: 'decimal',
      schema: { numeric_precision: 10, numeric_scale: 7 },
      meta: { interface: 'input', width: 'half', validation: { latitude: { _between: [-90, 90] } }, ...label('纬度', 'Latitude') },
    },
    {
      field: 'longitude',
      type: 'decimal',
      schema: { numeric_precision: 10, numeric_scale: 7 },
      meta: { interface: 'input', width: 'half', validation: { longitude: { _between: [-180, 180] } }, ...label('经度', 'Longitude') },
    },
  ];
}

export function personField(field: string, zh: string, en: string, meta: Meta = {}): FieldSpec {
  return manyToOneField(field, zh, en, '{{name}} {{id_number_masked}}', { width: 'half', ...meta });
}

export function userField(field: string, zh: string, en: string, meta: Meta = {}): FieldSpec {
  return {
    field,
    type: 'uuid',
    schema: {},
    meta: {
      interface: 'select-dropdown-m2o',
      special: ['m2o'],
      width: 'half',
      options: { template: '{{last_name}}{{first_name}}' },
      ...label(zh, en),
      ...meta,
    },
  };
}

export const toPeople = (collection: string, field: string, onDelete = 'NO ACTION'): RelationSpec => ({
  collection,
  field,
  related_collection: 'people',
  schema: { on_delete: onDelete },
});
export const toUsers = (collection: string, field: string): RelationSpec => ({
  collection,
  field,
  related_collection: 'directus_users',
  schema: { on_delete: 'SET NULL' },
});
export const toItem = (collection: string, field: string, related: string, oneField?: string, onDelete = 'CASCADE'): RelationSpec => ({
  collection,
  field,
  related_collection: related,
  ...(oneField ? { meta: { one_field: oneField } } : {}),
  schema: { on_delete: onDelete },
});

/** The other side of a many-to-one: the items pointing here. */
export function oneToMany(field: string, zh: string, en: string): FieldSpec {
  return { field, type: 'alias', schema: null, meta: { interface: 'list-o2m', special: ['o2m'], ...label(zh, en) } };
}

/**
 * The registries that import, monthly comparison, export requests and 信息采集 cover
 * (one list for all four): the Chinese name, the field that identifies a record across
 * files (a department's list, a re-imported file), the field that names it in a report.
 */
export const REGISTRY_KINDS = {
  people: { zh: '实有人口', key: 'id_number', title: 'name' },
  houses: { zh: '实有房屋', key: 'number', title: 'address' },
  rental_houses: { zh: '出租房屋', key: 'number', title: 'address' },
  service_objects: { zh: '服务对象', key: null, title: 'category' },
  social_units: { zh: '社会单位', key: 'credit_code', title: 'name' },
} as const satisfies Record<string, { zh: string; key: string | null; title: string }>;

export type RegistryKind = keyof typeof REGISTRY_KINDS;

/** The kinds' Chinese names, as a select field's choices. */
export const kindChoices = (kinds: RegistryKind[] = Object.keys(REGISTRY_KINDS) as RegistryKind[]): Record<string, string> =>
  Object.fromEntries(kinds.map((k) => [k, REGISTRY_KINDS[k].zh]));

/** Kinds with a key: those a file can be imported into or compared with. */
export const KEYED_KINDS = (Object.keys(REGISTRY_KINDS) as RegistryKind[]).filter((k) => REGISTRY_KINDS[k].key !== null);
