// The settings of a throwaway system for a benchmark: a temporary data folder
// and, for PostgreSQL, a new database; both removed again by the undo steps.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PROJECT_ROOT, readSettings, type Settings } from '../../directus.config.ts';
import { freePort } from '../../scripts/lib/local.ts';
import { prepare, startSystem, stopSystem, type System } from '../../scripts/lib/system.ts';
import { onCleanUp } from './cleanup.ts';
import { openPg, openSqlite, pgAdmin, type Sql } from './sql.ts';

/** The server the throwaway PostgreSQL databases are created on (trust auth, as on the project's machines). */
export const PG_SERVER = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function throwawaySettings(key: 'pg' | 'sqlite', name: string): Promise<Settings> {
  const dataDir = mkdtempSync(join(tmpdir(), `zongzhi-bench-${name}-${key}-`));
  onCleanUp(() => rmSync(dataDir, { recursive: true, force: true }));
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PORT: String(await freePort()),
    DEMO: 'true',
    RATE_LIMIT_PER_SECOND: '0',
    LOG_LEVEL: 'warn',
    // A setting to compare (CACHE_ENABLED=false npm run bench:…): Directus's look-up cache, on by default.
    ...(process.env.CACHE_ENABLED === undefined ? {} : { CACHE_ENABLED: process.env.CACHE_ENABLED }),
  };
  if (key === 'pg') {
    const database = `zongzhi_bench_${name}_${process.pid}_${Date.now()}`;
    await pgAdmin(PG_SERVER, `CREATE DATABASE "${database}"`);
    onCleanUp(() => pgAdmin(PG_SERVER, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
    const url = new URL(PG_SERVER);
    url.pathname = `/${database}`;
    env.DATABASE_URL = url.toString();
  }
  return readSettings(env);
}

/**
 * A throwaway Directus on the settings, with the schema and the demo data, and a
 * direct connection to its database; both closed again by the undo steps. The
 * server's log is kept after the run (git-ignored), for reading when something failed.
 */
export async function startDemoSystem(settings: Settings, logName: string): Promise<{ system: System; sql: Sql }> {
  const logFile = resolve(PROJECT_ROOT, '.test-data', `${logName}.log`);
  rmSync(logFile, { force: true });
  const system = await startSystem(settings, { logFile });
  onCleanUp(() => stopSystem(system));
  await prepare(system, settings, { schema: true, seed: true });
  const sql =
    settings.database.client === 'pg' ? await openPg(settings.database.connectionString) : await openSqlite(settings.database.filename);
  onCleanUp(() => sql.close());
  return { system, sql };
}
