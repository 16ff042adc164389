import { describe, expect, it } from 'vitest';
import { countlessPage, countlessResult, searchOf, toDirectusFilter, toDirectusPage, toDirectusSort } from './filters.ts';

describe('Refine filters in Directus terms', () => {
  it('maps operators, including the case-insensitive contains', () => {
    expect(toDirectusFilter([{ field: 'title', operator: 'contains', value: '漏水' }])).toEqual({ title: { _icontains: '漏水' } });
    expect(toDirectusFilter([{ field: 'title', operator: 'containss', value: 'A' }])).toEqual({ title: { _contains: 'A' } });
    expect(toDirectusFilter([{ field: 'urgency', operator: 'in', value: ['urgent', 'critical'] }])).toEqual({
      urgency: { _in: ['urgent', 'critical'] },
    });
    expect(toDirectusFilter([{ field: 'due_at', operator: 'between', value: ['2026-11-01', '2026-11-30'] }])).toEqual({
      due_at: { _between: ['2026-11-01', '2026-11-30'] },
    });
  });

  it('nests dotted fields through relations', () => {
    expect(toDirectusFilter([{ field: 'handler_unit.path', operator: 'startswiths', value: '/320111/S01/' }])).toEqual({
      handler_unit: { path: { _starts_with: '/320111/S01/' } },
    });
  });

  it('joins several with AND and keeps OR groups', () => {
    const filter = toDirectusFilter([
      { field: 'status', operator: 'eq', value: 'handling' },
      {
        operator: 'or',
        value: [
          { field: 'urgency', operator: 'eq', value: 'urgent' },
          { field: 'type', operator: 'eq', value: 'task' },
        ],
      },
    ]);
    expect(filter).toEqual({
      _and: [{ status: { _eq: 'handling' } }, { _or: [{ urgency: { _eq: 'urgent' } }, { type: { _eq: 'task' } }] }],
    });
  });

  it('drops empty filters, takes null checks without a value, and pulls out the search', () => {
    const filters = [
      { field: 'title', operator: 'contains' as const, value: '' },
      { field: 'closed_at', operator: 'null' as const, value: undefined },
      { field: 'q', operator: 'contains' as const, value: ' 积水 ' },
    ];
    expect(toDirectusFilter(filters)).toEqual({ closed_at: { _null: true } });
    expect(searchOf(filters)).toBe('积水');
    expect(toDirectusFilter([])).toBeUndefined();
  });

  it('refuses an operator it does not know rather than ignore it', () => {
    expect(() => toDirectusFilter([{ field: 'x', operator: 'nope' as never, value: 1 }])).toThrow(/not supported/);
  });

  it('sorts and pages', () => {
    expect(
      toDirectusSort([
        { field: 'due_at', order: 'asc' },
        { field: 'id', order: 'desc' },
      ]),
    ).toEqual(['due_at', '-id']);
    expect(toDirectusPage({ currentPage: 3, pageSize: 20 })).toEqual({ limit: 20, page: 3 });
    expect(toDirectusPage({ mode: 'off' })).toEqual({ limit: -1 });
  });

  it('asks a page without its total for one row more, and offers the next page only when it came', () => {
    expect(countlessPage({ currentPage: 3, pageSize: 10 })).toEqual({ limit: 11, offset: 20 });
    const rows = (n: number) => Array.from({ length: n }, (_, i) => i);
    // More than a page: ten shown, the total one past them (the table offers page 4).
    expect(countlessResult(rows(11), { currentPage: 3, pageSize: 10 })).toEqual({ data: rows(10), total: 31 });
    // The last page: what came is all there is.
    expect(countlessResult(rows(4), { currentPage: 3, pageSize: 10 })).toEqual({ data: rows(4), total: 24 });
    expect(countlessResult([], { currentPage: 1, pageSize: 10 })).toEqual({ data: [], total: 0 });
  });
});
