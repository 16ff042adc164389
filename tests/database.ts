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
