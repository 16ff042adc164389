import { describe, expect, it } from 'vitest';
import { SealedFilterRefused, sealedFilter, type Reach } from './sealed-filter.ts';

const sealed = { fields: { people: ['id_number', 'phone'] }, indexes: { people: { id_number: 'id_number_index' } } };
const reach: Reach = (collection, field) =>
  (({ 'service_objects.person': 'people', 'people.service_objects': 'service_objects' }) as Record<string, string>)[
    `${collection}.${field}`
  ] ?? null;
/** Two keys still read: every value has two indexes. */
const indexesOf = (_c: string, _f: string, v: unknown) => [`new(${String(v)})`, `old(${String(v)})`];
const rewrite = (collection: string, filter: unknown) => sealedFilter(collection, filter, reach, sealed, indexesOf);

describe('a filter on sealed numbers', () => {
  it('finds by the blind index under every key: equals and is-one-of, negated too', () => {
    expect(rewrite('people', { id_number: { _eq: 'A' } })).toEqual({ id_number_index: { _in: ['new(A)', 'old(A)'] } });
    expect(rewrite('people', { id_number: { _in: ['A', 'B'] } })).toEqual({
      id_number_index: { _in: ['new(A)', 'old(A)', 'new(B)', 'old(B)'] },
    });
    expect(rewrite('people', { id_number: { _in: 'A,B' } })).toEqual({
      id_number_index: { _in: ['new(A)', 'old(A)', 'new(B)', 'old(B)'] },
    });
    expect(rewrite('people', { id_number: { _neq: 'A' } })).toEqual({ id_number_index: { _nin: ['new(A)', 'old(A)'] } });
    expect(rewrite('people', { id_number: { _nin: ['A'] } })).toEqual({ id_number_index: { _nin: ['new(A)', 'old(A)'] } });
  });

  it('keeps the other tests of the record and the tests of presence', () => {
    expect(rewrite('people', { name: { _eq: '张三' }, id_number: { _eq: 'A' } })).toEqual({
      _and: [{ name: { _eq: '张三' } }, { id_number_index: { _in: ['new(A)', 'old(A)'] } }],
    });
    expect(rewrite('people', { phone: { _nnull: true } })).toEqual({ phone: { _nnull: true } });
    expect(rewrite('people', { id_number: { _eq: null } })).toEqual({ id_number: { _null: true } });
    expect(rewrite('people', { name: { _contains: '张' } })).toEqual({ name: { _contains: '张' } });
  });

  it('works inside _and / _or and through relations, _some and _none included', () => {
    expect(rewrite('people', { _or: [{ id_number: { _eq: 'A' } }, { name: { _eq: 'x' } }] })).toEqual({
      _or: [{ id_number_index: { _in: ['new(A)', 'old(A)'] } }, { name: { _eq: 'x' } }],
    });
    expect(rewrite('service_objects', { person: { id_number: { _eq: 'A' } }, category: { _eq: 'drug' } })).toEqual({
      person: { id_number_index: { _in: ['new(A)', 'old(A)'] } },
      category: { _eq: 'drug' },
    });
    expect(rewrite('people', { service_objects: { _some: { person: { id_number: { _eq: 'A' } } } } })).toEqual({
      service_objects: { _some: { person: { id_number_index: { _in: ['new(A)', 'old(A)'] } } } },
    });
    expect(rewrite('service_objects', { person: { _null: true } })).toEqual({ person: { _null: true } });
  });

  it('refuses what needs the content of a sealed value, in words', () => {
    expect(() => rewrite('people', { id_number: { _starts_with: '3201' } })).toThrow(SealedFilterRefused);
    expect(() => rewrite('people', { id_number: { _starts_with: '3201' } })).toThrow(/只能按完整号码查找/);
    expect(() => rewrite('people', { phone: { _eq: '13900001111' } })).toThrow(/不能按其内容筛选/);
    expect(() => rewrite('service_objects', { person: { id_number: { _gt: '1' } } })).toThrow(SealedFilterRefused);
    expect(() => rewrite('people', { id_number: 'A' })).toThrow(SealedFilterRefused);
  });

  it('leaves the tests on a field the caller may not read to the permission check', () => {
    const masked = (c: string, f: string) => !(c === 'people' && ['id_number', 'phone'].includes(f));
    const filter = { id_number: { _starts_with: '3201' }, phone: { _eq: '139' } };
    expect(sealedFilter('people', filter, reach, sealed, indexesOf, masked)).toEqual(filter);
    expect(sealedFilter('service_objects', { person: { id_number: { _eq: 'A' } } }, reach, sealed, indexesOf, masked)).toEqual({
      person: { id_number: { _eq: 'A' } },
    });
  });

  it('leaves a collection without sealed fields, and odd values, as they are', () => {
    const filter = { unit: { _eq: 3 }, __proto__: { x: 1 } };
    expect(rewrite('units', { unit: { _eq: 3 } })).toEqual({ unit: { _eq: 3 } });
    expect(rewrite('units', null)).toBe(null);
    expect(rewrite('units', 'text')).toBe('text');
    expect(Object.getPrototypeOf(rewrite('units', filter))).toBe(Object.prototype);
  });
});
