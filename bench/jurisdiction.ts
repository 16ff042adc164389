// npm run bench:jurisdiction — what the jurisdiction filter costs a user's list page.
//
// For PostgreSQL and then SQLite: a throwaway Directus with the schema and the
// demo data, the Pukou tree grown to a few thousand grids, 200,000 activity
// records spread over it; then the p50/p95 of a 25-row sorted page through the
// API as a community user, a street user and the administrator (no filter), and
// of the same statements run directly. Prints a table and rewrites its section
// of docs/benchmarks.md. Everything it creates is removed again, also on failure.

import { clearCache } from '@directus/sdk';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { adminPassword, DEMO_PASSWORD, PROJECT_ROOT, type Settings } from '../directus.config.ts';
import { ROLES } from '../schema/access.ts';
import { applyIndexes } from '../schema/apply.ts';
import { DEMO_UNIT_PATHS, DEMO_USERS } from '../seed/demo-users.ts';
import { growTree, insertActivityRecords, SHAPE } from './lib/data.ts';
import { cleanUp, runBench } from './lib/cleanup.ts';
import { time, type Budget } from './lib/measure.ts';
import { section, table, goalLines, type DatabaseResult, type Goal, type ViewerResult } from './lib/report.ts';
import { writeSection } from './lib/section.ts';
import type { Sql } from './lib/sql.ts';
import { startDemoSystem, throwawaySettings } from './lib/throwaway.ts';
import { token } from './lib/login.ts';

const ROWS = 200_000;
const BUDGET: Budget = { warmup: 20, samples: 200, maxMs: 30_000 };
const GOAL: Goal = { maxRatio: 1.5, maxMs: 30 };
const PAGE_SIZE = 25;
const PAGE_FIELDS = ['id', 'title', 'occurred_on', 'unit_path'];
const PAGE = `/items/activity_records?limit=${PAGE_SIZE}&sort=-occurred_on,-id&fields=${PAGE_FIELDS.join(',')}`;
const DOC = resolve(PROJECT_ROOT, 'docs/benchmarks.md');

// Directus runs with the project's settings, response cache included (off by
// default). Should it be on, every timed GET asks to skip it: a cached page would
// time the cache, not the filter. Directus takes this from the inherited environment.
process.env.CACHE_SKIP_ALLOWED = 'true';

function demoEmail(roleKey: string): string {
  const role = ROLES.find((r) => r.key === roleKey);
  const user = DEMO_USERS.find((u) => u.roleId === role?.id);
  if (!user) throw new Error(`no demo user with role ${roleKey}`);
  return user.email;
}

interface Viewer {
  viewer: ViewerResult['viewer'];
  who: string;
  email: string;
  password: string;
  /** The jurisdiction the filter applies, null for the administrator (no filter). */
  path: string | null;
}

function viewers(settings: Settings): Viewer[] {
  return [
    {
      viewer: 'community',
      who: `community user (${DEMO_UNIT_PATHS.community})`,
      email: demoEmail('community-staff'),
      password: DEMO_PASSWORD,
      path: DEMO_UNIT_PATHS.community!,
    },
    {
      viewer: 'street',
      who: `street user (${DEMO_UNIT_PATHS.street})`,
      email: demoEmail('street-staff'),
      password: DEMO_PASSWORD,
      path: DEMO_UNIT_PATHS.street!,
    },
    { viewer: 'admin', who: 'administrator (no filter)', email: settings.adminEmail, password: adminPassword(settings), path: null },
  ];
}

/**
 * The statements Directus 11.17 issues for the page (seen with DEBUG=knex:query):
 * for a user every selected field is wrapped in a CASE on the permission filter,
 * which is also the WHERE; the count of `meta=filter_count` is a second statement.
 */
function pageStatements(path: string | null): { page: [string, unknown[]]; count: [string, unknown[]] } {
  // Qualified like Directus's: an unqualified ORDER BY name would sort by the CASE alias instead.
  const column = (field: string) => `"activity_records"."${field}"`;
  const order = `ORDER BY ${column('occurred_on')} DESC, ${column('id')} DESC LIMIT ?`;
  if (path === null) {
    return {
      page: [`SELECT ${PAGE_FIELDS.map(column).join(', ')} FROM "activity_records" ${order}`, [PAGE_SIZE]],
      count: ['SELECT count(*) AS "count" FROM "activity_records"', []],
    };
  }
  const like = `${path}%`;
  const filter = `(${column('unit_path')} LIKE ?)`;
  const fields = PAGE_FIELDS.map((f) => `(CASE WHEN ${filter} THEN ${column(f)} END) AS "${f}"`).join(', ');
  return {
    page: [`SELECT ${fields} FROM "activity_records" WHERE ${filter} ${order}`, [...PAGE_FIELDS.map(() => like), like, PAGE_SIZE]],
    count: [`SELECT count(*) AS "count" FROM "activity_records" WHERE ${filter}`, [like]],
  };
}

/** How Directus marks a page it did not take from its response cache. */
let uncached = 'no-cache';

async function getPage(url: string, accessToken: string, withCount: boolean): Promise<string> {
  const res = await fetch(`${url}${PAGE}${withCount ? '&meta=filter_count' : ''}`, {
    headers: { authorization: `Bearer ${accessToken}`, 'cache-control': 'no-store' },
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`GET ${PAGE}: ${res.status} ${text}`);
  if (res.headers.get('cache-control') !== uncached)
    throw new Error(`GET ${PAGE}: possibly served from the response cache (Cache-Control: ${res.headers.get('cache-control')})`);
  return text;
}

/** The API must return the same page as the direct SQL, else the timings compare different work. */
async function checkPage(url: string, accessToken: string, viewer: Viewer, sql: Sql): Promise<number> {
  const body = JSON.parse(await getPage(url, accessToken, true)) as {
    data: { id: number; unit_path: string }[];
    meta: { filter_count: number };
  };
  const { page, count } = pageStatements(viewer.path);
  const expected = (await sql.all(...page)).map((r) => Number(r.id));
  const rows = Number((await sql.all(...count))[0]!.count);
  const got = body.data.map((r) => Number(r.id));
  if (got.length !== PAGE_SIZE || got.join() !== expected.join())
    throw new Error(`${viewer.who}: API page ${got.join()} differs from SQL ${expected.join()}`);
  if (viewer.path && body.data.some((r) => !r.unit_path.startsWith(viewer.path!)))
    throw new Error(`${viewer.who}: page holds items outside ${viewer.path}`);
  if (Number(body.meta.filter_count) !== rows) throw new Error(`${viewer.who}: filter_count ${body.meta.filter_count}, SQL count ${rows}`);
  return rows;
}

async function plan(sql: Sql, path: string | null): Promise<string> {
  const [statement, params] = pageStatements(path).page;
  if (sql.client === 'pg')
    return (await sql.all(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ${statement}`, params))
      .map((r) => r['QUERY PLAN'])
      .join('\n');
  return (await sql.all(`EXPLAIN QUERY PLAN ${statement}`, params)).map((r) => r.detail).join('\n');
}

async function indexes(sql: Sql): Promise<string[]> {
  const rows =
    sql.client === 'pg'
      ? await sql.all(`SELECT indexdef AS "sql" FROM pg_indexes WHERE tablename = 'activity_records' ORDER BY indexname`)
      : await sql.all(
          `SELECT "sql" FROM sqlite_master WHERE type = 'index' AND tbl_name = 'activity_records' AND "sql" IS NOT NULL ORDER BY name`,
        );
  return rows.map((r) => String(r.sql));
}

async function benchDatabase(key: 'pg' | 'sqlite'): Promise<{ result: DatabaseResult; version: string }> {
  const name = key === 'pg' ? 'PostgreSQL' : 'SQLite';
  const step = (what: string) => console.log(`[${name}] ${what}`);
  const settings = await throwawaySettings(key, 'jurisdiction');
  // With the cache on, Directus answers no-store only when it honoured the skip.
  uncached = settings.cacheEnabled ? 'no-store' : 'no-cache';
  step('starting Directus, applying the schema, seeding the demo data');
  const { system, sql } = await startDemoSystem(settings, `bench-directus-${key}`);
  const version =
    key === 'pg'
      ? String((await sql.all('SHOW server_version'))[0]!.server_version)
      : String((await sql.all('SELECT sqlite_version() AS v'))[0]!.v);

  let started = performance.now();
  const units = await growTree(sql);
  const count = (level: string) => units.filter((u) => u.level === level && u.kind === 'office').length;
  step(
    `tree: ${count('street')} streets, ${count('community')} communities, ${count('grid')} grids (${Math.round(performance.now() - started)} ms)`,
  );
  started = performance.now();
  await insertActivityRecords(sql, units, ROWS);
  step(`${ROWS.toLocaleString('en')} activity records inserted (${Math.round(performance.now() - started)} ms)`);
  // Schema apply creates the indexes; run it again as `npm run schema:apply` would
  // after an upgrade, then drop whatever Directus cached before the bulk insert.
  await applyIndexes(system.admin);
  await system.admin.request(clearCache());

  const url = system.directus.url;
  const results: ViewerResult[] = [];
  const plans: DatabaseResult['plans'] = [];
  for (const viewer of viewers(settings)) {
    const accessToken = await token(url, viewer.email, viewer.password);
    const rows = await checkPage(url, accessToken, viewer, sql);
    const { page, count: countStatement } = pageStatements(viewer.path);
    const timings = {
      page: await time(() => getPage(url, accessToken, false), BUDGET),
      pageCount: await time(() => getPage(url, accessToken, true), BUDGET),
      sql: await time(() => sql.all(...page), BUDGET),
      sqlCount: await time(async () => {
        await sql.all(...page);
        await sql.all(...countStatement);
      }, BUDGET),
    };
    results.push({ viewer: viewer.viewer, who: viewer.who, rows, ...timings });
    plans.push({ viewer: viewer.who, plan: await plan(sql, viewer.path) });
    step(`${viewer.who}: page p95 ${timings.page.p95.toFixed(1)} ms, SQL p95 ${timings.sql.p95.toFixed(1)} ms`);
  }
  const result: DatabaseResult = { name: `${name} ${version}`, key, viewers: results, indexes: await indexes(sql), plans };
  return { result, version: `${name} ${version}` };
}

async function main(): Promise<void> {
  const results: DatabaseResult[] = [];
  const versions: string[] = [];
  const directusVersion = (
    JSON.parse(readFileSync(resolve(PROJECT_ROOT, 'node_modules/directus/package.json'), 'utf8')) as { version: string }
  ).version;
  versions.push(`Directus ${directusVersion}, Node ${process.versions.node}`);
  for (const key of ['pg', 'sqlite'] as const) {
    try {
      const { result, version } = await benchDatabase(key);
      results.push(result);
      versions.push(version);
    } finally {
      await cleanUp();
    }
  }

  for (const db of results) console.log(['', `${db.name}:`, ...table(db), ...goalLines(db, GOAL)].join('\n'));
  const owners: Record<string, string> = {
    grid: 'grids',
    community: 'communities',
    street: 'streets',
    district: 'the district and its departments',
  };
  const shares = Object.entries(SHAPE.levelShares).map(([level, share]) => `${Math.round(share * 100)}% by ${owners[level] ?? level}`);
  const shape = `the district, 9 streets with ${SHAPE.communitiesPerStreet} communities each and ${SHAPE.gridsPerCommunity} grids per community (demo units included), owned ${shares.join(', ')}`;
  const budget = `Each case: ${BUDGET.warmup} warm-up requests, then ${BUDGET.samples} sequential ones from one client on 127.0.0.1 (real logins; ${uncached === 'no-store' ? 'response cache on, skipped with `Cache-Control: no-store`' : 'response cache off, the project default'}); p50 / p95 in ms. "SQL" runs the statements Directus issues for the page on a separate connection (\`pg\` / \`sqlite3\`); "+ count" adds the count statement of \`meta=filter_count\`.`;
  writeSection(
    DOC,
    'jurisdiction',
    'Jurisdiction filter: latest figures',
    section(results, GOAL, { date: new Date().toISOString(), rows: ROWS, shape, budget, versions }),
  );
  console.log(`\nwritten to ${DOC}`);
}

await runBench(main);
