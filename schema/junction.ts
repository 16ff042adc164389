// A many-to-many junction collection (`<a>_<b>` with `<a>_id` and `<b>_id`), as
// Directus names them, with the alias on each side that the relations declare.

import type { CollectionSpec } from './types.ts';

export function junction(
  a: { collection: string; alias: string },
  b: { collection: string; alias?: string; keyType: 'uuid' | 'integer' },
): CollectionSpec {
  const collection = `${a.collection}_${b.collection === 'directus_files' ? 'files' : b.collection === 'directus_users' ? 'users' : b.collection}`;
  const [left, right] = [`${a.collection}_id`, `${b.collection}_id`];
  return {
    collection,
    meta: { hidden: true, icon: 'import_export' },
    fields: [
      { field: 'id', type: 'integer', schema: { is_primary_key: true, has_auto_increment: true }, meta: { hidden: true, readonly: true } },
      { field: left, type: 'integer', schema: {}, meta: { hidden: true } },
      { field: right, type: b.keyType, schema: {}, meta: { hidden: true } },
    ],
    relations: [
      {
        collection,
        field: left,
        related_collection: a.collection,
        meta: { one_field: a.alias, junction_field: right },
        schema: { on_delete: 'CASCADE' },
      },
      {
        collection,
        field: right,
        related_collection: b.collection,
        meta: { ...(b.alias ? { one_field: b.alias } : {}), junction_field: left },
        schema: { on_delete: 'CASCADE' },
      },
    ],
  };
}
