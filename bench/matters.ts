// npm run bench:matters — on PostgreSQL:
//  1. 32 concurrent reporters (real grid-worker logins) POST /matters/report for
//     BENCH_SECONDS (default 60): reports per second, p50/p95 latency;
//  2. 10,000 reminder milestones due within a minute (2,500 open matters written
//     with SQL, four milestones each): lag from each milestone's instant to its
//     reminder record, p50/p99, and how many never came.
// Goal: ≥ 300 reports/s with p95 < 150 ms; p99 reminder lag < 1 s.
// Figures are printed and written to docs/benchmarks.md.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { adminPassword, PROJECT_ROOT, readSettings } from '../directus.config.ts';
import { ROLES } from '../schema/access.ts';
import { freePort, pgAdmin } from '../scripts/lib/local.ts';
import { prepare, startSystem, startWorker, stopSystem, type System } from '../scripts/lib/system.ts';
import { percentile } from './lib/measure.ts';
import { machine, writeSection } from './lib/report.ts';
import { openPg, type Sql } from './lib/sql.ts';

const SERVER = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REPORTERS = 32;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const MATTERS_FOR_REMINDERS = 2500;
const DOC = resolve(PROJECT_ROOT, 'docs/benchmarks.md');
const PASSWORD = 'Bench@2026x';

let system: System | null = null;
let dbName: string | null = null;
let dataDir: string | null = null;

async function cleanUp(): Promise<void> {
  if (system) await stopSystem(system);
  system = null;
  if (dbName) await pgAdmin(SERVER, `DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  dbName = null;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = null;
}
process.on('SIGINT', () => void cleanUp().then(() => process.exit(130)));

async function json(url: string, init: RequestInit & { token?: string } = {}): Promise<any> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const res = await fetch(url, { ...init, headers });
  const body = await res.json();
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

async function login(url: string, email: string, password: string): Promise<string> {
  return (await json(`${url}/auth/login`, { method: 'POST', body: JSON.stringify({ email, password }) })).data.access_token;
}

/** 32 grid workers spread over the demo grids, each with a real login. */
async function reporters(url: string, adminToken: string): Promise<string[]> {
  const grids = (await json(`${url}/items/units?filter[level][_eq]=grid&fields=id&limit=-1`, { token: adminToken })).data as { id: number }[];
  const role = ROLES.find((r) => r.key === 'grid-grid_worker')!.id;
  const users = Array.from({ length: REPORTERS }, (_, i) => ({ email: `bench-grid-${i}@pukou.gov.cn`, password: PASSWORD, role, unit: grids[i % grids.length]!.id, status: 'active' }));
  await json(`${url}/users`, { method: 'POST', token: adminToken, body: JSON.stringify(users) });
  return Promise.all(users.map((u) => login(url, u.email, PASSWORD)));
}

async function reportPhase(url: string, tokens: string[], category: number) {
  const latencies: number[] = [];
  let failures = 0;
  const stopAt = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    tokens.map(async (token, worker) => {
      for (let n = 0; performance.now() < stopAt; n++) {
        const t0 = performance.now();
        const res = await fetch(`${url}/matters/report`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ type: 'event_report', title: `压测上报 ${worker}-${n}`, category, urgency: 'normal', description: '基准测试：网格员现场上报' }),
        });
        await res.arrayBuffer();
        if (res.ok) latencies.push(performance.now() - t0);
        else failures += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { ok: latencies.length, failures, seconds, perSecond: latencies.length / seconds, p50: percentile(latencies, 50), p95: percentile(latencies, 95) };
}

/** 2,500 open matters whose four milestones (sign-for, 50 %, 75 %, due) fall within the next minute. */
async function seedDueMatters(sql: Sql, adminUnit: { id: number; path: string }, handler: number, category: number, now: number): Promise<void> {
  for (let start = 0; start < MATTERS_FOR_REMINDERS; start += 500) {
    const values: unknown[] = [];
    const rows: string[] = [];
    for (let i = start; i < Math.min(start + 500, MATTERS_FOR_REMINDERS); i++) {
      const spread = (i / MATTERS_FOR_REMINDERS) * 40_000;
      const created = new Date(now);
      const due = new Date(now + 20_000 + spread);
      const signDue = new Date(now + 5_000 + spread);
      rows.push('(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
      values.push(`BM-${i}`, 'event_report', `提醒压测 ${i}`, category, 'extra_urgent', adminUnit.id, adminUnit.path, 'pending_acceptance', JSON.stringify([adminUnit.id, handler]), handler, '提醒压测', 1, created, signDue, due);
    }
    await sql.all(
      `INSERT INTO matters (number, type, title, category, urgency, unit, unit_path, status, route, handler_unit, description, version, date_created, sign_due_at, due_at) VALUES ${rows.join(', ')}`,
      values,
    );
  }
}

async function reminderPhase(sql: Sql, url: string, adminToken: string) {
  const category = (await json(`${url}/items/matter_categories?limit=1&fields=id`, { token: adminToken })).data[0].id;
  const grid = (await sql.all(`SELECT id, path FROM units WHERE path = '/320111/S01/C001/G01/'`))[0] as { id: number; path: string };
  const community = (await sql.all(`SELECT id FROM units WHERE path = '/320111/S01/C001/'`))[0]!.id as number;
  const now = Date.now();
  await seedDueMatters(sql, grid, community, category, now);
  const expected = MATTERS_FOR_REMINDERS * 4;
  const lastDue = now + 60_000;
  let count = 0;
  while (Date.now() < lastDue + 120_000) {
    count = Number((await sql.all(`SELECT count(*) AS n FROM matter_reminders r JOIN matters m ON m.id = r.matter WHERE m.number LIKE 'BM-%' AND r.kind IN ('sign_due', 'half', 'three_quarters', 'due')`))[0]!.n);
    if (count >= expected) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  const lags = (
    await sql.all(
      `SELECT EXTRACT(EPOCH FROM (r.sent_at - r.due_at)) * 1000 AS lag FROM matter_reminders r JOIN matters m ON m.id = r.matter WHERE m.number LIKE 'BM-%' AND r.kind IN ('sign_due', 'half', 'three_quarters', 'due')`,
    )
  )
    .map((r) => Number(r.lag))
    .sort((a, b) => a - b);
  return { expected, recorded: lags.length, missed: expected - lags.length, p50: percentile(lags, 50), p99: percentile(lags, 99), max: lags.at(-1) ?? NaN };
}

async function main(): Promise<void> {
  dataDir = mkdtempSync(join(tmpdir(), 'zongzhi-bench-matters-'));
  dbName = `zongzhi_bench_matters_${process.pid}`;
  await pgAdmin(SERVER, `CREATE DATABASE "${dbName}"`);
  const url = new URL(SERVER);
  url.pathname = `/${dbName}`;
  const env = { DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: String(await freePort()), DEMO: 'true', RATE_LIMIT_PER_SECOND: '0', LOG_LEVEL: 'warn', REMINDER_SCAN_SECONDS: '1', DATABASE_URL: url.toString() };
  const settings = readSettings(env);
  console.log('bench:matters: starting a throwaway system on PostgreSQL …');
  system = await startSystem(settings, { logFile: resolve(PROJECT_ROOT, '.test-data/bench-matters-directus.log') });
  await prepare(system, settings, { schema: true, seed: true });
  startWorker(system);
  const base = system.directus.url;
  const adminToken = await login(base, settings.adminEmail, adminPassword(settings));
  const category = (await json(`${base}/items/matter_categories?limit=1&fields=id`, { token: adminToken })).data[0].id;

  console.log(`bench:matters: ${REPORTERS} reporters for ${SECONDS} s …`);
  const reports = await reportPhase(base, await reporters(base, adminToken), category);
  console.log(`bench:matters: ${MATTERS_FOR_REMINDERS * 4} milestones due within a minute …`);
  const sql = await openPg(url.toString());
  const reminders = await reminderPhase(sql, base, adminToken);
  await sql.close();

  const reportGoal = reports.perSecond >= 300 && reports.p95 < 150;
  const lagGoal = reminders.p99 < 1000 && reminders.missed === 0;
  const lines = [
    `Run ${new Date().toISOString()} on PostgreSQL. Machine: ${machine().join('; ')}.`,
    '',
    '| reports | value |',
    '|---|--:|',
    `| reporters (concurrent, real logins) | ${REPORTERS} |`,
    `| duration | ${reports.seconds.toFixed(1)} s |`,
    `| reports stored | ${reports.ok} |`,
    `| failed requests | ${reports.failures} |`,
    `| reports per second | ${reports.perSecond.toFixed(1)} |`,
    `| latency p50 / p95 | ${reports.p50.toFixed(1)} / ${reports.p95.toFixed(1)} ms |`,
    '',
    '| reminders | value |',
    '|---|--:|',
    `| milestones due within a minute | ${reminders.expected} |`,
    `| reminders recorded | ${reminders.recorded} |`,
    `| never recorded (within 2 min after the last) | ${reminders.missed} |`,
    `| lag p50 / p99 / max | ${reminders.p50.toFixed(0)} / ${reminders.p99.toFixed(0)} / ${reminders.max.toFixed(0)} ms |`,
    '',
    `Goal ≥ 300 reports/s with p95 < 150 ms: **${reportGoal ? 'met' : 'not met'}**. Goal p99 reminder lag < 1 s, none missed: **${lagGoal ? 'met' : 'not met'}**.`,
  ];
  console.log(lines.join('\n'));
  writeSection(DOC, lines.join('\n'), 'matters', 'Matters: reports and reminder lag (latest figures)');
}

try {
  await main();
} finally {
  await cleanUp();
}
