// When an item may be deleted: not while rows elsewhere still refer to it by a
// foreign key that neither clears nor deletes them (the database would refuse
// the delete, and Directus would answer with a 500 quoting SQL). Pure: the hook
// in extensions/integrity counts the referring rows and refuses with the
// message made here.

/** A relation as Directus's schema holds it, the parts that matter here. */
export interface RelationInfo {
  collection: string;
  field: string;
  related_collection: string | null;
  schema?: { on_delete?: string | null } | null;
}

/** What a deletion leaves the referring rows to the database to do with. */
const FOLLOWS_DELETE = new Set(['SET NULL', 'CASCADE', 'SET DEFAULT']);

/** The foreign keys to `collection` that keep a referred-to item from being deleted, in a fixed order. */
export function blockingReferences(relations: readonly RelationInfo[], collection: string): RelationInfo[] {
  return relations
    .filter(
      (r) =>
        r.related_collection === collection &&
        r.schema != null &&
        !FOLLOWS_DELETE.has(String(r.schema.on_delete ?? 'NO ACTION').toUpperCase()),
    )
    .sort((a, b) => `${a.collection}.${a.field}`.localeCompare(`${b.collection}.${b.field}`));
}

/** Rows that refer to the items to be deleted, by where they are. */
export interface Referrers {
  collection: string;
  field: string;
  count: number;
}

/** The refusal of a delete, naming what still refers to the items; null when nothing does. */
export function deleteRefusal(
  itemLabel: string,
  referrers: readonly Referrers[],
  labelOf: (collection: string, field?: string) => string,
  keepInstead?: string,
): string | null {
  const uses = referrers.filter((r) => r.count > 0);
  if (!uses.length) return null;
  const listed = uses.map((r) => `${labelOf(r.collection)}（${labelOf(r.collection, r.field)}）${r.count} 条`).join('、');
  return `所选${itemLabel}仍被其他记录引用，不能删除：${listed}。${keepInstead ?? '请先删除或改填这些记录'}`;
}
