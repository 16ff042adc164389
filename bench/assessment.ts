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

import { resolve } from 'node:path';
import knex, { type Knex } from 'knex';
import { PROJECT_ROOT, type Settings } from '../directus.config.ts';
import { loadCalendar } from '../extensions/kernel/calendar.ts';
import { instant } from '../extensions/kernel/db-values.ts';
import { METRICS, type Metric } from '../extensions/domains/assessment/metrics.ts';
import { lastClosed, type Period } from '../extensions/domains/assessment/period.ts';
import { assessmentService } from '../extensions/domains/assessment/service.ts';
import { applyIndexes } from '../schema/apply.ts';
import { scoreRubric, streetRubrics } from './lib/assessment-runs.ts';
import { cleanUp, onCleanUp, runBench } from './lib/cleanup.ts';
import { growTree } from './lib/data.ts';
import { percentile } from './lib/measure.ts';
import { machine, writeSection } from './lib/section.ts';
import { startDemoSystem, throwawaySettings } from './lib/throwaway.ts';
import { asDate, fillMonth, HOUR, SHAPE, staffOf } from './lib/pukou-data.ts';

const ROUNDS = 3;
const ONE_UNIT_SAMPLES = 20;
const GOAL = { fullRunMs: 5_000, ratio: 2, oneUnitMs: 200 };
const DOC = resolve(PROJECT_ROOT, 'docs/benchmarks.md');

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
    for (const [unit, rubric] of rubrics) await scoreRubric(url, tokens.get(unit)!, rubric, period.key);
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
