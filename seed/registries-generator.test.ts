import { describe, expect, it } from 'vitest';
import { checkIdNumber, consistencyProblems } from '../extensions/registries/src/id-number.ts';
import { generateRegistry } from './registries-generator.ts';

const grids = Array.from({ length: 20 }, (_, i) => ({
  id: i + 1,
  path: `/320111/S01/C001/G${String(i + 1).padStart(2, '0')}/`,
  name: `网格${i + 1}`,
}));

describe('the synthetic registry', () => {
  const data = generateRegistry(grids, { peoplePerGrid: 500 });

  it('scales with the knob and is the same for the same seed', () => {
    expect(data.people).toHaveLength(10_000);
    expect(generateRegistry(grids, { peoplePerGrid: 500 }).people[1234]).toEqual(data.people[1234]);
    expect(generateRegistry(grids, { peoplePerGrid: 10 }).people).toHaveLength(200);
  });

  it('gives everyone a valid, unique ID number consistent with birth date and sex', () => {
    expect(new Set(data.people.map((p) => p.id_number)).size).toBe(data.people.length);
    for (const p of data.people) {
      const check = checkIdNumber(p.id_number);
      if (!check.ok) throw new Error(`${p.id_number}: ${check.problem}`);
      expect(consistencyProblems(check.facts, p)).toEqual([]);
    }
  });

  it('keeps plausible proportions', () => {
    const share = (f: (p: (typeof data.people)[number]) => boolean) => data.people.filter(f).length / data.people.length;
    expect(share((p) => p.is_floating)).toBeGreaterThan(0.24);
    expect(share((p) => p.is_floating)).toBeLessThan(0.3);
    expect(share((p) => p.is_floating && p.household_place_code === '320111')).toBe(0);
    expect(share((p) => p.phone !== null)).toBeGreaterThan(0.7);
    expect(data.houses.length).toBeGreaterThan(1500);
    expect(new Set(data.houses.map((h) => h.number)).size).toBe(data.houses.length);
    expect(data.serviceObjects.length / data.people.length).toBeGreaterThan(0.003);
    expect(data.serviceObjects.length / data.people.length).toBeLessThan(0.008);
    expect(new Set(data.serviceObjects.map((o) => o.category)).size).toBeGreaterThanOrEqual(6);
  });
});
