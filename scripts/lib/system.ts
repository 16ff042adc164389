// Bringing a database to the state the code describes: bootstrap, schema,
// reference and demo data. Shared by `npm start`, `npm run schema:apply`,
// `npm run seed` and the tests, so that all of them prepare a database the same way.

import { mkdirSync } from 'node:fs';
import { adminPassword, directusEnv, type Settings } from '../../directus.config.ts';
import { applyAndVerify, type ApplyReport } from '../../schema/apply.ts';
import { seed } from '../../seed/apply.ts';
import { bootstrap, login, startDirectus, type AdminClient, type RunningDirectus } from './directus.ts';

export interface System {
  directus: RunningDirectus;
  admin: AdminClient;
  env: Record<string, string>;
}

/** Bootstraps the database and starts Directus, logged in as the administrator. */
export async function startSystem(settings: Settings, options: { logFile?: string } = {}): Promise<System> {
  const env = directusEnv(settings);
  mkdirSync(env.STORAGE_LOCAL_ROOT!, { recursive: true });
  bootstrap(env);
  const directus = await startDirectus(env, options);
  try {
    const admin = await login(directus.url, settings.adminEmail, adminPassword(settings));
    return { directus, admin, env };
  } catch (error) {
    await directus.stop();
    throw error;
  }
}

export async function prepare(system: System, settings: Settings, steps: { schema: boolean; seed: boolean }): Promise<{ schema?: ApplyReport; seeded?: { units: number; users: number } }> {
  const result: { schema?: ApplyReport; seeded?: { units: number; users: number } } = {};
  if (steps.schema) result.schema = await applyAndVerify(system.admin);
  if (steps.seed) result.seeded = await seed(system.admin, { demo: settings.demo });
  return result;
}

/** For one-off commands: start, do the steps, stop. */
export async function runOnce(settings: Settings, steps: { schema: boolean; seed: boolean }) {
  const system = await startSystem(settings);
  try {
    return await prepare(system, settings, steps);
  } finally {
    await system.directus.stop();
  }
}
