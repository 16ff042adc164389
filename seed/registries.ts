// Registry reference data: the code tables, filled once when empty (then they
// belong to the administrators who edit them).

import { createItems, readItems } from '@directus/sdk';
import type { AdminClient } from '../scripts/lib/directus.ts';
import { codeCollection, CODE_TABLES, type CodeTableKey } from '../schema/collections/code-tables.ts';
import { codeRows } from './code-tables.ts';
import { generateRegistry } from './registries-generator.ts';

/** People per grid in the demo data: enough to see lists, small enough to start fast. */
const DEMO_PEOPLE_PER_GRID = 4;

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
