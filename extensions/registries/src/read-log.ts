// 查阅留痕: which key persons' files an answer contains. A file is read when the
// answer holds its items, whether they were the collection queried or reached
// through relations (a service record with its `service_object.*`, a service
// object within an assistance group): Directus emits read events only for the
// collection queried, so the hook walks the answer itself.

import type { SchemaOverview } from '@directus/types';

type Relations = Pick<SchemaOverview['relations'][number], 'collection' | 'field' | 'related_collection' | 'meta'>[];

/** The collection a nested field of `collection` reaches: a many-to-one, or the "many" side of a one-to-many. */
export function reached(relations: Relations, collection: string, field: string): string | null {
  for (const r of relations) {
    if (r.collection === collection && r.field === field && r.related_collection) return r.related_collection;
    if (r.related_collection === collection && r.meta?.one_field === field) return r.collection;
  }
  return null;
}

const isItem = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

/** Calls `visit` with every item of the `wanted` collections in an answer read from `collection`, at any depth. */
export function eachItem(
  collection: string,
  answer: unknown,
  relations: Relations,
  wanted: readonly string[],
  visit: (collection: string, item: Record<string, unknown>) => void,
): void {
  const walk = (at: string, value: unknown): void => {
    if (Array.isArray(value)) {
      for (const v of value) walk(at, v);
      return;
    }
    if (!isItem(value)) return;
    if (wanted.includes(at)) visit(at, value);
    for (const [field, nested] of Object.entries(value)) {
      if (typeof nested !== 'object' || nested === null) continue;
      const next = reached(relations, at, field);
      if (next) walk(next, nested);
    }
  };
  walk(collection, answer);
}

/**
 * The items of `logged` collections in an answer read from `collection`, by collection:
 * their ids (null where the reader did not ask for the id: still a read, recorded as such).
 */
export function itemsRead(
  collection: string,
  answer: unknown,
  relations: Relations,
  logged: readonly string[],
  counts: (collection: string, item: Record<string, unknown>) => boolean = () => true,
): Map<string, unknown[]> {
  const found = new Map<string, unknown[]>();
  eachItem(collection, answer, relations, logged, (at, item) => {
    if (counts(at, item)) found.set(at, [...(found.get(at) ?? []), item.id ?? null]);
  });
  for (const [c, ids] of found) found.set(c, [...new Set(ids)]);
  return found;
}

/**
 * Whether an item read holds a personal number in the clear (身份证号码、手机号码 …): one of
 * its collection's personal fields with a value. Roles that see only the masked forms
 * read those fields not at all (field permissions), so their reads hold none.
 */
export function holdsPersonalNumbers(personal: Readonly<Record<string, readonly string[]>>) {
  return (collection: string, item: Record<string, unknown>): boolean =>
    (personal[collection] ?? []).some((field) => typeof item[field] === 'string' && item[field] !== '');
}

/** Aggregates that only count: they show how many, not what a file says. */
const COUNTING = ['count', 'countAll'];

/**
 * Whether a grouped or aggregated query shows what files say: grouping shows the values of
 * the fields grouped by (grouping by id and situation lists every file's situation), and
 * min, max, sum, avg or a distinct count show values too; a plain count does not.
 */
export function revealsContent(query: { group?: unknown; aggregate?: unknown }): boolean {
  if (Array.isArray(query.group) ? query.group.length > 0 : Boolean(query.group)) return true;
  const aggregate = query.aggregate;
  if (!aggregate || typeof aggregate !== 'object') return false;
  return Object.keys(aggregate).some((fn) => !COUNTING.includes(fn));
}
