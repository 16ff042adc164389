// The demo district `npm start` seeds looks alive (issue: screens as people use
// them): staff in every street and community, every registry filled in every
// street, matters in every state with all four deadline lights, and seeding
// again changes nothing.

import { describe, expect, inject, it } from 'vitest';
import { STATUSES } from '../../extensions/domains/matters/transitions.ts';
import { lightOf, type Light } from '../../frontend/src/matters/lights.ts';
import { FOLDERS, folderOf } from '../../schema/folders.ts';
import { COLLECTIONS } from '../../schema/index.ts';
import { login as sdkLogin } from '../../scripts/lib/directus.ts';
import { seed } from '../../seed/apply.ts';
import { ALL_DEMO_USERS } from '../../seed/demo-users.ts';
import { flattenUnits, PUKOU } from '../../seed/pukou.ts';
import { login, loginAdmin } from '../http.ts';

/** The registries: the collections of 基础信息 and 服务管理 that hold records of a unit, without the process records around them. */
const PROCESS_RECORDS = [
  'submissions',
  'submission_steps',
  'comparisons',
  'registry_reminders',
  'person_moves',
  'sensitive_reads',
  'units',
];
const REGISTRIES = COLLECTIONS.filter(
  (c) =>
    ['folder_base', 'folder_services'].includes(folderOf(c.collection) ?? '') && c.scopePath && !PROCESS_RECORDS.includes(c.collection),
).map((c) => c.collection);
const STREETS = flattenUnits(PUKOU).filter((u) => u.level === 'street');

describe('the demo district', () => {
  it('has every registry filled in every street', async () => {
    expect(REGISTRIES.length).toBeGreaterThan(15);
    expect(FOLDERS.map((f) => f.collection)).toContain('folder_base');
    const admin = await loginAdmin();
    const empty: string[] = [];
    for (const collection of REGISTRIES) {
      const paths = await admin.get(`/items/${collection}?fields=unit_path&limit=-1`);
      expect(paths.status, collection).toBe(200);
      const filled = new Set((paths.body.data as { unit_path: string }[]).map((r) => r.unit_path.split('/').slice(0, 3).join('/') + '/'));
      for (const street of STREETS) if (!filled.has(`/320111/${street.code}/`)) empty.push(`${collection} ${street.name}`);
    }
    expect(empty).toEqual([]);
  });

  it('has staff who sign in in every street and community, each seeing only their own', async () => {
    const admin = await loginAdmin();
    const users = (await admin.get('/users?fields=email&limit=-1')).body.data as { email: string }[];
    const emails = new Set(users.map((u) => u.email));
    expect(ALL_DEMO_USERS.filter((u) => !emails.has(u.email)).map((u) => u.email)).toEqual([]);
    const worker = await login('grid-gridworker.c004g01@pukou.gov.cn');
    const people = await worker.get('/items/people?fields=unit_path&limit=-1');
    expect(people.body.data.length).toBeGreaterThan(10);
    expect(people.body.data.every((p: { unit_path: string }) => p.unit_path === '/320111/S02/C004/G01/')).toBe(true);
  });

  it('has matters in every state and all four deadline lights', async () => {
    const admin = await loginAdmin();
    const matters = (
      await admin.get(
        '/items/matters?filter[client_ref][_starts_with]=demo-&fields=status,date_created,sign_due_at,due_at,yellow_at,paused_at,handler_unit.path&limit=-1',
      )
    ).body.data as (Parameters<typeof lightOf>[0] & { handler_unit: { path: string } })[];
    expect(new Set(matters.map((m) => m.status))).toEqual(new Set(STATUSES));
    const now = new Date();
    const lights = new Set<Light>(matters.map((m) => lightOf(m, now)));
    for (const light of ['green', 'yellow', 'overdue'] as const) expect(lights, light).toContain(light);
    // Red lasts for the rest of the day it was set on: a run that crosses midnight (China time) after seeding sees it overdue.
    const chinaHour = (now.getUTCHours() + 8) % 24;
    if (chinaHour >= 1) expect(lights).toContain('red');
    // Held in every street.
    const held = new Set(matters.map((m) => m.handler_unit.path.split('/').slice(0, 3).join('/')));
    for (const street of STREETS) expect(held, street.name).toContain(`/320111/${street.code}`);
  });

  it('changes nothing when seeded again', async () => {
    const { url, adminEmail, adminPassword } = inject('directus');
    const admin = await loginAdmin();
    const counted = [...REGISTRIES, 'matters', 'matter_steps', 'documents', 'activity_records', 'disputes', 'assessment_runs'];
    const count = async () => {
      const counts: Record<string, number> = {};
      for (const c of counted) counts[c] = Number((await admin.get(`/items/${c}?aggregate[count]=*`)).body.data[0].count);
      counts.users = (await admin.get('/users?limit=-1&fields=id')).body.data.length;
      return counts;
    };
    const before = await count();
    await seed(await sdkLogin(url, adminEmail, adminPassword), { demo: true });
    expect(await count()).toEqual(before);
  });
});
