// Builders the registry collections share: a collection under the jurisdiction
// rule, detail groups, decimal coordinates and a link to a person.

import { label, manyToOneField } from '../fields.ts';
import { jurisdictionFields, jurisdictionRelation } from '../jurisdiction.ts';
import type { CollectionSpec, FieldSpec, RelationSpec } from '../types.ts';

type Meta = Record<string, unknown>;

/** A registry collection under the jurisdiction rule, with user stamps left to the caller. */
export function scopedCollection(collection: string, zh: string, en: string, icon: string, note: string, displayTemplate: string, fields: FieldSpec[], relations: RelationSpec[] = []): CollectionSpec {
  return {
    collection,
    scopePath: 'unit_path',
    meta: { icon, note, display_template: displayTemplate, ...label(zh, en) },
    fields: [{ field: 'id', type: 'integer', schema: { is_primary_key: true, has_auto_increment: true }, meta: { hidden: true, readonly: true } }, ...jurisdictionFields(), ...fields],
    relations: [jurisdictionRelation(collection), ...relations],
  };
}

export function detailGroup(field: string, zh: string, en: string, meta: Meta = {}): FieldSpec {
  return { field, type: 'alias', schema: null, meta: { interface: 'group-detail', special: ['alias', 'no-data', 'group'], options: { start: 'closed' }, ...label(zh, en), ...meta } };
}

export function coordinateFields(): FieldSpec[] {
  return [
    { field: 'latitude', type: 'decimal', schema: { numeric_precision: 10, numeric_scale: 7 }, meta: { interface: 'input', width: 'half', validation: { latitude: { _between: [-90, 90] } }, ...label('纬度', 'Latitude') } },
    { field: 'longitude', type: 'decimal', schema: { numeric_precision: 10, numeric_scale: 7 }, meta: { interface: 'input', width: 'half', validation: { longitude: { _between: [-180, 180] } }, ...label('经度', 'Longitude') } },
  ];
}

export function personField(field: string, zh: string, en: string, meta: Meta = {}): FieldSpec {
  return manyToOneField(field, zh, en, '{{name}} {{id_number_masked}}', { width: 'half', ...meta });
}

export function userField(field: string, zh: string, en: string, meta: Meta = {}): FieldSpec {
  return { field, type: 'uuid', schema: {}, meta: { interface: 'select-dropdown-m2o', special: ['m2o'], width: 'half', options: { template: '{{last_name}}{{first_name}}' }, ...label(zh, en), ...meta } };
}

export const toPeople = (collection: string, field: string, onDelete = 'NO ACTION'): RelationSpec => ({ collection, field, related_collection: 'people', schema: { on_delete: onDelete } });
export const toUsers = (collection: string, field: string): RelationSpec => ({ collection, field, related_collection: 'directus_users', schema: { on_delete: 'SET NULL' } });
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
