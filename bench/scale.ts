// npm run bench:scale [-- --scale F] [--seed N] — the lists office staff open most, on Pukou-scale data.
//
// A throwaway PostgreSQL system with the demo data and `seed:scale`'s load on top (by default
// the district's full size: ~2 million matters, ~4.4 million participant rows, 1.2 million
// people; about 6 minutes to load on two cores; --scale 0.1 for a quick try). Then, for a
// generated grid's worker, a community's and a street's staff, the district's leader and the
// administrator (no rule): the matters list as the app asks it (a page of 10, newest first,
// and its count), the people list's first page, and the dashboard's statistics. Each rule-bound
// page is compared in the same run with the administrator's same page and with its statement run
// directly. Prints the table and rewrites its section of docs/benchmarks.md; everything it
// creates is removed again, also on failure.

import { resolve } from 'node:path';
import { adminPassword, DEMO_PASSWORD, personalDataEnv, PROJECT_ROOT } from '../directus.config.ts';
import { lastClosed } from '../extensions/domains/assessment/period.ts';
import { DASHBOARD_FIGURES } from '../extensions/domains/statistics/dashboard.ts';
import { personalVault } from '../extensions/kernel/personal-vault.ts';
import { SEALED_PERSONAL_FIELDS } from '../schema/collections/people.ts';
import { endOf, loadScale } from '../seed/scale/pg-load.ts';
import { openDatabase } from '../scripts/lib/database.ts';
import { cleanUp, onCleanUp, runBench } from './lib/cleanup.ts';
import { token } from './lib/login.ts';
import { time, type Budget, type Timing } from './lib/measure.ts';
import { machine, writeSection } from './lib/section.ts';
import { startDemoSystem, throwawaySettings } from './lib/throwaway.ts';

const DOC = resolve(PROJECT_ROOT, 'docs/benchmarks.md');
const BUDGET: Budget = { warmup: 2, samples: 15, maxMs: 20_000 };
/** The matters list's columns, as frontend/src/pages/matters/list.tsx asks them; antd's first page of 10. */
const MATTER_FIELDS = 'id,number,title,type,urgency,status,due_at,sign_due_at,yellow_at,paused_at,date_created,handler_unit.name,unit.name';
const MATTERS_PAGE = `/items/matters?fields=${MATTER_FIELDS}&limit=10&page=1&sort=-date_created`;
const MATTERS_COUNT = '/items/matters?aggregate[count]=*';
const PEOPLE_PAGE = '/items/people?fields=id,name,birth_date,residence_address,unit.name&limit=10&page=1&sort=-date_created';
const GOAL = { pageMs: 300, ratio: 3 };
// Latency is measured, not shed: Directus's pressure limiter would refuse a request while the
// machine is busy (loading, the statistics of two million matters). Taken from the environment.
process.env.PRESSURE_LIMITER_ENABLED = 'false';

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
}

interface Viewer {
  who: string;
  email: string;
  password: string;
  /** The unit path the rule compares with; null for the administrator. */
  path: string | null;
}

interface Row {
  who: string;
  inScope: number;
  page: Timing;
  count: Timing;
  people: Timing;
  /** Null for the administrator, who has no unit to see figures of. */
  statistics: Timing | null;
  sqlPage: Timing;
  sqlCount: Timing;
}

await runBench(async () => {
  const scale = Number(option('--scale', '1'));
  const seed = Number(option('--seed', '20261205'));
  if (!(scale > 0 && scale <= 10)) throw new Error('--scale: a number above 0 and at most 10');
  const settings = await throwawaySettings('pg', 'scale');
  if (settings.database.client !== 'pg') throw new Error('bench:scale runs on PostgreSQL');
  const { system, sql } = await startDemoSystem(settings, 'bench-scale');
  const db = openDatabase(settings);
  onCleanUp(() => db.destroy());

  console.log(`bench:scale: loading Pukou-scale data (scale ${scale}, seed ${seed}) …`);
  const loadStart = performance.now();
  const loaded = await loadScale(db, settings.database.connectionString, personalVault(personalDataEnv(settings), SEALED_PERSONAL_FIELDS), {
    seed,
    scale,
    end: endOf('2026-12-05'),
    check: false,
    log: (line) => console.log(`  ${line}`),
  });
  const loadSeconds = (performance.now() - loadStart) / 1000;

  const gridWorker = (await sql.all(
    "SELECT u.email, u.unit_path FROM directus_users u WHERE u.email LIKE 'grid-gridworker.%' ORDER BY u.email DESC LIMIT 1",
  )) as { email: string; unit_path: string }[];
  const demoPath = async (email: string) =>
    String((await sql.all('SELECT unit_path FROM directus_users WHERE email = $1', [email]))[0]!.unit_path);
  const viewers: Viewer[] = [
    { who: 'grid worker (generated grid)', email: gridWorker[0]!.email, password: DEMO_PASSWORD, path: gridWorker[0]!.unit_path },
    ...(
      [
        ['community staff', 'community-staff@pukou.gov.cn'],
        ['street staff', 'street-staff@pukou.gov.cn'],
        ['district leader', 'district-leader@pukou.gov.cn'],
      ] as const
    ).map(([who, email]) => ({ who, email, password: DEMO_PASSWORD, path: '' })),
    { who: 'administrator (no rule)', email: settings.adminEmail, password: adminPassword(settings), path: null },
  ];
  for (const v of viewers) if (v.path === '') v.path = await demoPath(v.email);

  const url = system.directus.url;
  const period = lastClosed('month', new Date('2026-12-05T00:00:00+08:00'));
  const statistics = `/statistics?span=${period.key}&figures=${DASHBOARD_FIGURES.join(',')}`;
  const rows: Row[] = [];
  for (const v of viewers) {
    const bearer = { authorization: `Bearer ${await token(url, v.email, v.password)}` };
    const get = async (path: string) => {
      const answer = await fetch(`${url}${path}`, { headers: bearer });
      if (answer.status !== 200) throw new Error(`${v.who}: GET ${path} answered ${answer.status}: ${await answer.text()}`);
      return answer.json() as Promise<{ data: any }>;
    };
    // The rule as the database reads it (schema/access.ts MATTER_VISIBLE), for the statements run directly.
    const where = v.path === null ? '' : 'WHERE participant_paths LIKE $1';
    const params = v.path === null ? [] : [`%${v.path}%`];
    const inScope = Number((await get(MATTERS_COUNT)).data[0].count);
    console.log(`bench:scale: ${v.who}: ${inScope.toLocaleString('en')} matters in scope`);
    rows.push({
      who: v.who,
      inScope,
      page: await time(() => get(MATTERS_PAGE), BUDGET),
      count: await time(() => get(MATTERS_COUNT), BUDGET),
      people: await time(() => get(PEOPLE_PAGE), BUDGET),
      statistics: v.path === null ? null : await time(() => get(statistics), { ...BUDGET, samples: 5 }),
      sqlPage: await time(
        () => sql.all(`SELECT id, number, title, status, date_created FROM matters ${where} ORDER BY date_created DESC LIMIT 10`, params),
        BUDGET,
      ),
      sqlCount: await time(() => sql.all(`SELECT count(*) FROM matters ${where}`, params), BUDGET),
    });
  }

  const admin = rows.at(-1)!;
  const ms = (t: Timing) => `${Math.round(t.p50).toLocaleString('en')} / ${Math.round(t.p95).toLocaleString('en')}`;
  const table = [
    '| viewer | matters in scope | matters page p50 / p95 ms | × admin | page as SQL | count p50 / p95 ms | count as SQL | people page | dashboard statistics |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.who} | ${r.inScope.toLocaleString('en')} | ${ms(r.page)} | ${(r.page.p50 / admin.page.p50).toFixed(2)} | ${ms(r.sqlPage)} | ${ms(r.count)} | ${ms(r.sqlCount)} | ${ms(r.people)} | ${r.statistics ? ms(r.statistics) : '—'} |`,
    ),
  ];
  const worstPage = Math.max(...rows.map((r) => r.page.p95));
  const worstRatio = Math.max(...rows.map((r) => r.page.p50 / admin.page.p50));
  const verdict = [
    `- Matters page p95 at most ${Math.round(worstPage)} ms (goal < ${GOAL.pageMs} ms): ${worstPage < GOAL.pageMs ? 'met' : 'NOT met'}.`,
    `- A rule-bound page at most ${worstRatio.toFixed(2)} × the administrator's (goal < ${GOAL.ratio}): ${worstRatio < GOAL.ratio ? 'met' : 'NOT met'}.`,
  ];
  console.log(['', ...table, '', ...verdict].join('\n'));
  const body = [
    `Run on ${new Date().toISOString().slice(0, 10)}: ${machine().join(', ')}; PostgreSQL with its default settings.`,
    `Data: demo data plus \`seed:scale --scale ${scale} --seed ${seed}\` (${Object.entries(loaded.rows)
      .filter(([t]) => ['matters', 'matter_participants', 'people'].includes(t))
      .map(([t, n]) => `${t} ${n.toLocaleString('en')}`)
      .join(', ')}), loaded in ${Math.round(loadSeconds)} s.`,
    `Each figure: ${BUDGET.samples} sequential requests after ${BUDGET.warmup} untimed (statistics: 5), one client on 127.0.0.1.`,
    '',
    ...table,
    '',
    ...verdict,
  ].join('\n');
  writeSection(DOC, 'scale', 'Lists at Pukou scale (bench:scale)', body);
  await cleanUp();
});
