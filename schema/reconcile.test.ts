import { describe, expect, it } from 'vitest';
import { fieldUpdate, metaChanges, sameJson, schemaChanges, permissionPlan } from './reconcile.ts';

describe('schema reconciliation', () => {
  it('compares JSON whatever the order of keys, null as missing', () => {
    expect(sameJson({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toBe(true);
    expect(sameJson({ a: null }, {})).toBe(false);
    expect(sameJson(null, undefined)).toBe(true);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
  });

  it.each([
    ['nothing set by code', {}, { note: 'Studio' }, null],
    ['a label changed in code', { note: '新' }, { note: '旧', width: 'half' }, { note: '新' }],
    [
      'a choice added',
      { options: { choices: [{ text: 'A', value: 'a' }] } },
      { options: { choices: [] } },
      { options: { choices: [{ text: 'A', value: 'a' }] } },
    ],
    ['the same, keys in another order', { options: { b: 1, a: 2 } }, { options: { a: 2, b: 1 } }, null],
    ['a key code sets that is missing', { hidden: true }, {}, { hidden: true }],
    ['SQLite’s own read flags', { special: ['date-created'] }, { special: ['date-created', 'cast-timestamp'] }, null],
    ['a special flag of ours missing', { special: ['m2o'] }, { special: null }, { special: ['m2o'] }],
  ])('meta: %s', (_case, wanted, stored, expected) => {
    expect(metaChanges(wanted, stored)).toEqual(expected);
  });

  it.each([
    ['a longer text', { max_length: 255 }, { max_length: 100 }, { safe: { max_length: 255 }, unsafe: [] }],
    ['a shorter text is not applied', { max_length: 50 }, { max_length: 100 }, { safe: null, unsafe: ['max_length 100 → 50'] }],
    ['a new default', { default_value: 'x' }, { default_value: null }, { safe: { default_value: 'x' }, unsafe: [] }],
    ['NOT NULL is not added', { is_nullable: false }, { is_nullable: true }, { safe: null, unsafe: ['is_nullable → false'] }],
    ['a text field without a length', { max_length: 255 }, { max_length: null }, { safe: null, unsafe: [] }],
    ['nothing to do', { max_length: 255, is_nullable: false }, { max_length: 255, is_nullable: false }, { safe: null, unsafe: [] }],
  ])('schema: %s', (_case, wanted, stored, expected) => {
    expect(schemaChanges(wanted, stored)).toEqual(expected);
  });

  it('leaves a field that matches alone', () => {
    const spec = { field: 'title', type: 'string', schema: { max_length: 200 }, meta: { note: 'n' } };
    expect(fieldUpdate(spec, { field: 'title', schema: { max_length: 200, is_nullable: true }, meta: { note: 'n', sort: 3 } })).toBeNull();
    expect(fieldUpdate(spec, { field: 'title', schema: { max_length: 100 }, meta: { note: 'old' } })).toEqual({
      meta: { note: 'n' },
      schema: { max_length: 200 },
      unsafe: [],
    });
  });
});

describe('permissionPlan', () => {
  const read = { policy: 'p', collection: 'c', action: 'read', fields: ['*'], permissions: { a: 1 } };
  it('creates what is missing, changes what differs, removes what is no longer wanted', () => {
    const stored = [
      { id: 1, policy: 'p', collection: 'c', action: 'read', fields: ['*'], permissions: { a: 2 }, validation: null, presets: null },
      { id: 2, policy: 'p', collection: 'gone', action: 'read', fields: ['*'], permissions: null, validation: null, presets: null },
    ];
    const create = { policy: 'p', collection: 'c', action: 'create', fields: ['*'], presets: { unit: 1 } };
    expect(permissionPlan(stored, [read, create])).toEqual({
      create: [create],
      update: [{ id: 1, key: 'p|c|read', changes: { fields: ['*'], permissions: { a: 1 }, validation: null, presets: null } }],
      remove: [2],
    });
  });
  it('finds nothing to do when the rows are as wanted', () => {
    const stored = [{ id: 1, ...read, validation: null, presets: null }];
    expect(permissionPlan(stored, [read])).toEqual({ create: [], update: [], remove: [] });
  });
});
