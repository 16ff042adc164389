// A query's filter over sealed personal numbers, made to work on what is stored:
// sealed values differ at every write, so "equals" and "is one of" on a sealed
// field become the same tests on its blind index, at any depth of the filter and
// through relations (a service object whose person has this ID number). Tests of
// presence (_null, _empty …) stay on the field; anything that needs the value's
// content (contains, starts with, less than) cannot work on sealed text and is
// refused with a message, rather than silently finding nothing. A field the caller
// may not read is left as it is: Directus's permission check refuses it (403) as
// it refuses any field a role may not read. Pure.

import type { SealedFields } from './personal-vault.ts';

export class SealedFilterRefused extends Error {}

/** The collection a field of `collection` leads to (a relation), or null. */
export type Reach = (collection: string, field: string) => string | null;
/** The blind indexes of a value of a sealed field (one per key still read); the value as a client gave it. */
export type IndexesOf = (collection: string, field: string, value: unknown) => string[];
/** Whether the caller may read a field (its tests are rewritten only then). */
export type Readable = (collection: string, field: string) => boolean;

const PRESENCE = ['_null', '_nnull', '_empty', '_nempty'];
const LOGICAL = ['_and', '_or'];
const NESTED = ['_some', '_none'];

type Filter = Record<string, unknown>;
const isObject = (v: unknown): v is Filter => typeof v === 'object' && v !== null && !Array.isArray(v);
const listOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : typeof v === 'string' ? v.split(',') : [v]);

/** One sealed field's tests, as tests on its index (and on the field itself for presence). */
function sealedTests(collection: string, field: string, tests: unknown, sealed: SealedFields, indexesOf: IndexesOf): Filter {
  const indexField = sealed.indexes[collection]?.[field];
  if (!isObject(tests)) throw new SealedFilterRefused(`“${field}”的筛选条件格式不正确`);
  const out: Filter = {};
  const onIndex: Filter = {};
  const onField: Filter = {};
  for (const [operator, value] of Object.entries(tests)) {
    if (PRESENCE.includes(operator)) {
      onField[operator] = value;
      continue;
    }
    if (!indexField || !['_eq', '_neq', '_in', '_nin'].includes(operator))
      throw new SealedFilterRefused(
        indexField ? `“${field}”加密保存，只能按完整号码查找（等于或属于），不能模糊或范围查找` : `“${field}”加密保存，不能按其内容筛选`,
      );
    if ((operator === '_eq' || operator === '_neq') && value === null) {
      onField[operator === '_eq' ? '_null' : '_nnull'] = true;
      continue;
    }
    const values = operator === '_eq' || operator === '_neq' ? [value] : listOf(value);
    const indexes = values.flatMap((v) => indexesOf(collection, field, v));
    const positive = operator === '_eq' || operator === '_in';
    const key = positive ? '_in' : '_nin';
    // Two positive tests both hold only for a value in both lists.
    const before = onIndex[key] as string[] | undefined;
    onIndex[key] = before && positive ? before.filter((i) => indexes.includes(i)) : [...(before ?? []), ...indexes];
  }
  if (Object.keys(onIndex).length) out[indexField!] = onIndex;
  if (Object.keys(onField).length) out[field] = onField;
  return out;
}

/** `filter` of a query on `collection`, with every test on a sealed field made on what is stored. */
export function sealedFilter(
  collection: string,
  filter: unknown,
  reach: Reach,
  sealed: SealedFields,
  indexesOf: IndexesOf,
  readable: Readable = () => true,
): unknown {
  const again = (c: string, f: unknown) => sealedFilter(c, f, reach, sealed, indexesOf, readable);
  if (Array.isArray(filter)) return filter.map((f) => again(collection, f));
  if (!isObject(filter)) return filter;
  const out: Filter = {};
  const parts: Filter[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (LOGICAL.includes(key)) {
      out[key] = Array.isArray(value) ? value.map((f) => again(collection, f)) : value;
    } else if (sealed.fields[collection]?.includes(key) && readable(collection, key)) {
      parts.push(sealedTests(collection, key, value, sealed, indexesOf));
    } else {
      const next = key.startsWith('_') ? null : reach(collection, key);
      if (next && isObject(value)) {
        // A relation: its tests are a filter of the related collection (with _some / _none for lists).
        const rest = Object.fromEntries(Object.entries(value).filter(([k]) => !NESTED.includes(k)));
        const nested = Object.entries(value)
          .filter(([k]) => NESTED.includes(k))
          .map(([k, v]) => [k, again(next, v)]);
        const tests = Object.keys(rest).length ? (again(next, rest) as Filter) : {};
        out[key] = { ...tests, ...Object.fromEntries(nested) };
      } else out[key] = value;
    }
  }
  if (!parts.length) return out;
  return Object.keys(out).length ? { _and: [out, ...parts] } : parts.length === 1 ? parts[0] : { _and: parts };
}
