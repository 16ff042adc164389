// Property-based fuzzing of every write endpoint of ours and of Directus's item
// routes for three collections: generated bodies of every wrong kind (wrong
// types, `__proto__` and `constructor` keys, huge strings and numbers, deep
// nesting, lists where records belong) must never get a 5xx, and a refused
// request must leave no row behind. The suite sends FUZZ_RUNS bodies per
// endpoint (500 on SQLite, fewer on PostgreSQL unless set); `npm run fuzz`
// sends 20,000 per endpoint on both databases. A failure prints the seed
// (FUZZ_SEED reproduces it) and the bodies that got a 5xx.

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { login, loginAdmin, unitIds, type Session } from '../http.ts';
import { userAt } from '../office-helpers.ts';

const database = inject('database');
const RUNS = Number(process.env.FUZZ_RUNS ?? (database === 'sqlite' ? 500 : 250));
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
const CONCURRENCY = 8;

let admin: Session;
/** `ownGrid` is a grid worker of this file's own, so ticking today's checklist leaves the demo grid worker's alone (office-daily.test.ts counts it). */
const sessions: Record<'grid' | 'ownGrid' | 'community' | 'street', Session> = {} as never;

/** A JSON value as text, so that keys such as `__proto__` reach the server as they are. */
type Json = null | boolean | number | string | Json[] | { entries: [string, Json][] };

function text(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(text).join(',')}]`;
  if (value !== null && typeof value === 'object') return `{${value.entries.map(([k, v]) => `${JSON.stringify(k)}:${text(v)}`).join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

function nested(depth: number): Json {
  let value: Json = 1;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { entries: [['a', value]] };
  return value;
}

const EVIL_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'id', 'unit_path', 'date_created'];
const NASTY: Json[] = [
  null,
  true,
  false,
  0,
  -1,
  1,
  2 ** 31,
  2 ** 53,
  -(2 ** 53),
  1e300,
  -1e300,
  1.5,
  '',
  ' ',
  'constructor',
  '__proto__',
  'toString',
  '<script>alert(1)</script>',
  '2026-02-30',
  '0001-01-01',
  '2026-11-26T09:30:00+08:00',
  'NaN',
  '\u0000',
  'x'.repeat(70_000),
  '😀'.repeat(300),
  '0b9f8e1c-3a4d-4e5f-8a9b-0c1d2e3f4a5b',
  "'; drop table matters; --",
  '1e300',
  '-1',
];

function bodies(fields: string[]): fc.Arbitrary<string> {
  const key = fc.oneof(fc.constantFrom(...fields, ...EVIL_KEYS), fc.string({ maxLength: 12 }));
  const { value } = fc.letrec<{ value: Json }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom(...NASTY),
      fc.string({ maxLength: 40 }),
      fc.integer(),
      fc.double(),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.array(fc.tuple(key, tie('value')), { maxLength: 4 }).map((entries) => ({ entries })),
      fc.integer({ min: 1, max: 60 }).map(nested),
    ),
  }));
  const record = fc.array(fc.tuple(key, value), { minLength: 1, maxLength: 7 }).map((entries) => text({ entries }));
  return fc.oneof(
    { weight: 8, arbitrary: record },
    { weight: 1, arbitrary: value.map(text) },
    { weight: 1, arbitrary: fc.constant('{"a":') },
  );
}

interface Endpoint {
  name: string;
  as: keyof typeof sessions;
  method: 'POST' | 'PATCH';
  path: () => string;
  fields: string[];
  /** Tables whose rows a refused request must not change in number. */
  tables: string[];
}

async function count(table: string): Promise<number> {
  const answer = await admin.get(`/items/${table}?aggregate[count]=*`);
  if (answer.status !== 200) throw new Error(`${table}: ${answer.status}`);
  return Number(answer.body.data[0].count);
}

const fixtures: Record<string, number> = {};
const first = async (path: string, fallback = 1): Promise<number> => (await admin.get(path)).body.data?.[0]?.id ?? fallback;

const REPORT = ['type', 'title', 'category', 'urgency', 'source', 'occurred_at', 'address', 'latitude', 'longitude', 'grid'];
const ENDPOINTS: Endpoint[] = [
  {
    name: 'report',
    as: 'grid',
    method: 'POST',
    path: () => '/matters/report',
    fields: [...REPORT, 'description', 'attachments', 'client_ref'],
    tables: ['matters', 'matter_steps'],
  },
  {
    name: 'transition',
    as: 'community',
    method: 'POST',
    path: () => `/matters/${fixtures.matter}/transition`,
    fields: ['action', 'version', 'opinion', 'target_unit', 'co_units', 'extension_days', 'attachments'],
    tables: ['matter_steps', 'matter_participants'],
  },
  {
    name: 'document send',
    as: 'community',
    method: 'POST',
    path: () => `/office/documents/${fixtures.draft}/send`,
    fields: ['targets', 'levels', 'under', 'units'],
    tables: ['document_recipients'],
  },
  {
    name: 'document sign',
    as: 'community',
    method: 'POST',
    path: () => `/office/documents/${fixtures.received}/sign`,
    fields: ['opinion'],
    tables: ['document_recipients'],
  },
  {
    name: 'document reply',
    as: 'community',
    method: 'POST',
    path: () => `/office/documents/${fixtures.received}/reply`,
    fields: ['text', 'files'],
    tables: ['document_recipients_files'],
  },
  {
    name: 'terminal handover',
    as: 'community',
    method: 'POST',
    path: () => `/office/terminals/${fixtures.terminal}/handover`,
    fields: ['to_user', 'reason'],
    tables: ['terminal_handovers'],
  },
  {
    name: 'terminal loss',
    as: 'community',
    method: 'POST',
    path: () => `/office/terminals/${fixtures.terminal}/loss`,
    fields: ['lost_at', 'circumstances', 'measures'],
    tables: ['terminal_losses'],
  },
  {
    name: 'dispute supervise',
    as: 'street',
    method: 'POST',
    path: () => `/office/disputes/${fixtures.dispute}/supervise`,
    fields: ['opinion'],
    tables: ['disputes'],
  },
  {
    name: 'daily done',
    as: 'ownGrid',
    method: 'POST',
    path: () => `/office/daily/${fixtures.daily}/done`,
    fields: ['note'],
    tables: ['daily_checks'],
  },
  {
    name: 'patrol report',
    as: 'grid',
    method: 'POST',
    path: () => `/office/patrols/${fixtures.patrol}/report`,
    fields: REPORT,
    tables: ['matters'],
  },
  {
    name: 'project assign',
    as: 'community',
    method: 'POST',
    path: () => `/office/projects/${fixtures.project}/assign`,
    fields: ['targets'],
    tables: ['project_submissions'],
  },
  {
    name: 'project submit',
    as: 'community',
    method: 'POST',
    path: () => `/office/projects/${fixtures.project}/submit`,
    fields: ['text', 'files'],
    tables: ['project_submissions_files'],
  },
  {
    name: 'person move',
    as: 'community',
    method: 'POST',
    path: () => `/registries/people/${fixtures.person}/move`,
    fields: ['unit', 'reason'],
    tables: ['person_moves'],
  },
  {
    name: 'export request',
    as: 'community',
    method: 'POST',
    path: () => '/registries/exports',
    fields: ['collection', 'unit', 'reason'],
    tables: ['export_requests', 'export_log'],
  },
  {
    name: 'submission',
    as: 'grid',
    method: 'POST',
    path: () => '/registries/submissions',
    fields: ['target_collection', 'target_id', 'data'],
    tables: ['submissions', 'submission_steps'],
  },
  {
    name: 'create dispute',
    as: 'community',
    method: 'POST',
    path: () => '/items/disputes',
    fields: [
      'title',
      'dispute_type',
      'scale',
      'risk_level',
      'party_count',
      'parties',
      'description',
      'discovered_on',
      'status',
      'agreement',
      'unit',
    ],
    tables: ['disputes'],
  },
  {
    name: 'update dispute',
    as: 'community',
    method: 'PATCH',
    path: () => `/items/disputes/${fixtures.ownDispute}`,
    fields: ['title', 'dispute_type', 'discovered_on', 'status', 'agreement', 'party_count'],
    tables: ['disputes'],
  },
  {
    name: 'create person',
    as: 'community',
    method: 'POST',
    path: () => '/items/people',
    fields: ['name', 'id_number', 'sex', 'birth_date', 'phone', 'unit', 'state', 'nation'],
    tables: ['people'],
  },
  {
    name: 'update person',
    as: 'community',
    method: 'PATCH',
    path: () => `/items/people/${fixtures.person}`,
    fields: ['name', 'id_number', 'birth_date', 'phone', 'state'],
    tables: ['people'],
  },
  {
    name: 'create activity record',
    as: 'community',
    method: 'POST',
    path: () => '/items/activity_records',
    fields: [
      'activity_type',
      'occurred_on',
      'title',
      'place',
      'participants',
      'participant_count',
      'regular_meeting',
      'photos',
      'attendees',
    ],
    tables: ['activity_records', 'activity_records_files', 'activity_records_users'],
  },
  {
    name: 'assessment run',
    as: 'street',
    method: 'POST',
    path: () => '/assessment/runs',
    fields: ['rubric', 'period'],
    tables: ['assessment_runs', 'assessment_scores'],
  },
  {
    name: 'assessment step',
    as: 'street',
    method: 'POST',
    path: () => `/assessment/runs/${fixtures.run}/steps/appeal`,
    fields: ['score', 'reason', 'points'],
    tables: ['assessment_changes'],
  },
  {
    name: 'rubric copy',
    as: 'street',
    method: 'POST',
    path: () => `/assessment/rubrics/${fixtures.districtRubric}/copy`,
    fields: ['title', 'period_type'],
    tables: ['assessment_rubrics'],
  },
  {
    name: 'rubric preview',
    as: 'street',
    method: 'POST',
    path: () => `/assessment/rubrics/${fixtures.rubric}/preview`,
    fields: ['items', 'removed'],
    tables: ['assessment_items', 'assessment_runs'],
  },
  // Evaluated first: the street's own rules are then few (the rules' fuzz below adds some).
  {
    name: 'warning evaluation',
    as: 'street',
    method: 'POST',
    path: () => '/warnings/evaluate',
    fields: ['rules'],
    tables: ['warnings'],
  },
  {
    name: 'warning rule',
    as: 'street',
    method: 'POST',
    path: () => '/items/warning_rules',
    fields: [
      'name',
      'kind',
      'level',
      'applies_to',
      'figure',
      'comparator',
      'threshold',
      'window_days',
      'months',
      'sigma',
      'min_base',
      'source',
      'days',
      'category',
      'count',
      'hours',
      'active',
    ],
    tables: ['warning_rules'],
  },
  {
    name: 'warning step',
    as: 'community',
    method: 'POST',
    path: () => `/warnings/${fixtures.warning}/steps/handle`,
    fields: ['note'],
    tables: ['warnings'],
  },
  {
    name: 'update activity record',
    as: 'community',
    method: 'PATCH',
    path: () => `/items/activity_records/${fixtures.activity}`,
    fields: ['title', 'occurred_on', 'activity_type', 'participant_count'],
    tables: ['activity_records'],
  },
];

beforeAll(async () => {
  admin = await loginAdmin();
  const ids = await unitIds(admin);
  [sessions.grid, sessions.community, sessions.street] = await Promise.all([
    login('grid-gridworker@pukou.gov.cn'),
    login('community-staff@pukou.gov.cn'),
    login('street-staff@pukou.gov.cn'),
  ]);
  sessions.ownGrid = await userAt(admin, ids, 'fuzz-g01@pukou.gov.cn', 'grid-grid_worker', '/320111/S01/C001/G01/');
  const community = ids.get('/320111/S01/C001/')!;
  const grid = ids.get('/320111/S01/C001/G01/')!;
  const category = await first('/items/matter_categories?filter[code][_eq]=MDJF&fields=id');
  fixtures.matter = (
    await sessions.grid.post('/matters/report', { type: 'event_report', title: '模糊测试', category, description: '模糊测试', grid })
  ).body.data.id;
  fixtures.draft = await first(`/items/documents?filter[unit][_eq]=${community}&filter[status][_neq]=sent&fields=id&limit=1`);
  fixtures.received =
    (await admin.get(`/items/document_recipients?filter[unit][_eq]=${community}&fields=document&limit=1`)).body.data?.[0]?.document ?? 1;
  fixtures.terminal = await first(`/items/terminals?filter[unit][_eq]=${community}&fields=id&limit=1`);
  fixtures.dispute = await first(`/items/disputes?filter[unit][_eq]=${community}&fields=id&limit=1`);
  fixtures.daily = (await sessions.ownGrid.get('/office/daily')).body.data?.items?.[0]?.id ?? 1;
  fixtures.patrol = await first(`/items/patrol_records?filter[unit][_eq]=${grid}&filter[matter][_null]=true&fields=id&limit=1`);
  fixtures.project = await first('/items/special_projects?fields=id&limit=1');
  fixtures.person = await first(`/items/people?filter[unit_path][_starts_with]=/320111/S01/C001/&fields=id&limit=1`);
  fixtures.ownDispute = (
    await sessions.community.post('/items/disputes', {
      title: '模糊测试',
      dispute_type: 'land',
      risk_level: 'low',
      parties: '甲、乙',
      description: '模糊测试',
      discovered_on: '2026-11-04',
    })
  ).body.data.id;
  // The district's rubric, a draft of 江浦街道's copied from it, and a run the street is scored in.
  fixtures.districtRubric = await first('/items/assessment_rubrics?filter[unit][path][_eq]=/320111/&fields=id');
  fixtures.rubric = (
    await sessions.street.post(`/assessment/rubrics/${fixtures.districtRubric}/copy`, { period_type: 'year' })
  ).body.data.id;
  fixtures.run = await first(`/items/assessment_runs?filter[rubric][_eq]=${fixtures.districtRubric}&fields=id&limit=1`);
  fixtures.activity = (
    await sessions.community.post('/items/activity_records', { title: '模糊测试', activity_type: 'patrol', occurred_on: '2026-11-03' })
  ).body.data.id;
  // A warning of the community's (made by the administrator, as the worker would), and the street's rules so far.
  const districtRule = await first('/items/warning_rules?filter[unit][path][_eq]=/320111/&fields=id&limit=1');
  fixtures.warning = (
    await admin.post('/items/warnings', {
      rule: districtRule,
      unit: community,
      kind: 'deadline',
      level: 'yellow',
      title: '模糊测试预警',
      status: 'raised',
    })
  ).body.data.id;
  fixtures.lastRule = await first('/items/warning_rules?sort=-id&fields=id&limit=1', 0);
});

afterAll(async () => {
  // The drafts the street copied (the fixture's and those the fuzz made): nothing scored them.
  const drafts = await admin.get(
    `/items/assessment_rubrics?filter[based_on][_eq]=${fixtures.districtRubric}&filter[unit][path][_eq]=/320111/S01/&filter[status][_eq]=draft&fields=id&limit=-1`,
  );
  for (const { id } of drafts.body.data ?? []) await admin.delete(`/items/assessment_rubrics/${id}`);
  // The rules the fuzz made (nothing evaluated them: they raised nothing), and its warning.
  const rules = await admin.get(
    `/items/warning_rules?filter[id][_gt]=${fixtures.lastRule}&filter[unit][path][_eq]=/320111/S01/&fields=id&limit=-1`,
  );
  const ids = (rules.body.data ?? []).map((r: { id: number }) => r.id);
  if (ids.length) await admin.send('DELETE', '/items/warning_rules', JSON.stringify(ids));
  await admin.delete(`/items/warnings/${fixtures.warning}`);
});

describe(`fuzzing every write endpoint (${RUNS} bodies each, seed ${SEED})`, () => {
  it.each(ENDPOINTS.map((e) => [e.name, e] as const))(
    '%s: no 5xx, no rows left by refused requests',
    async (_name, endpoint) => {
      const payloads = fc.sample(bodies(endpoint.fields), { numRuns: RUNS, seed: SEED });
      const before = await Promise.all(endpoint.tables.map(count));
      const session = sessions[endpoint.as];
      const failures: string[] = [];
      let accepted = 0;
      let next = 0;
      const worker = async () => {
        while (next < payloads.length) {
          const raw = payloads[next++]!;
          const answer = await session.send(endpoint.method, endpoint.path(), raw);
          if (answer.status >= 500) failures.push(`${answer.status} ${raw.slice(0, 300)}`);
          else if (answer.status < 300) accepted++;
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      expect(failures.slice(0, 5), `${failures.length} answers ≥ 500 (FUZZ_SEED=${SEED})`).toEqual([]);
      const after = await Promise.all(endpoint.tables.map(count));
      // Each accepted request writes at most a few rows; refused ones none.
      for (const [i, table] of endpoint.tables.entries()) {
        const added = after[i]! - before[i]!;
        if (accepted === 0) expect(added, table).toBe(0);
        else expect(added, table).toBeLessThanOrEqual(accepted * 2);
      }
    },
    600_000,
  );
});
