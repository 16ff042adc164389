// Seeds through the API as an administrator, idempotently: units are matched by
// path and users by e-mail; what exists is left as it is.

import { createItems, createUsers, readItems, readSingleton, readUsers, updateSingleton, updateUsers } from '@directus/sdk';
import { SECURITY_DEFAULTS } from '../schema/collections/security-settings.ts';
import type { AdminClient } from '../scripts/lib/directus.ts';
import { ALL_DEMO_USERS, DEMO_PASSWORD } from './demo-users.ts';
import { CALENDAR_2026, CATEGORIES, DEADLINE_POLICIES, REMINDER_TEMPLATES } from './matters.ts';
import { seedDistrictRubric } from './assessment.ts';
import { seedDistrictWarningRules } from './warnings.ts';
import { seedDemoBoundaries } from './boundaries.ts';
import { seedAssessmentDemo } from './assessment-demo.ts';
import { seedDemoMatters } from './matters-demo.ts';
import { seedOfficeDemo } from './office-demo.ts';
import { seedOfficeReference } from './office.ts';
import { flattenUnits, PUKOU, type UnitSeed } from './pukou.ts';
import { seedCodeTables, seedDemoPlaces, seedDemoRegistries } from './registries.ts';

export async function unitIdsByPath(client: AdminClient): Promise<Map<string, number>> {
  const rows = (await client.request(readItems('units', { fields: ['id', 'path'], limit: -1 }))) as { id: number; path: string }[];
  return new Map(rows.map((r) => [r.path, r.id]));
}

/** Creates the units of a tree that are missing, level by level; returns path → id. */
export async function seedUnits(client: AdminClient, root: UnitSeed = PUKOU): Promise<Map<string, number>> {
  const ids = await unitIdsByPath(client);
  const all = flattenUnits(root);
  const depth = (path: string) => path.split('/').length;
  for (const d of [...new Set(all.map((u) => depth(u.path)))].sort((a, b) => a - b)) {
    const missing = all.filter((u) => depth(u.path) === d && !ids.has(u.path));
    for (let i = 0; i < missing.length; i += 500) {
      const batch = missing
        .slice(i, i + 500)
        .map(({ children: _c, path: _p, parentPath, ...unit }) => ({ ...unit, parent: parentPath ? ids.get(parentPath) : null }));
      const created = (await client.request(createItems('units', batch, { fields: ['id', 'path'] }))) as { id: number; path: string }[];
      for (const row of created) ids.set(row.path, row.id);
    }
  }
  return ids;
}

/**
 * Creates accounts with the published demo password, not asked to change it at
 * first sign-in (the Directus administrator waives that); an account an
 * administrator makes in a real system is asked. The demo's and the benchmarks'.
 */
export async function createDemoAccounts(client: AdminClient, users: Record<string, unknown>[]): Promise<void> {
  const created = (await client.request(createUsers(users, { fields: ['id'] }))) as { id: string }[];
  await client.request(
    updateUsers(
      created.map((u) => u.id),
      { must_change_password: false } as never,
    ),
  );
}

export async function seedDemoUsers(client: AdminClient, ids: Map<string, number>): Promise<number> {
  const existing = new Set(
    ((await client.request(readUsers({ fields: ['email'], limit: -1 }))) as { email: string }[]).map((u) => u.email),
  );
  const missing = ALL_DEMO_USERS.filter((u) => !existing.has(u.email));
  if (missing.length)
    await createDemoAccounts(
      client,
      missing.map((u) => ({
        email: u.email,
        password: DEMO_PASSWORD,
        first_name: u.first_name,
        last_name: u.last_name,
        role: u.roleId,
        unit: ids.get(u.unitPath),
        language: 'zh-CN',
        status: 'active',
      })),
    );
  return missing.length;
}

/** Fills `collection` with `rows` when it is empty; once administrators have edited it, it is theirs. */
async function seedIfEmpty(client: AdminClient, collection: string, rows: Record<string, unknown>[]): Promise<number> {
  const existing = (await client.request(readItems(collection, { fields: ['id'], limit: 1 }))) as unknown[];
  if (existing.length) return 0;
  await client.request(createItems(collection, rows));
  return rows.length;
}

/** Categories, deadline policies and the calendar: reference data every system needs. */
export async function seedReference(client: AdminClient): Promise<void> {
  await seedIfEmpty(client, 'matter_categories', CATEGORIES);
  await seedIfEmpty(client, 'deadline_policies', DEADLINE_POLICIES);
  await seedIfEmpty(client, 'reminder_templates', REMINDER_TEMPLATES);
  await seedIfEmpty(client, 'calendar_days', CALENDAR_2026 as unknown as Record<string, unknown>[]);
  await seedOfficeReference(client);
  await seedCodeTables(client);
  await seedSecuritySettings(client);
}

/** The one row of security settings, at the defaults, until the district's administrator changes it. */
async function seedSecuritySettings(client: AdminClient): Promise<void> {
  const stored = (await client.request(readSingleton('security_settings', { fields: ['id'] }))) as { id?: number | null };
  if (!stored?.id) await client.request(updateSingleton('security_settings', SECURITY_DEFAULTS as never));
}

/** The reference part of the tree: the district, its streets and departments, without demo communities. */
function referenceTree(root: UnitSeed): UnitSeed {
  return { ...root, children: root.children?.map(({ children: _demo, ...child }) => child) };
}

export async function seed(client: AdminClient, options: { demo: boolean }): Promise<{ units: number; users: number }> {
  const ids = await seedUnits(client, options.demo ? PUKOU : referenceTree(PUKOU));
  await seedReference(client);
  await seedDistrictRubric(client, ids);
  await seedDistrictWarningRules(client, ids);
  const users = options.demo ? await seedDemoUsers(client, ids) : 0;
  if (options.demo) await seedOfficeDemo(client, ids);
  if (options.demo) await seedDemoRegistries(client);
  if (options.demo) await seedDemoPlaces(client);
  if (options.demo) await seedDemoMatters(client, ids);
  if (options.demo) await seedAssessmentDemo(client, ids);
  if (options.demo) await seedDemoBoundaries(client, ids);
  return { units: ids.size, users };
}
