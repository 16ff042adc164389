// The settings of a throwaway system for a benchmark: a temporary data folder
// and, for PostgreSQL, a new database; both removed again by the undo steps.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSettings, type Settings } from '../../directus.config.ts';
import { freePort } from '../../scripts/lib/local.ts';
import { onCleanUp } from './cleanup.ts';
import { pgAdmin } from './sql.ts';

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
