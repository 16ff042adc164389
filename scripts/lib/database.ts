// A knex connection to the system's database, for commands that work on it
// directly (audit:verify, backup, restore); Directus and the worker open their own.

import knex, { type Knex } from 'knex';
import type { Settings } from '../../directus.config.ts';

export function openDatabase(settings: Pick<Settings, 'database'>): Knex {
  return settings.database.client === 'pg'
    ? knex({ client: 'pg', connection: settings.database.connectionString, pool: { min: 0, max: 2 } })
    : knex({ client: 'sqlite3', connection: { filename: settings.database.filename }, useNullAsDefault: true, pool: { min: 1, max: 1 } });
}
