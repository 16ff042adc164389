// Registry reference data: the code tables, filled once when empty (then they
// belong to the administrators who edit them).

import { createItems, readItems } from '@directus/sdk';
import type { AdminClient } from '../scripts/lib/directus.ts';
import { codeCollection, CODE_TABLES, type CodeTableKey } from '../schema/collections/code-tables.ts';
import { codeRows } from './code-tables.ts';

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
