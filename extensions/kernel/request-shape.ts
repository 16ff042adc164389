// The shape of a request before Directus reads it: query parameters of the
// wrong kind (an object where a list of field names belongs, a relational
// groupBy) and bodies nested thousands deep break Directus's own query
// sanitiser, its query builder and its deep copy of a payload with a 500.
// Pure: the integrity hook refuses such requests with a 400 before they get there.

import { depthOf, hasNul, isRecord, MAX_DEPTH } from './integrity.ts';

/** Query parameters that hold a field name or a list of them. */
const FIELD_LISTS = ['fields', 'sort', 'groupBy', 'group', 'meta'] as const;
/** Query parameters that hold a JSON object (or its text). */
const OBJECTS = ['filter', 'deep', 'alias', 'aggregate'] as const;

const isFieldList = (value: unknown): value is string | string[] =>
  typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'));
const asList = (value: string | string[]): string[] => (Array.isArray(value) ? value : value.split(','));

/** A query parameter's object, parsed when sent as JSON text (text that is not JSON stays text). */
function objectOf(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** The first problem of a query (REST parameters or a SEARCH body's `query`), or null. */
export function queryProblem(query: unknown): string | null {
  if (query === undefined || query === null) return null;
  if (!isRecord(query)) return '查询参数（query）应为一个对象';
  if (hasNul(query)) return NUL;
  for (const key of FIELD_LISTS) {
    const value = query[key];
    if (value !== undefined && !isFieldList(value)) return `查询参数“${key}”应为字段名或以逗号分隔的字段名`;
  }
  for (const key of OBJECTS) {
    const value = objectOf(query[key]);
    if (value === undefined || value === null || value === '') continue;
    if (!isRecord(value)) return `查询参数“${key}”应为一个对象（JSON）`;
    if (depthOf(value) > MAX_DEPTH) return `查询参数“${key}”嵌套层级过深（最多${MAX_DEPTH}层）`;
  }
  if (query.search !== undefined && typeof query.search !== 'string') return '查询参数“search”应为文字';
  return groupingProblem({ group: query.groupBy ?? query.group, aggregate: objectOf(query.aggregate) });
}

/**
 * Grouping and aggregating work on the collection's own columns only: Directus
 * builds no join for them and fails on a relational name (`unit.path`). Checked on
 * the REST query and again on the query Directus runs (GraphQL builds its own).
 */
export function groupingProblem(query: { group?: unknown; aggregate?: unknown }): string | null {
  const { group, aggregate } = query;
  if (group !== undefined && group !== null) {
    if (!isFieldList(group)) return '分组（groupBy）应为字段名的列表';
    const relational = asList(group).find((f) => f.includes('.'));
    if (relational) return `分组（groupBy）只能按本表的字段，不能按关联字段“${relational}”`;
  }
  if (aggregate !== undefined && aggregate !== null) {
    if (!isRecord(aggregate)) return '统计（aggregate）应为一个对象，如 aggregate[count]=*';
    for (const [fn, fields] of Object.entries(aggregate)) {
      if (!isFieldList(fields)) return `统计“${fn}”应为字段名的列表`;
      const relational = asList(fields).find((f) => f.includes('.'));
      if (relational) return `统计（aggregate）只能按本表的字段，不能按关联字段“${relational}”`;
    }
  }
  return null;
}

/**
 * A request body nested deeper than any form or filter (refused before Directus copies it
 * recursively), or holding U+0000, which no one types and PostgreSQL cannot store.
 */
export function bodyProblem(body: unknown, method = 'POST'): string | null {
  if (depthOf(body) > MAX_DEPTH) return `请求内容嵌套层级过深（最多${MAX_DEPTH}层）`;
  // A list created or updated item by item: Directus reads each item's key before any hook sees it.
  if ((method === 'POST' || method === 'PATCH') && Array.isArray(body) && body.some((item) => item === null))
    return '请求内容的列表中每一项应为一个对象';
  return hasNul(body) ? NUL : null;
}

const NUL = '请求内容含有不允许的控制字符（U+0000）';
