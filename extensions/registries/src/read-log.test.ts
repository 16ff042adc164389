import { describe, expect, it } from 'vitest';
import { holdsPersonalNumbers, itemsRead, revealsContent } from './read-log.ts';

// The relations around a key person's file, as Directus's schema overview has them.
const relations = [
  { collection: 'service_objects', field: 'person', related_collection: 'people', meta: null },
  { collection: 'service_records', field: 'service_object', related_collection: 'service_objects', meta: { one_field: 'service_records' } },
  {
    collection: 'assistance_groups',
    field: 'service_object',
    related_collection: 'service_objects',
    meta: { one_field: 'assistance_groups' },
  },
  { collection: 'rental_tenants', field: 'person', related_collection: 'people', meta: null },
  { collection: 'rental_tenants', field: 'rental_house', related_collection: 'rental_houses', meta: { one_field: 'tenants' } },
] as never;
const LOGGED = ['service_objects'];

describe('the key persons’ files an answer contains', () => {
  it('are the rows themselves when the file is queried', () => {
    expect(itemsRead('service_objects', [{ id: 4, category: 'drug' }, { id: 9 }], relations, LOGGED)).toEqual(
      new Map([['service_objects', [4, 9]]]),
    );
  });

  it('include files reached through a many-to-one, once each', () => {
    const answer = [
      { id: 1, served_at: '2026-11-01', service_object: { id: 4, person: { name: '甲' } } },
      { id: 2, service_object: { id: 4 } },
      { id: 3, service_object: { id: 7, category: 'mental' } },
    ];
    expect(itemsRead('service_records', answer, relations, LOGGED)).toEqual(new Map([['service_objects', [4, 7]]]));
  });

  it('include a single record read, and files reached through a one-to-many and back', () => {
    const object = { id: 5, assistance_groups: [{ name: '帮教小组', service_object: { id: 5 } }] };
    expect(itemsRead('service_objects', object, relations, LOGGED)).toEqual(new Map([['service_objects', [5]]]));
  });

  it('record a read whose id was not asked for as null, not as no read', () => {
    expect(itemsRead('service_records', [{ service_object: { category: 'drug' } }], relations, LOGGED)).toEqual(
      new Map([['service_objects', [null]]]),
    );
  });

  it('are none when the relation holds only the key, or the answer reaches no file', () => {
    expect(itemsRead('service_records', [{ id: 1, service_object: 4 }], relations, LOGGED).size).toBe(0);
    expect(itemsRead('rental_houses', [{ id: 1, tenants: [{ person: { name: '乙' } }] }], relations, LOGGED).size).toBe(0);
    expect(itemsRead('service_objects', [], relations, LOGGED).size).toBe(0);
  });
});

describe('personal numbers in the clear', () => {
  const clear = holdsPersonalNumbers({ people: ['id_number', 'phone'] });
  it('are an item’s personal fields with a value; masked forms and other collections are not', () => {
    expect(clear('people', { id: 1, id_number: '320111199001011234' })).toBe(true);
    expect(clear('people', { id: 1, phone: '13900000000' })).toBe(true);
    expect(clear('people', { id: 1, id_number_masked: '3201**********1234', id_number: null })).toBe(false);
    expect(clear('people', { id: 1, id_number: '' })).toBe(false);
    expect(clear('houses', { id: 1, id_number: '320111199001011234' })).toBe(false);
  });
});

describe('grouped and aggregated reads', () => {
  it.each([
    [{ group: ['id', 'person', 'situation'], aggregate: { count: ['*'] } }, true],
    [{ group: ['category'] }, true],
    [{ aggregate: { max: ['situation'] } }, true],
    [{ aggregate: { countDistinct: ['person'] } }, true],
    [{ aggregate: { count: ['*'] } }, false],
    [{ aggregate: { countAll: true } }, false],
    [{}, false],
  ])('%j shows what files say: %s', (query, expected) => {
    expect(revealsContent(query)).toBe(expected);
  });
});
