// npm run bench:assessment — what scoring a month (考评计算) costs at Pukou scale.
//
// For PostgreSQL and then SQLite: a throwaway Directus with the schema and the
// demo data, the tree grown to 9 streets, ~150 communities and ~1,500 grids, and
// a month of records (activity records, disputes, document receipts, matters with
// their replies, 每日必办 checks). Every unit is scored for the month: the
// district's rubric for its streets and one rubric per street for its
// communities, each through POST /assessment/runs as that office's staff. The
// same metrics are then run as raw SQL (one GROUP BY per metric and rubric), and
// one community is re-scored alone after a change. Prints the figures and rewrites
// its section of docs/benchmarks.md. Everything it creates is removed again.

import { createItem, createUser, updateUser } from '@directus/sdk';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import knex, { type Knex } from 'knex';
import { DEMO_PASSWORD, PROJECT_ROOT, type Settings } from '../directus.config.ts';
import { loadCalendar } from '../extensions/kernel/calendar.ts';
import { instant } from '../extensions/kernel/db-values.ts';
import { METRICS, type Metric } from '../extensions/domains/assessment/metrics.ts';
import { lastClosed, type Period } from '../extensions/domains/assessment/period.ts';
import { assessmentService } from '../extensions/domains/assessment/service.ts';
import { ROLES } from '../schema/access.ts';
import { applyIndexes } from '../schema/apply.ts';
import type { startSystem } from '../scripts/lib/system.ts';
import { cleanUp, onCleanUp, runBench } from './lib/cleanup.ts';
import { growTree, insertRows, type Unit } from './lib/data.ts';
import { token } from './lib/login.ts';
import { percentile } from './lib/measure.ts';
import { machine, writeSection } from './lib/section.ts';
import type { Sql } from './lib/sql.ts';
import { seededRandom } from '../seed/random.ts';
import { startDemoSystem, throwawaySettings } from './lib/throwaway.ts';

const SHAPE = { communitiesPerStreet: 17, gridsPerCommunity: 10 };
const COUNTS = { activity: 50_000, disputes: 5_000, receipts: 20_000, matters: 30_000, checks: 30_000, loginDays: 500_000 };
const ROUNDS = 3;
const ONE_UNIT_SAMPLES = 20;
const GOAL = { fullRunMs: 5_000, ratio: 2, oneUnitMs: 200 };
const DOC = resolve(PROJECT_ROOT, 'docs/benchmarks.md');
const HOUR = 3_600_000;

/** Stored as Directus stores them: text and ISO instants on PostgreSQL, epoch ms on SQLite. */
const asDate = (sql: Sql, day: string) => (sql.client === 'pg' ? day : Date.parse(`${day}T00:00:00Z`));
const asInstant = (sql: Sql, at: number) => (sql.client === 'pg' ? new Date(at).toISOString() : at);

/** A month of records across the tree, most at the grids and communities. */
async function fillMonth(sql: Sql, units: Unit[], period: Period): Promise<Record<string, number>> {
  const random = seededRandom(20261101);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const offices = units.filter((u) => u.kind === 'office');
  const grassroots = offices.filter((u) => u.level === 'grid' || u.level === 'community');
  const span = period.end.getTime() - period.start.getTime();
  const at = () => period.start.getTime() + Math.floor(random() * span);
  const day = (t: number) => new Date(t + 8 * HOUR).toISOString().slice(0, 10);
  const created: Record<string, number> = {};
  const insert = async (table: string, columns: string[], rows: unknown[][]) => {
    await sql.all('BEGIN');
    await insertRows(sql, table, columns, rows, Math.floor(20_000 / columns.length));
    await sql.all('COMMIT');
    created[table] = rows.length;
  };

  const types = ['meeting', 'patrol', 'visit', 'publicity', 'training'];
  await insert(
    'activity_records',
    ['unit', 'unit_path', 'activity_type', 'occurred_on', 'title'],
    Array.from({ length: COUNTS.activity }, (_, i) => {
      const u = pick(offices);
      return [u.id, u.path, pick(types), asDate(sql, day(at())), `工作活动 ${i + 1}`];
    }),
  );
  await insert(
    'disputes',
    ['unit', 'unit_path', 'title', 'dispute_type', 'risk_level', 'parties', 'description', 'discovered_on', 'status', 'mediation_due_at'],
    Array.from({ length: COUNTS.disputes }, (_, i) => {
      const u = pick(grassroots);
      const found = at();
      const r = random();
      return [
        u.id,
        u.path,
        `纠纷 ${i + 1}`,
        'neighbourhood',
        'low',
        '甲、乙',
        '邻里纠纷',
        asDate(sql, day(found)),
        r < 0.85 ? 'resolved' : r < 0.95 ? 'unresolved' : 'mediating',
        asInstant(sql, found + 10 * 24 * HOUR),
      ];
    }),
  );
  const district = units.find((u) => u.level === 'district' && u.kind === 'office')!;
  await insert(
    'documents',
    ['unit', 'unit_path', 'title', 'kind', 'urgency', 'status', 'sign_due_at'],
    Array.from({ length: 100 }, (_, i) => [district.id, district.path, `通知 ${i + 1}`, 'notice', 'normal', 'sent', asInstant(sql, at())]),
  );
  const documents = (await sql.all('SELECT id FROM documents ORDER BY id DESC LIMIT 100')).map((r) => Number(r.id));
  const recipients = offices.filter((u) => u.level === 'street' || u.level === 'community');
  await insert(
    'document_recipients',
    ['document', 'unit', 'unit_path', 'status', 'reply_status'],
    Array.from({ length: COUNTS.receipts }, () => {
      const u = pick(recipients);
      const r = random();
      return [pick(documents), u.id, u.path, r < 0.85 ? 'signed' : r < 0.95 ? 'late' : 'unread', 'not_required'];
    }),
  );
  const handlers = offices.filter((u) => u.level !== 'district');
  const matterRows = Array.from({ length: COUNTS.matters }, (_, i) => {
    const u = pick(handlers);
    const due = at();
    return [
      `BM${String(i + 1).padStart(8, '0')}`,
      'task',
      `任务 ${i + 1}`,
      'normal',
      random() < 0.8 ? 'closed' : 'handling',
      u.id,
      u.path,
      u.id,
      asInstant(sql, due),
      1,
    ];
  });
  await insert(
    'matters',
    ['number', 'type', 'title', 'urgency', 'status', 'unit', 'unit_path', 'handler_unit', 'due_at', 'version'],
    matterRows,
  );
  const matters = await sql.all("SELECT id, handler_unit, due_at FROM matters WHERE number LIKE 'BM%' AND status = 'closed'");
  await insert(
    'matter_steps',
    ['matter', 'action', 'actor_unit', 'date_created'],
    matters.map((m) => {
      const due = sql.client === 'pg' ? new Date(m.due_at).getTime() : Number(m.due_at);
      return [m.id, 'reply', m.handler_unit, asInstant(sql, due + (random() < 0.1 ? 6 : -6) * HOUR)];
    }),
  );
  const worker = (await sql.all("SELECT id FROM directus_users WHERE email = 'grid-gridworker@pukou.gov.cn'"))[0]!.id;
  const template = (await sql.all('SELECT id FROM daily_task_templates ORDER BY id LIMIT 1'))[0]?.id;
  if (template !== undefined) {
    const grids = offices.filter((u) => u.level === 'grid');
    await insert(
      'daily_checks',
      ['key', '"user"', 'unit', 'unit_path', 'day', 'template', 'done'],
      Array.from({ length: COUNTS.checks }, (_, i) => {
        const u = pick(grids);
        return [`bench-${i}`, worker, u.id, u.path, asDate(sql, day(at())), template, random() < 0.9];
      }),
    );
  }
  // A PC and a phone at every community and grid office, both held by one user of it; their
  // logins on most working days of this month and the months before, 500,000 login days in all.
  const holders = grassroots.map((u) => ({ unit: u, user: randomUUID() }));
  await insert(
    'directus_users',
    ['id', 'email', 'status', 'unit', 'unit_path'],
    holders.map((h, i) => [h.user, `bench-holder-${i}@pukou.gov.cn`, 'active', h.unit.id, h.unit.path]),
  );
  await insert(
    'terminals',
    ['unit', 'unit_path', 'kind', 'asset_number', 'holder', 'status'],
    holders.flatMap((h, i) => ['pc', 'phone'].map((kind) => [h.unit.id, h.unit.path, kind, `BENCH-${kind}-${i}`, h.user, 'in_use'])),
  );
  const logins: unknown[][] = [];
  for (let t = Date.parse(`${period.last}T00:00:00Z`); logins.length < COUNTS.loginDays; t -= 24 * HOUR) {
    const date = new Date(t).toISOString().slice(0, 10);
    if ([0, 6].includes(new Date(t).getUTCDay())) continue;
    for (const h of holders)
      for (const channel of ['pc', 'phone'])
        if (random() < 0.95 && logins.length < COUNTS.loginDays)
          logins.push([`${h.user}.${date}.${channel}`, h.user, h.unit.id, h.unit.path, asDate(sql, date), channel, 1]);
  }
  await insert('login_days', ['key', '"user"', 'unit', 'unit_path', 'day', 'channel', 'logins'], logins);
  if (sql.client === 'pg') await sql.all('ANALYZE');
  return created;
}

/** A staff account at each office that assesses (the district's demo one, one made per street). */
async function staffOf(system: Awaited<ReturnType<typeof startSystem>>, url: string, units: Unit[]): Promise<Map<number, string>> {
  const tokens = new Map<number, string>();
  const login = (email: string, password: string) => token(url, email, password);
  const district = units.find((u) => u.level === 'district' && u.kind === 'office')!;
  tokens.set(district.id, await login('district-staff@pukou.gov.cn', DEMO_PASSWORD));
  const role = ROLES.find((r) => r.key === 'street-staff')!.id;
  for (const street of units.filter((u) => u.level === 'street' && u.kind === 'office')) {
    const email = `bench-${street.code.toLowerCase()}@pukou.gov.cn`;
    const password = 'Bench@2026x';
    const made = (await system.admin.request(createUser({ email, password, role, unit: street.id, status: 'active' } as never))) as {
      id: string;
    };
    await system.admin.request(updateUser(made.id, { must_change_password: false } as never));
    tokens.set(street.id, await login(email, password));
  }
  return tokens;
}

/** Each street's rubric for its communities: the district's, copied (as a street does). */
async function streetRubrics(system: Awaited<ReturnType<typeof startSystem>>, db: Knex, units: Unit[]): Promise<Map<number, number>> {
  const service = assessmentService(db);
  const districtRubric = (await db('assessment_rubrics').first('id')).id as number;
  const { sections, items } = await service.loadRubric(districtRubric);
  const rubrics = new Map<number, number>([[units.find((u) => u.level === 'district' && u.kind === 'office')!.id, districtRubric]]);
  for (const street of units.filter((u) => u.level === 'street' && u.kind === 'office')) {
    const body = {
      unit: street.id,
      title: `${street.name}社区考评细则`,
      assessed_level: 'community',
      period_type: 'month',
      status: 'active',
      based_on: districtRubric,
      sections: sections.map((s) => ({
        code: s.code,
        name: s.name,
        points: s.points,
        sort: s.sort,
        items: items.filter((i) => i.section === s.id).map(({ id: _id, section: _section, ...item }) => item),
      })),
    };
    const made = (await system.admin.request(createItem('assessment_rubrics' as never, body as never))) as { id: number };
    rubrics.set(street.id, made.id);
  }
  return rubrics;
}

/** The metrics a set of rubrics reads, each as one raw GROUP BY over the same rows. */
async function rawMetrics(db: Knex, client: string, period: Period, rubrics: { path: string; depth: number; metrics: string[] }[]) {
  const started = performance.now();
  const calendar = await loadCalendar(db);
  let groups = 0;
  for (const r of rubrics)
    for (const key of r.metrics) {
      const metric = (METRICS as Record<string, Metric>)[key]!;
      const rows = metric.rows({ db, client, period, under: r.path, cutoff: period.end, calendar });
      const value = metric.kind === 'rate' ? 'sum(hit)' : metric.kind === 'missing' ? 'count(distinct item)' : 'count(*)';
      const result = await db
        .select(db.raw('substr(path, 1, ?) as unit', [r.depth]))
        .select(db.raw(`${value} as value`))
        .from(rows.as('t'))
        .groupByRaw('1');
      groups += result.length;
    }
  return { ms: performance.now() - started, groups };
}

async function benchDatabase(key: 'pg' | 'sqlite') {
  const name = key === 'pg' ? 'PostgreSQL' : 'SQLite';
  const step = (what: string) => console.log(`[${name}] ${what}`);
  const settings: Settings = await throwawaySettings(key, 'assessment');
  step('starting Directus, applying the schema, seeding the demo data and the district’s rubric');
  const { system, sql } = await startDemoSystem(settings, `bench-directus-assessment-${key}`);
  const db = knex(
    settings.database.client === 'pg'
      ? { client: 'pg', connection: settings.database.connectionString, pool: { min: 0, max: 4 } }
      : { client: 'sqlite3', connection: { filename: settings.database.filename }, useNullAsDefault: true },
  );
  onCleanUp(() => db.destroy());

  const units = await growTree(sql, SHAPE);
  const count = (level: string) => units.filter((u) => u.level === level && u.kind === 'office').length;
  const tree = `${count('street')} streets, ${count('community')} communities, ${count('grid')} grids`;
  step(tree);
  const period = lastClosed('month', new Date());
  const started = performance.now();
  const created = await fillMonth(sql, units, period);
  step(
    `${period.key}: ${Object.entries(created)
      .map(([t, n]) => `${n.toLocaleString('en')} ${t}`)
      .join(', ')} (${Math.round(performance.now() - started)} ms)`,
  );
  await applyIndexes(system.admin);
  const rubrics = await streetRubrics(system, db, units);
  const url = system.directus.url;
  const tokens = await staffOf(system, url, units);

  // Every unit scored for the month, office by office, as their staff would.
  const runAll = async () => {
    const t0 = performance.now();
    for (const [unit, rubric] of rubrics) {
      const res = await fetch(`${url}/assessment/runs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(unit)}` },
        body: JSON.stringify({ rubric, period: period.key }),
      });
      if (!res.ok) throw new Error(`run of rubric ${rubric}: ${res.status} ${await res.text()}`);
    }
    return performance.now() - t0;
  };
  const loaded = await Promise.all(
    [...rubrics.values()].map(async (id) => {
      const r = await assessmentService(db).loadRubric(id);
      return {
        path: r.rubric.unit_path,
        depth: 0,
        level: r.rubric.assessed_level,
        metrics: [...new Set(r.items.filter((i) => i.metric).map((i) => i.metric!))],
      };
    }),
  );
  // The assessed unit's path length: the prefix a row is grouped by (codes have a fixed width per level).
  for (const r of loaded) r.depth = units.find((u) => u.level === r.level && u.path.startsWith(r.path))!.path.length;
  await runAll(); // warm-up: the first run also plans the statements
  const runs: number[] = [];
  const raws: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    runs.push(await runAll());
    raws.push((await rawMetrics(db, settings.database.client, period, loaded)).ms);
  }
  const scores = Number((await db('assessment_scores').count({ n: '*' }))[0]!.n);
  step(
    `every unit scored ${ROUNDS} times: ${runs.map((m) => Math.round(m)).join(', ')} ms; raw SQL ${raws.map((m) => Math.round(m)).join(', ')} ms`,
  );

  // One community re-scored after a change (a new record), in-process, as the live re-scoring would.
  const community = units.find((u) => u.level === 'community' && u.path.startsWith('/320111/S01/'))!;
  const s01 = rubrics.get(units.find((u) => u.path === '/320111/S01/')!.id)!;
  const service = assessmentService(db);
  const rubric = await service.loadRubric(s01);
  /** A record entered late in the community: the change a re-score follows. */
  const lateRecord = (i: number) =>
    sql.all('INSERT INTO activity_records (unit, unit_path, activity_type, occurred_on, title) VALUES (?, ?, ?, ?, ?)', [
      community.id,
      community.path,
      'visit',
      asDate(sql, period.first),
      `补录 ${i}`,
    ]);
  const one: number[] = [];
  for (let i = 0; i < ONE_UNIT_SAMPLES; i++) {
    await lateRecord(i);
    const t0 = performance.now();
    const [result] = await service.compute(rubric, period, period.end, [community.id]);
    one.push(performance.now() - t0);
    if (!result || result.unit.id !== community.id) throw new Error('one-unit re-score scored another unit');
  }
  one.sort((a, b) => a - b);
  // The same, end to end as the worker's live re-scoring does it: the record's change mark
  // read, the unit it lies under scored again and its scores replaced in the stored run.
  const at = new Date(period.end.getTime() - HOUR);
  await service.live(s01, at); // the run scored whole at this instant: the next ones are incremental
  const live: number[] = [];
  for (let i = 1; i <= ONE_UNIT_SAMPLES; i++) {
    await lateRecord(i);
    const t0 = performance.now();
    await service.live(s01, new Date(at.getTime() + i * 1000));
    live.push(performance.now() - t0);
  }
  const run = await db('assessment_runs').where({ rubric: s01, period: period.key }).first('computed_at');
  if (instant(run.computed_at)?.getTime() !== at.getTime()) throw new Error('the live re-scoring scored the whole rubric again');
  live.sort((a, b) => a - b);
  const version =
    key === 'pg'
      ? String((await sql.all('SHOW server_version'))[0]!.server_version)
      : String((await sql.all('SELECT sqlite_version() AS v'))[0]!.v);
  return {
    name: `${name} ${version}`,
    tree,
    created,
    rubrics: rubrics.size,
    scores,
    fullRun: percentile(
      [...runs].sort((a, b) => a - b),
      50,
    ),
    raw: percentile(
      [...raws].sort((a, b) => a - b),
      50,
    ),
    oneUnit: { p50: percentile(one, 50), p95: percentile(one, 95) },
    live: { p50: percentile(live, 50), p95: percentile(live, 95) },
  };
}

await runBench(async () => {
  const results = [];
  for (const key of ['pg', 'sqlite'] as const) {
    results.push(await benchDatabase(key));
    await cleanUp();
  }
  const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const lines = [
    `Run on ${new Date().toISOString().slice(0, 10)}: ${machine().join('; ')}. Each database a throwaway Directus with the demo data and the tree grown to ${results[0]!.tree};`,
    `one month of records (${Object.entries(results[0]!.created)
      .map(([t, n]) => `${n.toLocaleString('en')} ${t}`)
      .join(', ')}); the district's rubric for its streets and one rubric per street for its communities (${results[0]!.rubrics} rubrics).`,
    "A full run is POST /assessment/runs for every rubric, one after the other, as each office's staff (median of 3, after a warm-up);",
    'raw SQL is the same metrics as one GROUP BY each over the same rows (median of 3); one unit is a community re-scored in-process after a new record (20 samples);',
    "live is the worker's incremental re-scoring after a new record, end to end: the change mark read, the community scored again, its scores replaced in the stored run (20 samples).",
    '',
    '| database | full month run | raw SQL | ratio | one unit p50 / p95 | live one unit p50 / p95 | goals |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...results.map((r) => {
      const ratio = r.fullRun / r.raw;
      const met = [
        r.name.startsWith('PostgreSQL') ? (r.fullRun < GOAL.fullRunMs ? `< 5 s met` : `< 5 s MISSED`) : 'no time goal',
        ratio <= GOAL.ratio ? `≤ 2× raw met` : `≤ 2× raw MISSED (${ratio.toFixed(1)}×)`,
        r.live.p95 < GOAL.oneUnitMs ? '< 200 ms met' : '< 200 ms MISSED',
      ].join('; ');
      return `| ${r.name} | ${fmt(r.fullRun)} | ${fmt(r.raw)} | ${ratio.toFixed(2)}× | ${Math.round(r.oneUnit.p50)} / ${Math.round(r.oneUnit.p95)} ms | ${Math.round(r.live.p50)} / ${Math.round(r.live.p95)} ms | ${met} |`;
    }),
    '',
    `Scores stored per full run: ${results[0]!.scores.toLocaleString('en')} rows on PostgreSQL (every unit × every item).`,
    'The login days behind 9.1a (terminals × working days) are among the metrics both sides read.',
  ];
  console.log(lines.join('\n'));
  writeSection(DOC, 'assessment', 'Assessment (考评): scoring a month', lines.join('\n'));
});
