// The demo data `npm start` seeds: people in every grid with valid ID numbers, in
// plausible categories, houses and service objects, all through the registry's rules.

import { describe, expect, it } from 'vitest';
import { flattenUnits, PUKOU } from '../../seed/pukou.ts';
import { login, loginAdmin } from '../http.ts';

describe('demo registries', () => {
  it('fill every grid with people, houses and some service objects', async () => {
    const admin = await loginAdmin();
    // The seeded grids still where the seed put them (other test files add and move units of their own).
    const current = new Set(
      ((await admin.get('/items/units?filter[level][_eq]=grid&fields=path&limit=-1')).body.data as { path: string }[]).map((u) => u.path),
    );
    const seeded = flattenUnits(PUKOU)
      .filter((u) => u.level === 'grid' && current.has(u.path))
      .map((u) => u.path);
    const grids = seeded.length;
    expect(grids).toBeGreaterThan(60);
    const people = await admin.get('/items/people?groupBy[]=unit_path&aggregate[count]=*&filter[unit][level][_eq]=grid&limit=-1');
    const filled = new Set((people.body.data as { unit_path: string }[]).map((row) => row.unit_path));
    expect(seeded.filter((path) => !filled.has(path))).toEqual([]);
    expect(Number((await admin.get('/items/people?aggregate[count]=*&filter[is_floating][_eq]=true')).body.data[0].count)).toBeGreaterThan(
      0,
    );
    expect(Number((await admin.get('/items/houses?aggregate[count]=*')).body.data[0].count)).toBeGreaterThanOrEqual(grids);
    // The grid worker sees its own grid's people, with full numbers; the street with masked ones.
    const own = await (await login('grid-gridworker@pukou.gov.cn')).get(
      '/items/people?fields=id_number,unit_path&limit=-1&filter[id_number][_nnull]=true',
    );
    expect(own.body.data.length).toBeGreaterThanOrEqual(4);
    expect(
      own.body.data.every(
        (p: { unit_path: string; id_number: string }) => p.unit_path === '/320111/S01/C001/G01/' && /^\d{17}[\dX]$/.test(p.id_number),
      ),
    ).toBe(true);
  });
});
