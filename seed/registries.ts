// Registry reference data: the code tables, filled once when empty (then they
// belong to the administrators who edit them).

import { createItems, readItems } from '@directus/sdk';
import type { AdminClient } from '../scripts/lib/directus.ts';
import { codeCollection, CODE_TABLES, type CodeTableKey } from '../schema/collections/code-tables.ts';
import { codeRows } from './code-tables.ts';
import { SERVICE_CATEGORIES } from '../schema/collections/service-objects.ts';
import { generatePlaces, resolveRefs, type DemoTree } from './places-generator.ts';
import { generateRegistry, type GeneratedServiceObject } from './registries-generator.ts';

/** People per grid in the demo data: some two thousand in the district, enough to see lists and figures, small enough to start fast. */
const DEMO_PEOPLE_PER_GRID = 30;

export async function seedCodeTables(client: AdminClient): Promise<number> {
  let created = 0;
  for (const table of Object.keys(CODE_TABLES) as CodeTableKey[]) {
    const collection = codeCollection(table);
    const existing = (await client.request(readItems(collection, { fields: ['code'], limit: 1 }))) as unknown[];
    if (existing.length) continue;
    const rows = codeRows(table);
    await client.request(createItems(collection, rows));
    created += rows.length;
  }
  return created;
}

/** Demo people, houses and service objects in every grid, through the API (so every rule applies); once. */
export async function seedDemoRegistries(client: AdminClient): Promise<number> {
  if (((await client.request(readItems('people', { fields: ['id'], limit: 1 }))) as unknown[]).length) return 0;
  const grids = (await client.request(
    readItems('units', {
      fields: ['id', 'path', 'name'],
      filter: { level: { _eq: 'grid' }, kind: { _eq: 'office' } },
      sort: ['path'],
      limit: -1,
    }),
  )) as { id: number; path: string; name: string }[];
  const data = generateRegistry(grids, { peoplePerGrid: DEMO_PEOPLE_PER_GRID });
  data.serviceObjects.push(...everyCategory(data));
  const ids: number[] = [];
  for (let i = 0; i < data.people.length; i += 100) {
    const batch = data.people.slice(i, i + 100).map(({ id_number_masked: _m, phone_masked: _p, unit_path: _u, ...person }) => person);
    ids.push(...((await client.request(createItems('people', batch, { fields: ['id'] }))) as { id: number }[]).map((r) => r.id));
  }
  await client.request(
    createItems(
      'houses',
      data.houses.map(({ unit_path: _u, ...house }) => house),
    ),
  );
  if (data.serviceObjects.length) {
    await client.request(
      createItems(
        'service_objects',
        data.serviceObjects.map(({ unit_path: _u, person, ...object }) => ({ ...object, person: ids[person] })),
      ),
    );
  }
  return ids.length;
}

/**
 * Service objects the generated share left out, so that the demo shows every one
 * of the eight categories and every community has at least one: for each
 * community without, an adult of it under the next category, the missing ones first.
 */
function everyCategory(data: ReturnType<typeof generateRegistry>): GeneratedServiceObject[] {
  const community = (path: string) => path.split('/').slice(0, 4).join('/');
  const taken = new Set(data.serviceObjects.map((o) => o.person));
  const served = new Set(data.serviceObjects.map((o) => community(o.unit_path)));
  const present = new Set(data.serviceObjects.map((o) => o.category));
  const all = Object.keys(SERVICE_CATEGORIES) as GeneratedServiceObject['category'][];
  const order = [...all.filter((c) => !present.has(c)), ...all.filter((c) => present.has(c))];
  const added: GeneratedServiceObject[] = [];
  for (const [i, p] of data.people.entries()) {
    const at = community(p.unit_path);
    if (served.has(at) || taken.has(i) || p.birth_date >= '2000-01-01') continue;
    served.add(at);
    const category = order[added.length % order.length]!;
    added.push({ person: i, category, risk_grade: '2', visit_every_days: 15, unit: p.unit, unit_path: p.unit_path });
  }
  return added;
}

/**
 * The demo's places, organisations, offices, 一长四员 and the work around the key
 * persons (places-generator.ts), for every street, community and grid; once,
 * when no compound exists yet. Through the API, so every rule and hook applies.
 */
export async function seedDemoPlaces(client: AdminClient, today = new Date()): Promise<number> {
  if (((await client.request(readItems('compounds', { fields: ['id'], limit: 1 }))) as unknown[]).length) return 0;
  const units = (await client.request(
    readItems('units', { fields: ['id', 'path', 'name', 'level'], filter: { kind: { _eq: 'office' } }, sort: ['path'], limit: -1 }),
  )) as { id: number; path: string; name: string; level: string }[];
  const people = (await client.request(readItems('people', { fields: ['id', 'unit'], sort: ['id'], limit: -1 }))) as {
    id: number;
    unit: number;
  }[];
  const objects = (await client.request(
    readItems('service_objects', { fields: ['id', 'unit', 'category'], sort: ['id'], limit: -1 }),
  )) as DemoTree['serviceObjects'];
  const tree: DemoTree = {
    streets: units.filter((u) => u.level === 'street'),
    communities: units.filter((u) => u.level === 'community'),
    grids: units.filter((u) => u.level === 'grid').map((g) => ({ ...g, people: people.filter((p) => p.unit === g.id).map((p) => p.id) })),
    serviceObjects: objects,
  };
  const created = new Map<string, number[]>();
  let count = 0;
  for (const { collection, rows } of generatePlaces(tree, { today })) {
    const ids: number[] = [];
    for (let i = 0; i < rows.length; i += 200) {
      const batch = resolveRefs(rows.slice(i, i + 200), created);
      ids.push(...((await client.request(createItems(collection, batch, { fields: ['id'] }))) as { id: number }[]).map((r) => r.id));
    }
    created.set(collection, ids);
    count += ids.length;
  }
  return count;
}
