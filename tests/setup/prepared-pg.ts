// A PostgreSQL system prepared once per test run, for the `start` tests that begin from one
// (seed:scale, INSTANCES=2, a database outage). The PostgreSQL project's global setup applies the
// schema and seeds the demo data as `npm start` does; right after, it leaves a pg_dump of that
// database and a copy of its data folder's secrets under .test-data/prepared-pg-<Vitest's pid>/.
// A test restores them into a database of its own in seconds, instead of preparing one for
// minutes beside everything else. Run without the PostgreSQL project (a start test alone), a test
// prepares its own as before.

import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_PASSWORD, PROJECT_ROOT, readSettings, type Settings } from '../../directus.config.ts';
import { KEPT_SECRETS, runTool } from '../../scripts/lib/backup.ts';
import { freePort } from '../../scripts/lib/local.ts';
import { prepare, startSystem, stopSystem } from '../../scripts/lib/system.ts';

/** The administrator of a prepared system (the demo data's). */
export const PREPARED_ADMIN = { email: 'admin@pukou.gov.cn', password: DEMO_PASSWORD };

const TEST_DATA = join(PROJECT_ROOT, '.test-data');
const PREFIX = 'prepared-pg-';
const preparedDir = (pid: number) => join(TEST_DATA, `${PREFIX}${pid}`);

/**
 * When a process started (Linux's /proc: clock ticks since boot), or '' where that cannot be read:
 * written beside a kept system, so that a folder left by a killed run whose process id has come up
 * again is not taken for this run's.
 */
function startedAt(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[19] ?? '';
  } catch {
    return '';
  }
}

/** Whether the kept system in `dir` is that of the live process `pid`. */
const keptBy = (dir: string, pid: number) => existsSync(join(dir, 'ready')) && readFileSync(join(dir, 'ready'), 'utf8') === startedAt(pid);

/** In the global setup, after prepare(): keeps the database and the secrets; returns what removes them. */
export async function keepPrepared(databaseUrl: string, dataDir: string): Promise<() => void> {
  const dir = preparedDir(process.pid);
  // Those of runs that were killed before they could remove theirs.
  for (const name of existsSync(TEST_DATA) ? readdirSync(TEST_DATA) : [])
    if (name.startsWith(PREFIX) && !keptBy(join(TEST_DATA, name), Number(name.slice(PREFIX.length))))
      rmSync(join(TEST_DATA, name), { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'data'), { recursive: true });
  await runTool('pg_dump', ['--format=custom', `--file=${join(dir, 'database.dump')}`, databaseUrl]);
  for (const name of KEPT_SECRETS) if (existsSync(join(dataDir, name))) cpSync(join(dataDir, name), join(dir, 'data', name));
  writeFileSync(join(dir, 'ready'), startedAt(process.pid));
  return () => rmSync(dir, { recursive: true, force: true });
}

/** This run's kept system: the global setup ran in Vitest's main process, the test in a child of it. */
function kept(): string | null {
  for (const pid of [process.ppid, process.pid]) if (keptBy(preparedDir(pid), pid)) return preparedDir(pid);
  return null;
}

/** An access token of `account` (by default the administrator) from the system at `base`. */
export async function signIn(base: string, account: { email: string; password: string } = PREPARED_ADMIN): Promise<string> {
  const answer = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(account),
  });
  if (answer.status !== 200) throw new Error(`${account.email} could not sign in at ${base}: ${answer.status} ${await answer.text()}`);
  return ((await answer.json()) as { data: { access_token: string } }).data.access_token;
}

/** Settings that start the demo system in `databaseUrl` and `dataDir` on a free port of 127.0.0.1. */
export async function preparedSettings(databaseUrl: string, dataDir: string): Promise<Settings> {
  return readSettings({
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    HOST: '127.0.0.1',
    PORT: String(await freePort()),
    DEMO: 'true',
    ADMIN_PASSWORD: PREPARED_ADMIN.password,
    LOG_LEVEL: 'error',
  });
}

/**
 * A prepared system (schema and demo data) in the empty database `databaseUrl`, with its secrets in
 * `dataDir`: this run's kept one restored, or one prepared here. Sign in as PREPARED_ADMIN; start it
 * with DEMO as the test wants and ADMIN_PASSWORD set to PREPARED_ADMIN's.
 */
export async function preparedSystem(databaseUrl: string, dataDir: string): Promise<'restored' | 'prepared'> {
  const dir = kept();
  if (dir) {
    await runTool('pg_restore', [
      '--no-owner',
      '--no-privileges',
      '--exit-on-error',
      `--dbname=${databaseUrl}`,
      join(dir, 'database.dump'),
    ]);
    cpSync(join(dir, 'data'), dataDir, { recursive: true });
    return 'restored';
  }
  const settings = await preparedSettings(databaseUrl, dataDir);
  const system = await startSystem(settings);
  try {
    await prepare(system, settings, { schema: true, seed: true });
  } finally {
    await stopSystem(system);
  }
  return 'prepared';
}
