import { describe, expect, it } from 'vitest';
import { COLLECTIONS } from '../schema/index.ts';
import { PHONE_PATTERN } from '../schema/fields.ts';
import { generatePlaces, isRef, resolveRefs, type DemoTree } from './places-generator.ts';

const unit = (id: number, path: string, name: string) => ({ id, path, name });
const tree: DemoTree = {
  streets: [unit(1, '/320111/S01/', '江浦街道'), unit(2, '/320111/S02/', '顶山街道')],
  communities: [unit(11, '/320111/S01/C001/', '求雨山社区'), unit(21, '/320111/S02/C004/', '珠泉社区')],
  grids: [
    { ...unit(111, '/320111/S01/C001/G01/', '第一网格'), people: [1, 2, 3, 4] },
    { ...unit(211, '/320111/S02/C004/G01/', '第一网格'), people: [5] },
  ],
  serviceObjects: [{ id: 7, unit: 111, category: 'drug' }],
};
const today = new Date('2026-12-05T02:00:00Z');

describe('the demo places', () => {
  const planned = generatePlaces(tree, { today });
  const rows = (collection: string) => planned.find((p) => p.collection === collection)?.rows ?? [];

  it('is the same for the same seed and day', () => {
    expect(generatePlaces(tree, { today })).toEqual(planned);
  });

  it('gives every street, community and grid its own rows, in an order where each refers only to rows before it', () => {
    for (const s of tree.streets)
      for (const c of ['key_areas', 'offices'])
        expect(
          rows(c).some((r) => r.unit === s.id),
          c,
        ).toBe(true);
    for (const c of tree.communities)
      for (const collection of ['compounds', 'buildings', 'social_units', 'social_organisations', 'patrol_teams', 'offices'])
        expect(
          rows(collection).some((r) => r.unit === c.id),
          collection,
        ).toBe(true);
    const seen = new Set<string>();
    for (const { collection, rows: list } of planned) {
      for (const row of list)
        for (const value of Object.values(row)) if (isRef(value)) expect(seen.has(value.$ref), `${collection} → ${value.$ref}`).toBe(true);
      seen.add(collection);
    }
  });

  it('takes owners and tenants from the grid’s own people, and skips a grid with too few', () => {
    expect(rows('rental_houses')).toHaveLength(1);
    const rental = rows('rental_houses')[0]!;
    expect(rental.owner).toBe(1);
    for (const t of rows('rental_tenants')) expect([2, 3, 4]).toContain(t.person);
    expect(rows('assistance_groups')).toEqual([expect.objectContaining({ service_object: 7, unit: 111 })]);
    expect(rows('service_records').every((r) => Date.parse(r.served_at as string) < today.getTime())).toBe(true);
  });

  it('fills every required field and keeps to the schema’s choices and patterns', () => {
    for (const { collection, rows: list } of planned) {
      const spec = COLLECTIONS.find((c) => c.collection === collection)!;
      for (const field of spec.fields ?? []) {
        const required = field.meta?.required || field.schema?.is_nullable === false;
        const choices = (field.meta?.options as { choices?: { value: string }[] } | undefined)?.choices?.map((c) => c.value);
        for (const row of list) {
          const value = row[field.field];
          if (required && field.field !== 'id' && !field.schema?.default_value && field.field !== 'unit_path')
            expect(value, `${collection}.${field.field}`).toBeDefined();
          if (value !== undefined && choices && field.meta?.interface === 'select-dropdown')
            expect(choices, `${collection}.${field.field}`).toContain(value);
          if (
            typeof value === 'string' &&
            field.meta?.validation &&
            JSON.stringify(field.meta.validation).includes(PHONE_PATTERN.slice(2, 12))
          )
            expect(value).toMatch(new RegExp(PHONE_PATTERN));
          const max = field.schema?.max_length;
          if (typeof value === 'string' && typeof max === 'number')
            expect(value.length, `${collection}.${field.field}`).toBeLessThanOrEqual(max);
        }
      }
    }
  });

  it('turns references into the ids created for them, and refuses one to nothing', () => {
    const created = new Map([['offices', [41, 42]]]);
    expect(resolveRefs([{ office: { $ref: 'offices', index: 1 }, name: '王伟' }], created)).toEqual([{ office: 42, name: '王伟' }]);
    expect(() => resolveRefs([{ office: { $ref: 'offices', index: 5 } }], created)).toThrow(/offices\[5\]/);
  });
});
