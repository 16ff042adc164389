// Bringing a database to the state the code describes and running every
// process of the system: the queue's Redis (when we must start one), Directus,
// the job worker. Shared by `npm start`, `npm run schema:apply`, `npm run seed`
// and the tests, so that all of them prepare and run a system the same way.

import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { adminPassword, directusEnv, personalDataEnv, persistentSecret, PROJECT_ROOT, type Settings } from '../../directus.config.ts';
import { personalVault } from '../../extensions/kernel/personal-vault.ts';
import { SEALED_PERSONAL_FIELDS } from '../../schema/collections/people.ts';
import { applyAndVerify, type ApplyReport } from '../../schema/apply.ts';
import { seed } from '../../seed/apply.ts';
import {
  bootstrap,
  childEnv,
  login,
  NODE,
  startDirectus,
  stopChild,
  type AdminClient,
  type RunningDirectus,
  type RunningProcess,
} from './directus.ts';
import { openDatabase } from './database.ts';
import { ensureQueueRedis } from './redis.ts';
import { sealStoredInClear } from './key-rotation.ts';

export interface System {
  directus: RunningDirectus;
  admin: AdminClient;
  env: Record<string, string>;
  /** Every process this system runs, in start order. */
  processes: RunningProcess[];
  logFile?: string;
}

/** Bootstraps the database and starts Directus, logged in as the administrator. */
export async function startSystem(settings: Settings, options: { logFile?: string } = {}): Promise<System> {
  const redis = await ensureQueueRedis(settings);
  const env = directusEnv(settings, redis.url);
  mkdirSync(env.STORAGE_LOCAL_ROOT!, { recursive: true });
  const processes: RunningProcess[] = redis.process ? [{ name: 'redis', process: redis.process, stop: redis.stop }] : [];
  try {
    bootstrap(env);
    const directus = await startDirectus(env, options);
    processes.push(directus);
    const admin = await systemAdmin(directus.url, settings);
    return { directus, admin, env, processes, logFile: options.logFile };
  } catch (error) {
    await stopSystem({ processes } as System);
    throw error;
  }
}

/**
 * The client the system's own commands (schema apply, seed) act through: the first
 * administrator by a static token kept in DATA_DIR (mode 600, like the secret),
 * because the administrator may have to sign in with a one-time code (ENFORCE_TFA)
 * that no command has. A database whose administrator has another e-mail is signed
 * in to with the password.
 */
async function systemAdmin(url: string, settings: Settings): Promise<AdminClient> {
  const token = persistentSecret(settings.dataDir, 'admin-token', 32);
  const db = openDatabase(settings);
  let found = 0;
  try {
    found = await db('directus_users').where({ email: settings.adminEmail }).update({ token });
  } finally {
    await db.destroy();
  }
  if (!found) return login(url, settings.adminEmail, adminPassword(settings));
  return login(url, settings.adminEmail, adminPassword(settings), token);
}

/** The job worker, once the schema is in place; one of the system's processes. */
export function startWorker(system: System): RunningProcess {
  const worker = spawnWorker(system);
  system.processes.push(worker);
  return worker;
}

/** A job worker process of this system (not added to its processes). */
export function spawnWorker(system: Pick<System, 'env' | 'logFile'>): RunningProcess {
  const child = spawn(NODE, [resolve(PROJECT_ROOT, 'scripts/worker.ts')], {
    cwd: PROJECT_ROOT,
    env: childEnv(system.env),
    stdio: system.logFile ? 'pipe' : 'inherit',
  });
  if (system.logFile) {
    mkdirSync(dirname(system.logFile), { recursive: true });
    const log = createWriteStream(system.logFile.replace(/\.log$/, '-worker.log'), { flags: 'a' });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
  }
  return {
    name: 'worker',
    process: child,
    stop: () => stopChild(child),
  };
}

/** Stops every process, the last started first. */
export async function stopSystem(system: System): Promise<void> {
  for (const p of [...system.processes].reverse()) await p.stop();
}

export async function prepare(
  system: System,
  settings: Settings,
  steps: { schema: boolean; seed: boolean },
): Promise<{ schema?: ApplyReport; seeded?: { units: number; users: number }; sealed?: number }> {
  const result: { schema?: ApplyReport; seeded?: { units: number; users: number }; sealed?: number } = {};
  if (steps.schema) {
    result.schema = await applyAndVerify(system.admin, { enforceTfa: settings.enforceTfa });
    result.sealed = await sealUpgraded(settings);
  }
  if (steps.seed) result.seeded = await seed(system.admin, { demo: settings.demo });
  return result;
}

/** Personal numbers an earlier version stored in the clear, sealed (scripts/lib/key-rotation.ts). */
async function sealUpgraded(settings: Settings): Promise<number> {
  const db = openDatabase(settings);
  try {
    return await sealStoredInClear(db, personalVault(personalDataEnv(settings), SEALED_PERSONAL_FIELDS));
  } finally {
    await db.destroy();
  }
}

/** For one-off commands: start, do the steps, stop. */
export async function runOnce(settings: Settings, steps: { schema: boolean; seed: boolean }) {
  const system = await startSystem(settings);
  try {
    return await prepare(system, settings, steps);
  } finally {
    await stopSystem(system);
  }
}
