import { describe, expect, it } from 'vitest';
import type { SchemaOverview } from '@directus/types';
import { isOfSuperiors, SCOPE_PATHS, scopedReferences, scopePathsOf } from './references.ts';

const relations = [
  { collection: 'rental_tenants', field: 'person', related_collection: 'people' },
  { collection: 'rental_tenants', field: 'rental_house', related_collection: 'rental_houses' },
  { collection: 'rental_tenants', field: 'unit', related_collection: 'units' },
  { collection: 'rental_tenants', field: 'user_created', related_collection: 'directus_users' },
  { collection: 'people', field: 'unit', related_collection: 'units' },
] as unknown as SchemaOverview['relations'];
const scoped = new Map([
  ['people', 'unit_path'],
  ['rental_houses', 'unit_path'],
  ['rental_tenants', 'unit_path'],
]);

describe('references to items under the jurisdiction rule', () => {
  it('are the many-to-ones of the payload that point at scoped collections, not at units or users', () => {
    expect(
      scopedReferences(relations, scoped, 'rental_tenants', {
        person: 7,
        rental_house: '12',
        unit: 3,
        user_created: 'u',
        moved_in: '2026-11-01',
      }),
    ).toEqual([
      { field: 'person', collection: 'people', key: 7 },
      { field: 'rental_house', collection: 'rental_houses', key: '12' },
    ]);
  });

  it('leave out fields not sent or emptied', () => {
    expect(scopedReferences(relations, scoped, 'rental_tenants', { person: null })).toEqual([]);
  });

  it('must be keys: a nested item (creating or reaching another record) is refused', () => {
    expect(() => scopedReferences(relations, scoped, 'rental_tenants', { person: { name: '新人员' } })).toThrow('“person”请填写编号');
  });
});

describe("the caller's superiors", () => {
  it.each([
    ['/320111/S01/C001/', '/320111/S01/C001/G01/', true],
    ['/320111/S01/C001/G01/', '/320111/S01/C001/G01/', true],
    ['/320111/S01/C002/', '/320111/S01/C001/G01/', false],
    ['/320111/S01/C001/G01/', '/320111/S01/C001/', false],
    [null, '/320111/', false],
    ['/320111/', undefined, false],
  ])('an item of %s is of the superiors of %s: %s', (item, caller, expected) => expect(isOfSuperiors(item, caller)).toBe(expected));
});

describe('scopePathsOf', () => {
  const schemaWith = (collections: Record<string, string[]>) =>
    ({
      collections: Object.fromEntries(
        Object.entries(collections).map(([collection, fields]) => [
          collection,
          { collection, fields: Object.fromEntries(fields.map((f) => [f, {}])) },
        ]),
      ),
      relations: [],
    }) as unknown as SchemaOverview;

  it('adds the collections an administrator put under the rule to those code declares', () => {
    const scopes = scopePathsOf(
      schemaWith({
        fire_hydrants: ['id', 'unit', 'unit_path'],
        units: ['path', 'unit_path'],
        directus_users: ['unit_path'],
        plain: ['id'],
      }),
    );
    expect(scopes.get('fire_hydrants')).toBe('unit_path');
    expect(scopes.get('people')).toBe(SCOPE_PATHS.get('people'));
    for (const left of ['units', 'directus_users', 'plain']) expect(scopes.has(left)).toBe(false);
  });

  it('is code’s map itself when the schema adds nothing, and the same answer for the same schema', () => {
    expect(scopePathsOf(schemaWith({ plain: ['id'] }))).toBe(SCOPE_PATHS);
    const schema = schemaWith({ fire_hydrants: ['unit_path'] });
    expect(scopePathsOf(schema)).toBe(scopePathsOf(schema));
  });
});
