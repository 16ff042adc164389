import { describe, expect, it } from 'vitest';
import { checkIdNumber } from '../../extensions/registries/src/id-number.ts';
import { BEHIND_SHARE, PEOPLE_PER_GRID, peopleOfGrid, serviceRecordsOf } from './people.ts';
import { demoInput } from './test-input.ts';
import { DAY } from './time.ts';
import { extendTree } from './tree.ts';

describe('people, service objects and service records', () => {
  const input = demoInput(0.25);
  const grids = [...input.units, ...extendTree(input.units, 1000, 7)].filter((u) => u.level === 'grid').slice(0, 30);
  const used = new Set<string>();
  const data = grids.map((g) => peopleOfGrid(g, 0.25, input.window, used, 7));
  const people = data.flatMap((d) => d.people);

  it('number about 800 a grid at full size, every ID number valid and given once in the district', () => {
    expect(people.length / grids.length).toBeGreaterThan(PEOPLE_PER_GRID * 0.25 * 0.8);
    expect(people.length / grids.length).toBeLessThan(PEOPLE_PER_GRID * 0.25 * 1.2);
    expect(new Set(people.map((p) => p.id_number)).size).toBe(people.length);
    for (const p of people.slice(0, 500)) expect(checkIdNumber(p.id_number).ok).toBe(true);
    for (const [i, d] of data.entries()) for (const p of d.people) expect(p.unit_path).toBe(grids[i]!.path);
  });

  it('are the same for the same seed', () => {
    expect(peopleOfGrid(grids[3]!, 0.25, input.window, new Set(), 7).people.length).toBe(data[3]!.people.length);
  });

  it('give each service object records at its interval, the next visit due after the last, a few behind', () => {
    let behind = 0;
    let total = 0;
    for (let i = 0; i < 400; i++) {
      const object = {
        id: i,
        unit: 1,
        unit_path: '/320111/S01/C001/G01/',
        visit_every_days: [7, 15, 30][i % 3]!,
        valid_from: '2024-03-01',
      };
      const served = serviceRecordsOf(object, 'worker', input.window, input.calendar, 7);
      total++;
      expect(served.records.length).toBeGreaterThan(0);
      const times = served.records.map((r) => r.served_at.getTime());
      // At most a quarter of an interval late, plus a holiday's days off.
      for (let k = 1; k < times.length; k++) expect(times[k]! - times[k - 1]!).toBeLessThan((object.visit_every_days * 1.25 + 10) * DAY);
      expect(served.last_served_at).toEqual(served.records.at(-1)!.served_at);
      expect(served.next_visit_due > served.last_served_at!.toISOString().slice(0, 10)).toBe(true);
      if (served.next_visit_due < input.window.end.toISOString().slice(0, 10)) behind++;
    }
    expect(behind / total).toBeGreaterThan(BEHIND_SHARE / 3);
    expect(behind / total).toBeLessThan(BEHIND_SHARE * 2.5);
  });
});
