// The test system's own database, opened directly as the worker opens it: for
// tests that check what is stored (or tamper with it) beneath Directus.

import knex, { type Knex } from 'knex';
import { inject } from 'vitest';

export function systemDatabase(): Knex {
  const { env } = inject('worker');
  return env.DB_CLIENT === 'pg'
    ? knex({ client: 'pg', connection: env.DB_CONNECTION_STRING, pool: { min: 0, max: 2 } })
    : knex({ client: 'sqlite3', connection: { filename: env.DB_FILENAME! }, useNullAsDefault: true });
}

/** Inserts a row beneath Directus (a record a test makes as it stands in the database) and returns its id. */
export async function insertRow(db: Knex, table: string, row: Record<string, unknown>): Promise<number> {
  const [id] = await db(table).insert(row).returning('id');
  return Number(typeof id === 'object' ? id.id : id);
}
