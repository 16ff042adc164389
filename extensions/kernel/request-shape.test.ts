import { describe, expect, it } from 'vitest';
import { MAX_DEPTH } from './integrity.ts';
import { bodyProblem, groupingProblem, queryProblem } from './request-shape.ts';

function nested(depth: number): unknown {
  let value: unknown = [];
  for (let i = 1; i < depth; i++) value = [value];
  return value;
}

describe('queryProblem: query parameters of the kinds Directus reads', () => {
  const cases: [string, unknown, RegExp | null][] = [
    ['none', {}, null],
    ['a field list', { fields: 'id,title', sort: ['-id'], groupBy: ['unit'], meta: '*' }, null],
    ['a filter as JSON text', { filter: '{"title":{"_eq":"a"}}' }, null],
    ['invalid JSON', { filter: '{oops' }, /“filter”应为一个对象（JSON）/],
    ['an empty filter, as no filter', { filter: '' }, null],
    ['aggregate', { aggregate: { count: '*', sum: ['party_count'] }, groupBy: 'unit' }, null],
    ['meta as an object', { meta: { a: 'b' } }, /“meta”应为字段名/],
    ['groupBy as objects', { groupBy: [{ a: 'b' }] }, /“groupBy”应为字段名/],
    ['a relational groupBy', { groupBy: ['unit.path'] }, /不能按关联字段“unit.path”/],
    ['a relational groupBy as text', { groupBy: 'id,unit.path' }, /不能按关联字段“unit.path”/],
    ['aggregate as text', { aggregate: 'count' }, /“aggregate”应为一个对象/],
    ['aggregate of objects', { aggregate: { count: { a: 'b' } } }, /统计“count”应为字段名的列表/],
    ['a relational aggregate', { aggregate: { avg: 'unit.id' } }, /统计（aggregate）只能按本表的字段/],
    ['a filter nested too deep', { filter: JSON.stringify(nested(MAX_DEPTH + 2)) }, /“filter”应为一个对象/],
    ['a deep filter object', { filter: { _and: nested(MAX_DEPTH + 2) } }, /“filter”嵌套层级过深/],
    ['search as an object', { search: { a: 'b' } }, /“search”应为文字/],
    ['not an object (SEARCH body)', 'x', /应为一个对象/],
    ['a NUL character', { search: 'a\u0000' }, /U\+0000/],
  ];
  it.each(cases)('%s', (_name, query, expected) => {
    const problem = queryProblem(query);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });
});

describe('groupingProblem: the query Directus runs (GraphQL builds its own)', () => {
  it('refuses relational names, keeps own columns', () => {
    expect(groupingProblem({ group: ['unit'], aggregate: { count: ['*'] } })).toBeNull();
    expect(groupingProblem({ group: ['unit.path'] })).toMatch(/unit\.path/);
  });
});

describe('bodyProblem', () => {
  it('refuses a body nested deeper than MAX_DEPTH, without a stack of its own to overflow', () => {
    expect(bodyProblem({ a: nested(MAX_DEPTH - 1) })).toBeNull();
    expect(bodyProblem({ a: nested(MAX_DEPTH) })).toMatch(/嵌套层级过深/);
    expect(bodyProblem(nested(200_000))).toMatch(/嵌套层级过深/);
    expect(bodyProblem(undefined)).toBeNull();
    expect(bodyProblem([{ a: 1 }, null], 'POST')).toMatch(/每一项应为一个对象/);
    expect(bodyProblem([1, 2], 'DELETE')).toBeNull();
    expect(bodyProblem({ opinion: 'ok\u0000' })).toMatch(/U\+0000/);
    expect(bodyProblem({ ['k\u0000']: 1 })).toMatch(/U\+0000/);
  });
});
