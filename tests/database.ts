// The test system's own database, opened directly as the worker opens it: for
// tests that check what is stored (or tamper with it) beneath Directus.

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import knex, { type Knex } from 'knex';
import { inject } from 'vitest';
import { NODE } from '../scripts/lib/directus.ts';

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

/**
 * One of the system's commands (scripts/*.ts) against the test system, as an operator runs it:
 * its settings only (DATA_DIR and the database), with `settings` over them (an empty one: not set).
 */
export async function systemCommand(
  script: string,
  args: string[] = [],
  settings: Record<string, string> = {},
): Promise<{ code: number; out: string }> {
  const { env } = inject('worker');
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(DB_|DATABASE_|DATA_DIR|DEMO|REDIS|PERSONAL|SEAL)/.test(k)),
  );
  const own: Record<string, string> = {
    DATA_DIR: inject('directus').dataDir,
    ...(env.DB_CONNECTION_STRING ? { DATABASE_URL: env.DB_CONNECTION_STRING } : { DB_FILENAME: env.DB_FILENAME! }),
    ...settings,
  };
  try {
    const { stdout, stderr } = await promisify(execFile)(NODE, [script, ...args], {
      env: { ...base, ...own } as NodeJS.ProcessEnv,
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}
