// npm run bench:analysis — what 统计研判 costs at Pukou scale, on PostgreSQL.
//
// A throwaway Directus with the demo data, the tree of the assessment benchmark
// (9 streets, ~150 communities, ~1,500 grids), its month of records, and a year of
// matters across the grids. Measured: the district leader's dashboard statistics
// (GET /statistics with the dashboard's eight key figures, each with 环比 and 同比,
// per street) against the same figure queries run directly; the twelve-month trend
// the dashboard draws; and the monthly supervision bulletin for the nine streets
// (GET /reports/bulletin as the district's office). Prints the figures and
// rewrites its section of docs/benchmarks.md. Everything it creates is removed.

import { resolve } from 'node:path';
import knex from 'knex';
import { DEMO_PASSWORD, PROJECT_ROOT } from '../directus.config.ts';
import type { MetricScope } from '../extensions/domains/assessment/metrics.ts';
import { lastClosed, type Period } from '../extensions/domains/assessment/period.ts';
import { DASHBOARD_FIGURES } from '../extensions/domains/statistics/dashboard.ts';
import { FIGURES } from '../extensions/domains/statistics/figures.ts';
import { countQuery } from '../extensions/domains/statistics/statistics.ts';
import { before, parseSpan, yearEarlier, type Span } from '../extensions/domains/statistics/span.ts';
import { loadCalendar } from '../extensions/kernel/calendar.ts';
import { applyIndexes } from '../schema/apply.ts';
import { seededRandom } from '../seed/random.ts';
import { timedGet, trendAndBulletin } from './lib/analysis-requests.ts';
import { cleanUp, onCleanUp, runBench } from './lib/cleanup.ts';
import { growTree, insertRows, type Unit } from './lib/data.ts';
import { token } from './lib/login.ts';
import { percentile } from './lib/measure.ts';
import { asInstant, fillMonth, HOUR, SHAPE } from './lib/pukou-data.ts';
import { machine, writeSection } from './lib/section.ts';
import type { Sql } from './lib/sql.ts';
import { startDemoSystem, throwawaySettings } from './lib/throwaway.ts';

const YEAR_OF_MATTERS = 120_000;
const SAMPLES = 40;
const BULLETINS = 3;
const GOAL = { dashboardP95Ms: 300, ratio: 2, bulletinMs: 5_000 };
const DOC = resolve(PROJECT_ROOT, 'docs/benchmarks.md');

/** A year of matters up to the month's end, reported at grids, most closed (some late), of the seeded categories. */
async function fillYear(sql: Sql, units: Unit[], period: Period): Promise<number> {
  const random = seededRandom(20261203);
  const grids = units.filter((u) => u.kind === 'office' && u.level === 'grid');
  const categories = (await sql.all('SELECT id FROM matter_categories')).map((r) => Number(r.id));
  const end = period.end.getTime();
  const start = end - 365 * 24 * HOUR;
  const sources = ['grid', 'phone', 'hotline', 'dalianqin'];
  const rows = Array.from({ length: YEAR_OF_MATTERS }, (_, i) => {
    const u = grids[Math.floor(random() * grids.length)]!;
    const created = start + Math.floor(random() * (end - start));
    const due = created + 72 * HOUR;
    const closed = random() < 0.85;
    const closedAt = closed ? created + Math.floor(random() * 96 * HOUR) : null;
    return [
      `YR${String(i + 1).padStart(8, '0')}`,
      random() < 0.7 ? 'event' : 'task',
      `事项 ${i + 1}`,
      'normal',
      closed ? 'closed' : 'handling',
      u.id,
      u.path,
      u.id,
      categories[Math.floor(random() * categories.length)] ?? null,
      sources[Math.floor(random() * sources.length)],
      asInstant(sql, created),
      asInstant(sql, created + 24 * HOUR),
      asInstant(sql, due),
      closedAt === null ? null : asInstant(sql, closedAt),
      1,
    ];
  });
  await sql.all('BEGIN');
  await insertRows(
    sql,
    'matters',
    [
      'number',
      'type',
      'title',
      'urgency',
      'status',
      'unit',
      'unit_path',
      'handler_unit',
      'category',
      'source',
      'date_created',
      'sign_due_at',
      'due_at',
      'closed_at',
      'version',
    ],
    rows,
    1000,
  );
  await sql.all('COMMIT');
  await sql.all('ANALYZE');
  return rows.length;
}

const asPeriod = (span: Span): Period => ({ ...span, type: 'month', label: span.key });
const p95 = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    95,
  );
const p50 = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );

await runBench(async () => {
  const settings = await throwawaySettings('pg', 'analysis');
  const step = (what: string) => console.log(`[PostgreSQL] ${what}`);
  step('starting Directus, applying the schema, seeding the demo data');
  const { system, sql } = await startDemoSystem(settings, 'bench-directus-analysis-pg');
  if (settings.database.client !== 'pg') throw new Error('bench:analysis runs on PostgreSQL');
  const db = knex({ client: 'pg', connection: settings.database.connectionString, pool: { min: 0, max: 4 } });
  onCleanUp(() => db.destroy());
  const units = await growTree(sql, SHAPE);
  const count = (level: string) => units.filter((u) => u.level === level && u.kind === 'office').length;
  const tree = `${count('street')} streets, ${count('community')} communities, ${count('grid')} grids`;
  const period = lastClosed('month', new Date());
  const created = await fillMonth(sql, units, period);
  const year = await fillYear(sql, units, period);
  step(
    `${tree}; ${period.key}: ${Object.values(created)
      .reduce((a, n) => a + n, 0)
      .toLocaleString('en')} records, and ${year.toLocaleString('en')} matters over a year`,
  );
  await applyIndexes(system.admin);

  const url = system.directus.url;
  const leader = await token(url, 'district-leader@pukou.gov.cn', DEMO_PASSWORD);
  const office = await token(url, 'district-staff@pukou.gov.cn', DEMO_PASSWORD);
  const get = timedGet(url);

  // The dashboard's statistics, as the district leader's screen asks for them.
  const statistics = `/statistics?span=${period.key}&figures=${DASHBOARD_FIGURES.join(',')}`;
  // The same figure queries run directly: the span, the span before and a year earlier (registers: the span only).
  const calendar = await loadCalendar(db);
  const span = parseSpan(period.key)!;
  // The same figure queries, counted as the endpoint counts them (the span per unit path and breakdown,
  // the spans compared with in all), one after the other.
  const perFigure = new Map<string, number[]>();
  const raw = async () => {
    const t0 = performance.now();
    for (const key of DASHBOARD_FIGURES) {
      const figure = FIGURES[key];
      const spans = 'state' in figure && figure.state ? [span] : [span, before(span), yearEarlier(span)];
      const f0 = performance.now();
      for (const [i, s] of spans.entries()) {
        const scope: MetricScope = { db, client: 'pg', period: asPeriod(s), under: '/320111/', cutoff: s.end, calendar };
        await countQuery(db, figure, scope, i > 0);
      }
      perFigure.set(key, [...(perFigure.get(key) ?? []), performance.now() - f0]);
    }
    return performance.now() - t0;
  };
  // A warm-up of each, then the two in turn, so that the machine's noise falls on both alike.
  await get(statistics, leader);
  await raw();
  perFigure.clear();
  const dashboard: number[] = [];
  const direct: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    dashboard.push(await get(statistics, leader));
    direct.push(await raw());
  }

  const { trend, bulletins } = await trendAndBulletin(url, { leader, office }, period.key, { trend: SAMPLES, bulletins: BULLETINS });
  const version = String((await sql.all('SHOW server_version'))[0]!.server_version);

  const ratio = p95(dashboard) / p95(direct);
  const ms = (x: number) => `${Math.round(x)} ms`;
  const lines = [
    `Run on ${new Date().toISOString().slice(0, 10)}: ${machine().join('; ')}. PostgreSQL ${version}; a throwaway Directus with the demo data, the tree grown to ${tree},`,
    `the month ${period.key} of the assessment benchmark's records, and ${year.toLocaleString('en')} matters over the year before it.`,
    `Dashboard: GET /statistics with the dashboard's ${DASHBOARD_FIGURES.length} key figures (each with 环比 and 同比, per street) as the district leader, ${SAMPLES} samples after a warm-up, taken in turn with the raw SQL;`,
    'raw SQL is the same figure queries (the span per unit path and breakdown, the span before and a year earlier in all), counted as the endpoint counts them (countQuery), run directly through knex one after the other',
    '(the endpoint runs them side by side). Trend: GET /statistics/trend, matters over 12 months.',
    `Bulletin: GET /reports/bulletin (nine streets, eight items, the assessment's deductions, a .docx with two charts) as the district office, ${BULLETINS} runs.`,
    '',
    '| measure | p50 | p95 | goal |',
    '| --- | --- | --- | --- |',
    `| dashboard statistics | ${ms(p50(dashboard))} | ${ms(p95(dashboard))} | < 300 ms ${p95(dashboard) < GOAL.dashboardP95Ms ? 'met' : 'MISSED'}; ${ratio.toFixed(2)}× raw SQL, ≤ 2× ${ratio <= GOAL.ratio ? 'met' : 'MISSED'} |`,
    `| the same queries, raw SQL | ${ms(p50(direct))} | ${ms(p95(direct))} | — |`,
    `| 12-month trend | ${ms(p50(trend))} | ${ms(p95(trend))} | — |`,
    `| bulletin, nine streets | ${ms(p50(bulletins))} | ${ms(Math.max(...bulletins))} (slowest) | < 5 s ${Math.max(...bulletins) < GOAL.bulletinMs ? 'met' : 'MISSED'} |`,
    '',
    `Raw SQL per figure (p50, its spans together): ${[...perFigure].map(([k, xs]) => `${k} ${ms(p50(xs))}`).join(', ')}.`,
  ];
  console.log(lines.join('\n'));
  writeSection(DOC, 'analysis', 'Statistics and analysis (统计研判): the dashboard and the bulletin', lines.join('\n'));
  await cleanUp();
});
