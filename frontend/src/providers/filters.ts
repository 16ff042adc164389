// Refine's filters, sorters and pagination in Directus's query language.
// Pure functions, unit-tested beside this file.

import type { CrudFilter, CrudSort, Pagination } from '@refinedev/core';

type DirectusFilter = Record<string, unknown>;

/** Refine operator → Directus operator. `contains` is case-insensitive in Refine, `containss` not. */
const OPERATORS: Record<string, string> = {
  eq: '_eq',
  ne: '_neq',
  lt: '_lt',
  gt: '_gt',
  lte: '_lte',
  gte: '_gte',
  in: '_in',
  nin: '_nin',
  ina: '_intersects',
  nina: '_nintersects',
  contains: '_icontains',
  ncontains: '_nicontains',
  containss: '_contains',
  ncontainss: '_ncontains',
  between: '_between',
  nbetween: '_nbetween',
  null: '_null',
  nnull: '_nnull',
  startswith: '_istarts_with',
  nstartswith: '_nistarts_with',
  startswiths: '_starts_with',
  nstartswiths: '_nstarts_with',
  endswith: '_iends_with',
  nendswith: '_niends_with',
  endswiths: '_ends_with',
  nendswiths: '_nends_with',
};

/** The field names that carry free-text search instead of a filter. */
export const SEARCH_FIELDS = ['q', '$search'];

/** `category.parent.name` with `{ _eq: 'x' }` → `{ category: { parent: { name: { _eq: 'x' } } } }`. */
function nest(path: string, condition: DirectusFilter): DirectusFilter {
  return path.split('.').reduceRight<DirectusFilter>((inner, key) => ({ [key]: inner }), condition);
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

function one(filter: CrudFilter): DirectusFilter | null {
  if (filter.operator === 'or' || filter.operator === 'and') {
    const parts = (filter.value as CrudFilter[]).map(one).filter((f): f is DirectusFilter => f !== null);
    return parts.length ? { [`_${filter.operator}`]: parts } : null;
  }
  if (!('field' in filter) || SEARCH_FIELDS.includes(filter.field)) return null;
  const operator = OPERATORS[filter.operator];
  if (!operator) throw new Error(`filter operator ${filter.operator} is not supported`);
  // null/nnull take a boolean; Refine's UI leaves other filters empty to mean "no filter".
  if (filter.operator === 'null' || filter.operator === 'nnull') return nest(filter.field, { [operator]: true });
  if (isEmpty(filter.value)) return null;
  return nest(filter.field, { [operator]: filter.value });
}

/** All filters joined with AND; undefined when none applies. */
export function toDirectusFilter(filters: CrudFilter[] = []): DirectusFilter | undefined {
  const parts = filters.map(one).filter((f): f is DirectusFilter => f !== null);
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : { _and: parts };
}

/** The free-text search hidden among the filters as `q` (or `$search`). */
export function searchOf(filters: CrudFilter[] = []): string | undefined {
  for (const f of filters)
    if ('field' in f && SEARCH_FIELDS.includes(f.field) && typeof f.value === 'string' && f.value.trim()) return f.value.trim();
  return undefined;
}

export function toDirectusSort(sorters: CrudSort[] = []): string[] | undefined {
  return sorters.length ? sorters.map((s) => (s.order === 'desc' ? `-${s.field}` : s.field)) : undefined;
}

/** limit/page for server paging; everything at once when paging is off or done in the browser. */
export function toDirectusPage(pagination: Pagination = {}): { limit: number; page?: number } {
  if (pagination.mode === 'off' || pagination.mode === 'client') return { limit: -1 };
  const pageSize = pagination.pageSize ?? 10;
  return { limit: pageSize, page: pagination.currentPage ?? 1 };
}

/**
 * A page asked without its total, for a list whose count costs far more than its page (a
 * street's or the district's matters at the district's real size: the count reads every
 * matter in scope, the page ten): one row more than the page, to know whether there is a next.
 */
export function countlessPage(pagination: Pagination = {}): { limit: number; offset: number } {
  const pageSize = pagination.pageSize ?? 10;
  return { limit: pageSize + 1, offset: ((pagination.currentPage ?? 1) - 1) * pageSize };
}

/** The page's rows and the total the table needs to offer the pages so far and the next one when there is more. */
export function countlessResult<T>(rows: T[], pagination: Pagination = {}): { data: T[]; total: number } {
  const { limit, offset } = countlessPage(pagination);
  const pageSize = limit - 1;
  return { data: rows.slice(0, pageSize), total: offset + rows.length };
}
