// For the generators' tests: what a freshly set-up demo system holds, as
// seed:scale reads it — the demo unit tree with ids, its demo accounts, the
// seeded deadline policies, categories and 2026 calendar, and the 每日必办 items the demo
// defines for the communities of its grid workers.

import { policyOf } from '../../extensions/domains/matters/report-store.ts';
import type { DeadlinePolicy } from '../../extensions/domains/matters/deadlines.ts';
import { makeCalendar } from '../../extensions/kernel/working-days.ts';
import { ALL_DEMO_USERS } from '../demo-users.ts';
import { CATEGORIES, DEADLINE_POLICIES } from '../matters.ts';
import { CALENDAR_2026 } from '../calendar-2026.ts';
import { DISPUTE_DEADLINE_POLICIES, DOCUMENT_DEADLINE_POLICIES } from '../office.ts';
import { DAILY_ITEMS } from '../office-demo.ts';
import { flattenUnits, PUKOU } from '../pukou.ts';
import { ROLES } from '../../schema/access.ts';
import type { TemplateRef } from './field-work.ts';
import type { ScaleInput } from './generate.ts';
import { windowOf } from './time.ts';
import type { ScaleUnit } from './tree.ts';

export const DEMO_UNITS: ScaleUnit[] = (() => {
  const flat = flattenUnits(PUKOU);
  const ids = new Map(flat.map((u, i) => [u.path, i + 1]));
  return flat.map((u, i) => ({
    id: i + 1,
    code: u.code,
    name: u.name,
    level: u.level,
    kind: u.kind,
    parent: u.parentPath === null ? null : ids.get(u.parentPath)!,
    path: u.path,
  }));
})();

const POLICIES = new Map<string, DeadlinePolicy>(
  [...DEADLINE_POLICIES, ...DOCUMENT_DEADLINE_POLICIES, ...DISPUTE_DEADLINE_POLICIES].map((row) => [
    `${row.matter_type}:${row.urgency}`,
    policyOf(row),
  ]),
);

export const END = new Date('2026-12-04T10:00:00Z');

/** The demo's 每日必办 items: at the community of every demo grid worker. */
export const DEMO_TEMPLATES: TemplateRef[] = [
  ...new Set(ALL_DEMO_USERS.filter((u) => /\/G\d\d\/$/.test(u.unitPath)).map((u) => u.unitPath.replace(/G\d\d\/$/, ''))),
].flatMap((community, c) =>
  DAILY_ITEMS.map((item, i) => ({ id: c * DAILY_ITEMS.length + i + 1, unit_path: community, kind: item.kind as TemplateRef['kind'] })),
);

/** The input of a demo system at `scale`, seed `seed`. */
export function demoInput(scale: number, seed = 7): ScaleInput {
  const byPath = new Map(DEMO_UNITS.map((u) => [u.path, u.id]));
  return {
    seed,
    scale,
    window: windowOf(END, 3),
    calendar: makeCalendar(CALENDAR_2026),
    units: DEMO_UNITS,
    users: ALL_DEMO_USERS.map((u, i) => ({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      unit: byPath.get(u.unitPath)!,
      role: u.roleId,
      job: ROLES.find((r) => r.id === u.roleId)!.job,
    })),
    nextIds: {
      units: DEMO_UNITS.length + 1,
      people: 5000,
      service_objects: 100,
      matters: 200,
      documents: 20,
      patrol_routes: 30,
      daily_task_templates: DEMO_TEMPLATES.length + 1,
    },
    policy: (type, urgency) => POLICIES.get(`${type}:${urgency}`)!,
    categories: Object.fromEntries(CATEGORIES.map((c, i) => [c.code, i + 1])),
    counters: new Map([['SJ-20261204', 90]]),
    usedIdNumbers: new Set(),
    templates: DEMO_TEMPLATES,
    passwordHash: '$argon2id$demo',
  };
}
