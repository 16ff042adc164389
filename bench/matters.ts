// npm run bench:matters — raising matters and reminding their milestones, on PostgreSQL.
//
// A throwaway system (a new PostgreSQL database, Directus on a free port on
// 127.0.0.1, the schema, the demo data, the job worker), then:
//  1. reports: 32 grid workers, each logged in for real, POST /matters/report as
//     fast as they can for 60 s; reports per second and latency p50/p95;
//  2. reminders: 10,000 open matters written with SQL, each with one milestone
//     due within the next minute, picked up by the worker's scan; the lag from
//     each milestone's instant to its `matter_reminders` row, p50/p99, and how
//     many never came.
// Prints the figures and rewrites its section of docs/benchmarks.md. Everything
// it creates is removed again, also on failure or Ctrl-C.
//
// Knobs (for a quick run): BENCH_SECONDS (report phase, default 60),
// BENCH_REPORTERS (32), BENCH_MILESTONES (10000; 0 skips the reminder phase), BENCH_SCAN_SECONDS (the
// worker's scan during the reminder phase, 1), BENCH_WAIT_SECONDS (how long
// after the last milestone a reminder may still come, 180), BENCH_PHONES (0: no
// phone numbers, so no phone messages), BENCH_PG_URL.

import { createUsers, readItems } from '@directus/sdk';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import knex, { type Knex } from 'knex';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEMO_PASSWORD, PROJECT_ROOT, readSettings, type Settings } from '../directus.config.ts';
import { yellowAt, type TimedMatter } from '../extensions/matters/src/lights.ts';
import { milestonesOf, type MilestoneKind } from '../extensions/matters/src/milestones.ts';
import { loadCalendar } from '../extensions/kernel/calendar.ts';
import { openMatters, REMINDER_QUEUE, type MilestoneJob } from '../extensions/matters/src/reminders.ts';
import { queueSettingsFromEnv } from '../extensions/kernel/queue.ts';
import type { Calendar } from '../extensions/kernel/working-days.ts';
import { ROLES } from '../schema/access.ts';
import { freePort, pgAdmin } from '../scripts/lib/local.ts';
import { prepare, startSystem, startWorker, stopSystem, type System } from '../scripts/lib/system.ts';
import type { RunningProcess } from '../scripts/lib/directus.ts';
import { onCleanUp, runBench } from './lib/cleanup.ts';
import { cmdline, cpuMeter, pidsWith, type CpuShare } from './lib/cpu.ts';
import { percentile } from './lib/measure.ts';
import { machine, writeSection } from './lib/section.ts';

function knob(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`${name}=${raw}: expected a whole number from ${min} to ${max}`);
  return value;
}

const REPORTERS = knob('BENCH_REPORTERS', 32, 1, 256);
const REPORT_SECONDS = knob('BENCH_SECONDS', 60, 1, 600);
/** 0: reports only (a quick run to compare CPU per report). */
const MILESTONES = knob('BENCH_MILESTONES', 10_000, 0, 100_000);
const SCAN_SECONDS = knob('BENCH_SCAN_SECONDS', 1, 1, 3600);
const WAIT_SECONDS = knob('BENCH_WAIT_SECONDS', 180, 5, 600);
/** 0: the community staff get no phone number, so no phone messages are queued or sent. */
const PHONES = knob('BENCH_PHONES', 1, 0, 1) === 1;
/** Figures of a run with other settings are printed, not recorded in the doc. */
const QUICK = REPORTERS !== 32 || REPORT_SECONDS !== 60 || MILESTONES !== 10_000 || SCAN_SECONDS !== 1 || !PHONES;
/** Untimed reports per reporter before the clock starts. */
const WARMUP_REPORTS = 3;
/** The milestones fall within this window … */
const WINDOW_MS = 60_000;
/** … which opens this long after the matters are written (the scan must find them first). */
const LEAD_MS = 15_000;
/** The production default of REMINDER_SCAN_SECONDS, for the report phase. */
const PRODUCTION_SCAN_SECONDS = 60;
const GOAL = { reportsPerSecond: 300, reportP95Ms: 150, lagP99Ms: 1000 };
const PG_SERVER = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DOC = resolve(PROJECT_ROOT, 'docs/benchmarks.md');
/** One milestone kind per matter, in turn; chase and escalate come working days later. */
const KINDS = ['sign_due', 'half', 'three_quarters', 'due'] as const satisfies readonly MilestoneKind[];
const HOUR = 3_600_000;

const step = (what: string) => console.log(`[bench:matters ${new Date().toISOString().slice(11, 19)}] ${what}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–');
const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en') : '–');

interface UnitRow {
  id: number;
  name: string;
  path: string;
  parent: number | null;
  level: string;
  kind: string;
}

// ---------------------------------------------------------------- HTTP

async function api(url: string, method: string, path: string, token: string | null, body?: unknown): Promise<any> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

/**
 * The timed requests: node:http on kept-alive connections, one per reporter. The
 * client shares the 2 CPUs with what it measures, so it should cost little;
 * fetch (undici) took about twice its CPU per request here.
 */
const agent = new Agent({ keepAlive: true, maxSockets: 1024 });
function timedRequest(url: string, method: 'GET' | 'POST', token: string, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((done, fail) => {
    const headers: Record<string, string | number> = { authorization: `Bearer ${token}` };
    if (body !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    const req = request(url, { method, agent, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, text }));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end(body);
  });
}

async function token(url: string, email: string, password: string): Promise<string> {
  return (await api(url, 'POST', '/auth/login', null, { email, password })).data.access_token;
}

// ---------------------------------------------------------------- the people

interface Reporter {
  email: string;
  grid: UnitRow;
  token: string;
}

function roleId(key: string): string {
  const role = ROLES.find((r) => r.key === key);
  if (!role) throw new Error(`no role ${key} in schema/access.ts`);
  return role.id;
}

/**
 * Grid workers spread evenly over the demo grids, and one community staff member
 * with a phone in every demo community, so that every report and every reminder
 * tells someone in the app and by phone, as in a deployment.
 */
async function createPeople(system: System, grids: UnitRow[], communities: UnitRow[]): Promise<Reporter[]> {
  const reporters = Array.from({ length: REPORTERS }, (_, i) => ({
    email: `bench-reporter-${String(i + 1).padStart(3, '0')}@pukou.gov.cn`,
    grid: grids[Math.floor((i * grids.length) / REPORTERS)]!,
  }));
  const staff = communities.map((c, i) => ({
    email: `bench-staff-${String(i + 1).padStart(3, '0')}@pukou.gov.cn`,
    unit: c.id,
    phone: `139${String(10_000_000 + i).slice(-8)}`,
  }));
  await system.admin.request(
    createUsers([
      ...reporters.map((r, i) => ({
        email: r.email,
        password: DEMO_PASSWORD,
        first_name: `网格员${i + 1}`,
        last_name: '压测',
        role: roleId('grid-grid_worker'),
        unit: r.grid.id,
        status: 'active',
        language: 'zh-CN',
      })),
      ...staff.map((s, i) => ({
        email: s.email,
        password: DEMO_PASSWORD,
        first_name: `专职${i + 1}`,
        last_name: '压测',
        role: roleId('community-staff'),
        unit: s.unit,
        ...(PHONES ? { phone: s.phone } : {}),
        status: 'active',
        language: 'zh-CN',
      })),
    ]),
  );
  const url = system.directus.url;
  // One login at a time: 32 password hashes at once on a loaded machine trip Directus's pressure limiter (503).
  const loggedIn: Reporter[] = [];
  for (const r of reporters) loggedIn.push({ ...r, token: await token(url, r.email, DEMO_PASSWORD) });
  return loggedIn;
}

// ---------------------------------------------------------------- phase 1: reports

interface ReportResult {
  reporters: number;
  seconds: number;
  ok: number;
  failed: number;
  failures: Record<string, number>;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Reports per second in each 10-second slice of the run. */
  slices: number[];
  cpu: CpuShare;
  /** PostgreSQL transactions (a statement outside a transaction is one) per stored report. */
  transactionsPerReport: number;
  /** Phone messages (新事件上报待受理 to the community's staff) still waiting in the outbox at the end of the phase. */
  phonePending: number;
}

const PROBLEMS = ['楼道堆放杂物', '占道经营', '邻里噪音纠纷', '路灯损坏', '井盖缺失', '违规停车', '垃圾清运不及时', '小区围墙破损'];

function reportBody(reporter: Reporter, categories: number[], n: number): Record<string, unknown> {
  const problem = PROBLEMS[n % PROBLEMS.length]!;
  return {
    type: 'event_report',
    title: `${reporter.grid.name}${problem}`,
    category: categories[n % categories.length],
    urgency: 'normal',
    source: 'grid_worker',
    occurred_at: new Date().toISOString(),
    address: `${reporter.grid.name}${(n % 30) + 1}号楼`,
    grid: reporter.grid.id,
    description: `巡查发现${problem}，已现场劝导并拍照留存，请社区协调相关部门处理。（压测 ${reporter.email} 第${n + 1}条）`,
  };
}

async function transactions(db: Knex): Promise<number> {
  await db.raw('SELECT pg_stat_clear_snapshot()');
  const { rows } = await db.raw('SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()');
  return Number(rows[0].n);
}

async function reportPhase(system: System, db: Knex, reporters: Reporter[], categories: number[]): Promise<ReportResult> {
  const url = `${system.directus.url}/matters/report`;
  const failures: Record<string, number> = {};
  const fail = (why: string) => (failures[why] = (failures[why] ?? 0) + 1);
  /** One report; its latency in ms, or null when it failed. */
  const once = async (reporter: Reporter, n: number): Promise<number | null> => {
    const started = performance.now();
    try {
      const { status, text } = await timedRequest(url, 'POST', reporter.token, JSON.stringify(reportBody(reporter, categories, n)));
      const elapsed = performance.now() - started;
      if (status === 200 && JSON.parse(text)?.data?.id) return elapsed;
      fail(`${status} ${text.slice(0, 160)}`);
    } catch (error) {
      fail(`request failed: ${(error as Error).message}`);
      await sleep(50);
    }
    return null;
  };

  await Promise.all(
    reporters.map(async (r) => {
      for (let n = 0; n < WARMUP_REPORTS; n++) await once(r, n);
    }),
  );
  if (Object.keys(failures).length) throw new Error(`warm-up reports failed: ${JSON.stringify(failures)}`);

  const latencies: number[] = [];
  const finished: number[] = [];
  const xactBefore = await transactions(db);
  const meter = cpuMeter(processGroups(system));
  const started = performance.now();
  const stopAt = started + REPORT_SECONDS * 1000;
  await Promise.all(
    reporters.map(async (r) => {
      for (let n = WARMUP_REPORTS; performance.now() < stopAt; n++) {
        const latency = await once(r, n);
        if (latency !== null) {
          latencies.push(latency);
          finished.push(performance.now() - started);
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = meter();
  await sleep(1500); // PostgreSQL publishes its statistics at most once a second
  const xact = (await transactions(db)) - xactBefore;
  const phonePending = Number((await db('phone_messages').where({ status: 'pending' }).count({ n: '*' }))[0]!.n);

  latencies.sort((a, b) => a - b);
  const slices: number[] = [];
  for (let from = 0; from + 10_000 <= REPORT_SECONDS * 1000; from += 10_000)
    slices.push(finished.filter((t) => t >= from && t < from + 10_000).length / 10);
  const failed = Object.values(failures).reduce((a, b) => a + b, 0);
  return {
    reporters: reporters.length,
    seconds,
    ok: latencies.length,
    failed,
    failures,
    perSecond: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? NaN,
    slices,
    cpu,
    transactionsPerReport: xact / Math.max(1, latencies.length),
    phonePending,
  };
}

// ---------------------------------------------------------------- Directus's own floor

interface FloorResult {
  seconds: number;
  requests: number;
  cpu: CpuShare;
}

/** How long the floor is measured. */
const FLOOR_SECONDS = 10;

/**
 * What any authenticated request costs before a handler runs: the same reporters
 * ask for a path no route answers (404), through Directus's whole middleware chain
 * (logging, token check, accountability, schema, query sanitising) and its error
 * handler, as fast as they can. CPU per request of each process, as for the reports.
 */
async function floorPhase(system: System, reporters: Reporter[]): Promise<FloorResult> {
  const url = `${system.directus.url}/bench-floor`;
  let requests = 0;
  const meter = cpuMeter(processGroups(system));
  const started = performance.now();
  const stopAt = started + FLOOR_SECONDS * 1000;
  await Promise.all(
    reporters.map(async (r) => {
      while (performance.now() < stopAt) {
        const { status } = await timedRequest(url, 'GET', r.token);
        if (status !== 404) throw new Error(`GET /bench-floor: ${status}`);
        requests += 1;
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, requests, cpu: meter() };
}

function floorLines(f: FloorResult): string[] {
  return [
    `An authenticated request that no route answers (\`GET /bench-floor\`, 404), from the same ${REPORTERS} clients for ${FLOOR_SECONDS} s: ${int(f.requests)} requests, ${round(f.requests / f.seconds)}/s.`,
    '',
    `- CPU per request, in ms: ${perItem(f.cpu, f.requests)}.`,
  ];
}

/** CPU ms per item (report, request) of each group of processes, and of the system's processes and the client together. */
function perItem(cpu: CpuShare, items: number): string {
  const own = cpu.machineBusy - (cpu.parts['everything else on the machine'] ?? 0);
  return `${Object.entries(cpu.parts)
    .map(([name, s]) => `${name} ${round((1000 * s) / Math.max(1, items), 2)}`)
    .join(', ')}; the system's processes and the client together ${round((1000 * own) / Math.max(1, items), 2)}`;
}

// ---------------------------------------------------------------- phase 2: reminders

interface LagSlice {
  label: string;
  count: number;
  p50: number;
  p99: number;
  max: number;
}

interface ReminderResult {
  matters: number;
  expected: number;
  openMatters: number;
  /** Milliseconds from the start of writing the matters to the first milestone. */
  leadMs: number;
  writeMs: number;
  recorded: number;
  missed: number;
  unexpected: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  min: number;
  withinGoal: number;
  byKind: { kind: string; count: number; p50: number; p99: number; max: number }[];
  slices: LagSlice[];
  /** Reminders recorded per second: the busiest second. */
  peakPerSecond: number;
  /** When the last reminder came, after the last milestone. */
  tailMs: number;
  cpu: CpuShare;
  phone: { pending: number; sent: number; failed: number; sends: number };
  scan: { matters: number; milestones: number; readMs: number; computeMs: number };
  /** Where the lag arose, from the jobs BullMQ kept: p50 / p99 / max of each part, in ms. */
  breakdown: { jobs: number; parts: { label: string; p50: number; p99: number; max: number }[] };
}

function units(rows: UnitRow[], level: string): UnitRow[] {
  return rows.filter((u) => u.level === level).sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * A matter whose milestone `kind` falls at `at`, raised as an extra-urgent event
 * report (特急: 30 minutes to accept, 2 hours to complete, wall-clock fractions):
 * raised 30 minutes before its sign-for milestone, or 1, 1.5 or 2 hours before
 * its 50 %, 75 % or due milestone, and already accepted for those. Its earlier
 * milestones are recorded as reminded, as they would have been.
 */
function timesFor(kind: (typeof KINDS)[number], at: number): { status: string; created: number; signDue: number | null; due: number } {
  switch (kind) {
    case 'sign_due':
      return { status: 'pending_acceptance', created: at - HOUR / 2, signDue: at, due: at + 1.5 * HOUR };
    case 'half':
      return { status: 'handling', created: at - HOUR, signDue: null, due: at + HOUR };
    case 'three_quarters':
      return { status: 'handling', created: at - 1.5 * HOUR, signDue: null, due: at + HOUR / 2 };
    case 'due':
      return { status: 'handling', created: at - 2 * HOUR, signDue: null, due: at };
  }
}

/** What the milestones and the light of such a matter depend on. */
function timed(p: ReturnType<typeof timesFor>): TimedMatter {
  const created = new Date(p.created);
  return {
    status: p.status as TimedMatter['status'],
    created,
    received: created,
    sign_due_at: p.signDue === null ? null : new Date(p.signDue),
    due_at: new Date(p.due),
    sign_unit: 'minutes',
    complete_unit: 'hours',
    paused: false,
  };
}

async function insertChunks(
  db: Knex,
  table: string,
  rows: Record<string, unknown>[],
  size: number,
  returning?: string[],
): Promise<Record<string, any>[]> {
  const out: Record<string, any>[] = [];
  for (let i = 0; i < rows.length; i += size) {
    const query = db(table).insert(rows.slice(i, i + size));
    if (returning) out.push(...((await query.returning(returning)) as Record<string, any>[]));
    else await query;
  }
  return out;
}

/** Writes the matters; returns their ids and the instant of the first milestone. */
async function writeDueMatters(
  db: Knex,
  calendar: Calendar,
  grids: UnitRow[],
  communities: UnitRow[],
  reporters: Reporter[],
  category: number,
): Promise<{ ids: number[]; windowStart: number; writeMs: number }> {
  const started = Date.now();
  const windowStart = started + LEAD_MS;
  const initiator = new Map<number, string>();
  const userIds = (await db('directus_users')
    .whereIn(
      'email',
      reporters.map((r) => r.email),
    )
    .select('id', 'email')) as { id: string; email: string }[];
  for (const r of reporters) initiator.set(r.grid.id, userIds.find((u) => u.email === r.email)!.id);
  const gridsOf = new Map(communities.map((c) => [c.id, grids.filter((g) => g.parent === c.id)]));

  const plan = Array.from({ length: MILESTONES }, (_, j) => {
    const kind = KINDS[j % KINDS.length]!;
    const at = windowStart + Math.floor((j * WINDOW_MS) / MILESTONES);
    const community = communities[j % communities.length]!;
    const siblings = gridsOf.get(community.id)!;
    const grid = siblings[Math.floor(j / communities.length) % siblings.length]!;
    return { kind, at, community, grid, ...timesFor(kind, at) };
  });
  const rows = plan.map((p, j) => ({
    number: `SJ-BENCH-${String(j + 1).padStart(6, '0')}`,
    type: 'event_report',
    title: `${p.grid.name}提醒压测事项${j + 1}`,
    category,
    source: 'grid_worker',
    urgency: 'extra_urgent',
    description: '提醒时效基准测试：特急事项，时限节点落在测试的一分钟内。',
    grid: p.grid.id,
    unit: p.grid.id,
    unit_path: p.grid.path,
    initiator: initiator.get(p.grid.id) ?? null,
    handler_unit: p.community.id,
    status: p.status,
    route: JSON.stringify([p.grid.id, p.community.id]),
    co_handlers: JSON.stringify([]),
    sign_due_at: p.signDue === null ? null : new Date(p.signDue),
    due_at: new Date(p.due),
    // As the matters extension writes it, so that the scan has nothing to repair.
    yellow_at: yellowAt(timed(p), calendar),
    version: p.status === 'handling' ? 2 : 1,
    to_dalianqin: false,
    date_created: new Date(p.created),
  }));
  // One transaction: the scan sees all the matters, with their earlier milestones reminded, or none.
  const trx = await db.transaction();
  try {
    const inserted = await insertChunks(trx, 'matters', rows, 1000, ['id', 'number']);
    const idOf = new Map(inserted.map((r) => [r.number as string, Number(r.id)]));

    const participants: Record<string, unknown>[] = [];
    const reminded: Record<string, unknown>[] = [];
    plan.forEach((p, j) => {
      const id = idOf.get(rows[j]!.number)!;
      participants.push(
        { matter: id, unit: p.grid.id, unit_path: p.grid.path },
        { matter: id, unit: p.community.id, unit_path: p.community.path },
      );
      const milestones = milestonesOf({ id, ...timed(p) }, calendar);
      const inWindow = milestones.filter((m) => m.at.getTime() >= windowStart && m.at.getTime() < windowStart + WINDOW_MS);
      if (inWindow.length !== 1 || inWindow[0]!.kind !== p.kind || inWindow[0]!.at.getTime() !== p.at)
        throw new Error(`matter ${id}: expected one ${p.kind} milestone in the window, got ${inWindow.map((m) => m.kind).join(', ')}`);
      for (const m of milestones.filter((m) => m.at.getTime() < windowStart)) {
        reminded.push({
          key: `${id}.${m.kind}.${m.at.getTime()}`,
          matter: id,
          kind: m.kind,
          due_at: m.at,
          unit: p.community.id,
          sent_at: m.at,
          recipients: 1,
        });
      }
    });
    await insertChunks(trx, 'matter_participants', participants, 2000);
    await insertChunks(trx, 'matter_reminders', reminded, 2000);
    await trx.commit();
    await db.raw('ANALYZE matters, matter_participants, matter_reminders');
    return { ids: [...idOf.values()], windowStart, writeMs: Date.now() - started };
  } catch (error) {
    if (!trx.isCompleted()) await trx.rollback();
    throw error;
  }
}

/** When a reminder job was due to be released by BullMQ, started and finished (epoch ms), beside its milestone's instant. */
interface JobTiming {
  at: number;
  released: number;
  started: number;
  finished: number;
}

/**
 * Reads the completed jobs BullMQ still keeps (the newest 1,000: removeOnComplete)
 * and notes those of this phase's milestones. Asked every few seconds, this sees
 * nearly every job; the breakdown says how many it saw.
 */
async function collectJobs(
  queue: Queue,
  ids: { first: number; last: number },
  window: { from: number; to: number },
  into: Map<string, JobTiming>,
): Promise<void> {
  for (const job of await queue.getJobs(['completed'], 0, 999)) {
    const data = job?.data as MilestoneJob | undefined;
    if (!job?.id || !data || data.matter < ids.first || data.matter > ids.last || data.at < window.from || data.at >= window.to) continue;
    if (job.processedOn && job.finishedOn)
      into.set(job.id, {
        at: data.at,
        released: job.timestamp + (job.opts.delay ?? 0),
        started: job.processedOn,
        finished: job.finishedOn,
      });
  }
}

function lagStats(lags: number[]): { p50: number; p99: number; max: number } {
  const sorted = [...lags].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN };
}

function workerLogSends(system: System): number {
  const file = system.logFile?.replace(/\.log$/, '-worker.log');
  if (!file || !existsSync(file)) return NaN;
  return (readFileSync(file, 'utf8').match(/^phone: to /gm) ?? []).length;
}

async function reminderPhase(
  system: System,
  db: Knex,
  grids: UnitRow[],
  communities: UnitRow[],
  reporters: Reporter[],
  category: number,
): Promise<ReminderResult> {
  const calendar = await loadCalendar(db);
  const sendsBefore = workerLogSends(system);
  const meter = cpuMeter(processGroups(system));
  const written = await writeDueMatters(db, calendar, grids, communities, reporters, category);
  const { ids, windowStart } = written;
  const [first, last] = [Math.min(...ids), Math.max(...ids)];
  step(
    `${ids.length.toLocaleString('en')} matters written in ${written.writeMs} ms; milestones from ${new Date(windowStart).toISOString().slice(11, 23)} for ${WINDOW_MS / 1000} s`,
  );
  if (Date.now() > windowStart)
    step(`warning: writing took longer than the ${LEAD_MS / 1000} s lead; the first milestones were due before the scan could see them`);

  const inWindow = () => db('matter_reminders').whereBetween('matter', [first, last]).where('due_at', '>=', new Date(windowStart));
  const giveUpAt = windowStart + WINDOW_MS + WAIT_SECONDS * 1000;
  const queueSettings = queueSettingsFromEnv(system.env)!;
  const queue = new Queue(REMINDER_QUEUE, { connection: queueSettings.connection, prefix: queueSettings.prefix });
  const timings = new Map<string, JobTiming>();
  const collect = () => collectJobs(queue, { first, last }, { from: windowStart, to: windowStart + WINDOW_MS }, timings);
  let recorded = 0;
  let lastReport = 0;
  let lastCollect = 0;
  while (Date.now() < giveUpAt) {
    recorded = Number((await inWindow().clone().count({ n: '*' }))[0]!.n);
    if (recorded >= ids.length) break;
    if (Date.now() - lastCollect >= 4_000) {
      lastCollect = Date.now();
      await collect();
    }
    if (Date.now() - lastReport >= 10_000) {
      lastReport = Date.now();
      step(`${recorded.toLocaleString('en')} of ${ids.length.toLocaleString('en')} reminders recorded`);
    }
    await sleep(1000);
  }
  const cpu = meter();
  await sleep(500); // the last jobs finish after their row is written
  await collect();

  const rows = (await inWindow()
    .clone()
    .select(
      'kind',
      db.raw('EXTRACT(EPOCH FROM (sent_at - due_at)) * 1000 AS lag'),
      db.raw('EXTRACT(EPOCH FROM due_at) * 1000 AS due'),
      db.raw('EXTRACT(EPOCH FROM sent_at) * 1000 AS sent'),
    )) as { kind: string; lag: string; due: string; sent: string }[];
  const reminders = rows.map((r) => ({ kind: r.kind, lag: Number(r.lag), due: Number(r.due), sent: Number(r.sent) }));
  const expected = reminders.filter((r) => r.due < windowStart + WINDOW_MS);
  const lags = expected.map((r) => r.lag).sort((a, b) => a - b);
  const perSecond = new Map<number, number>();
  for (const r of expected) perSecond.set(Math.floor(r.sent / 1000), (perSecond.get(Math.floor(r.sent / 1000)) ?? 0) + 1);
  const slices: LagSlice[] = [];
  for (let from = 0; from < WINDOW_MS; from += 10_000) {
    const inSlice = expected.filter((r) => r.due >= windowStart + from && r.due < windowStart + from + 10_000);
    slices.push({ label: `+${from / 1000}–${(from + 10_000) / 1000} s`, count: inSlice.length, ...lagStats(inSlice.map((r) => r.lag)) });
  }

  const phoneRows = (await db('phone_messages').groupBy('status').select('status').count({ n: '*' })) as { status: string; n: string }[];
  const phone = (status: string) => Number(phoneRows.find((r) => r.status === status)?.n ?? 0);
  const openCount = Number((await db('matters').whereNotIn('status', ['closed', 'returned']).count({ n: '*' }))[0]!.n);

  // What every reconciliation scan does first, whatever it then schedules: read
  // every open matter and compute its milestones. Timed here with the worker stopped.
  await workerProcess?.stop();
  await queue.close();
  let scanStarted = performance.now();
  const open = await openMatters(db);
  const readMs = performance.now() - scanStarted;
  scanStarted = performance.now();
  const milestones = open.flatMap((m) => milestonesOf(m, calendar)).length;
  const computeMs = performance.now() - scanStarted;

  const jobs = [...timings.values()];
  const part = (label: string, of: (t: JobTiming) => number) => ({ label, ...lagStats(jobs.map(of)) });
  const breakdown = {
    jobs: jobs.length,
    parts: [
      part('scheduled late: release time (job added + delay) after the milestone', (t) => t.released - t.at),
      part('waiting in the queue: started after the release time', (t) => t.started - t.released),
      part('started after the milestone (the two above)', (t) => t.started - t.at),
      part('running the job (reminder row, notifications, phone messages written)', (t) => t.finished - t.started),
    ],
  };
  const kinds = [...new Set(expected.map((r) => r.kind))];
  return {
    matters: ids.length,
    expected: ids.length,
    openMatters: openCount,
    leadMs: LEAD_MS,
    writeMs: written.writeMs,
    recorded: expected.length,
    missed: ids.length - expected.length,
    unexpected: reminders.length - expected.length,
    p50: percentile(lags, 50),
    p90: percentile(lags, 90),
    p99: percentile(lags, 99),
    max: lags.at(-1) ?? NaN,
    min: lags[0] ?? NaN,
    withinGoal: lags.filter((l) => l < GOAL.lagP99Ms).length,
    byKind: KINDS.filter((k) => kinds.includes(k)).map((kind) => {
      const of = expected.filter((r) => r.kind === kind).map((r) => r.lag);
      return { kind, count: of.length, ...lagStats(of) };
    }),
    slices,
    peakPerSecond: Math.max(0, ...perSecond.values()),
    tailMs: expected.length ? Math.max(...expected.map((r) => r.sent)) - (windowStart + WINDOW_MS) : NaN,
    cpu,
    phone: { pending: phone('pending'), sent: phone('sent'), failed: phone('failed'), sends: workerLogSends(system) - sendsBefore },
    scan: { matters: open.length, milestones, readMs, computeMs },
    breakdown,
  };
}

// ---------------------------------------------------------------- the figures

function cpuLine(cpu: CpuShare): string {
  const parts = Object.entries(cpu.parts).map(([name, s]) => `${name} ${round(s)} s`);
  return `CPU over ${round(cpu.seconds)} s: machine busy ${round(cpu.machineBusy)} of ${round(cpu.machineCapacity)} CPU-seconds (${round((100 * cpu.machineBusy) / cpu.machineCapacity, 0)} %); ${parts.join(', ')}.`;
}

function reportLines(r: ReportResult): string[] {
  const met = r.perSecond >= GOAL.reportsPerSecond && r.p95 < GOAL.reportP95Ms;
  return [
    '| reporters | duration | reports stored | failed | reports/s | p50 ms | p95 ms | p99 ms | max ms |',
    '|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
    `| ${r.reporters} | ${round(r.seconds)} s | ${int(r.ok)} | ${int(r.failed)} | ${round(r.perSecond)} | ${round(r.p50)} | ${round(r.p95)} | ${round(r.p99)} | ${round(r.max)} |`,
    '',
    `- Reports per second in each 10 s of the run: ${r.slices.map((s) => round(s)).join(', ')}.`,
    `- ${cpuLine(r.cpu)}`,
    `- CPU per report stored, in ms: ${perItem(r.cpu, r.ok)} (${GOAL.reportsPerSecond} reports/s on ${round(r.cpu.machineCapacity / r.cpu.seconds, 0)} CPUs allow ${round((1000 * r.cpu.machineCapacity) / r.cpu.seconds / GOAL.reportsPerSecond, 2)}). PostgreSQL counted ${round(r.transactionsPerReport)} transactions per report (a statement outside a transaction counts as one).`,
    `- Phone messages about the new reports waiting in the outbox at the end: ${int(r.phonePending)}.`,
    ...(r.failed
      ? [
          `- Failures: ${Object.entries(r.failures)
            .map(([why, n]) => `${n} × ${why}`)
            .join('; ')}.`,
        ]
      : []),
    `- Goal ≥ ${GOAL.reportsPerSecond} reports/s with p95 < ${GOAL.reportP95Ms} ms: **${met ? 'met' : 'not met'}** (${round(r.perSecond)} reports/s, p95 ${round(r.p95)} ms).`,
  ];
}

function reminderLines(r: ReminderResult): string[] {
  const met = r.missed === 0 && r.p99 < GOAL.lagP99Ms;
  const ms = (n: number) => round(n, 0);
  return [
    '| milestones due within the minute | recorded | missed | lag p50 ms | p90 ms | p99 ms | max ms | under 1 s |',
    '|--:|--:|--:|--:|--:|--:|--:|--:|',
    `| ${int(r.expected)} | ${int(r.recorded)} | ${int(r.missed)} | ${ms(r.p50)} | ${ms(r.p90)} | ${ms(r.p99)} | ${ms(r.max)} | ${round((100 * r.withinGoal) / Math.max(1, r.expected), 1)} % |`,
    '',
    "By the milestone's place in the minute:",
    '',
    '| due at (after the first) | milestones | lag p50 ms | p99 ms | max ms |',
    '|---|--:|--:|--:|--:|',
    ...r.slices.map((s) => `| ${s.label} | ${int(s.count)} | ${ms(s.p50)} | ${ms(s.p99)} | ${ms(s.max)} |`),
    '',
    'By kind:',
    '',
    '| kind | milestones | lag p50 ms | p99 ms | max ms |',
    '|---|--:|--:|--:|--:|',
    ...r.byKind.map((k) => `| \`${k.kind}\` | ${int(k.count)} | ${ms(k.p50)} | ${ms(k.p99)} | ${ms(k.max)} |`),
    '',
    `Where the lag arose, from the ${int(r.breakdown.jobs)} of these jobs BullMQ still held when asked (it keeps the newest 1,000 completed; asked every 4 s):`,
    '',
    '| part | p50 ms | p99 ms | max ms |',
    '|---|--:|--:|--:|',
    ...r.breakdown.parts.map((p) => `| ${p.label} | ${ms(p.p50)} | ${ms(p.p99)} | ${ms(p.max)} |`),
    '',
    `- ${int(r.matters)} matters written with SQL in ${int(r.writeMs)} ms, the first milestone ${r.leadMs / 1000} s after writing began; ${int(r.openMatters)} open matters in all (the report phase's included), which every scan reads.`,
    `- Busiest second: ${int(r.peakPerSecond)} reminders recorded; the last came ${round(r.tailMs / 1000)} s after the last milestone. Smallest lag ${ms(r.min)} ms.`,
    ...(r.unexpected ? [`- ${int(r.unexpected)} reminders of milestones outside the minute were recorded as well.`] : []),
    `- ${cpuLine(r.cpu)}`,
    `- What every scan does before it schedules anything, timed afterwards with the worker stopped: reading the ${int(r.scan.matters)} open matters ${int(r.scan.readMs)} ms, computing their ${int(r.scan.milestones)} milestones ${int(r.scan.computeMs)} ms.`,
    `- Phone outbox afterwards: ${int(r.phone.sent)} sent, ${int(r.phone.pending)} pending, ${int(r.phone.failed)} failed; the worker's log shows ${int(r.phone.sends)} sends during this phase${r.phone.sent ? ` (${round(r.phone.sends / r.phone.sent)} per message sent)` : ''}.`,
    `- Goal p99 lag < ${GOAL.lagP99Ms / 1000} s, none missed: **${met ? 'met' : 'not met'}** (p99 ${ms(r.p99)} ms, ${int(r.missed)} missed).`,
  ];
}

// ---------------------------------------------------------------- the run

let workerProcess: RunningProcess | null = null;
let databaseName = '';

/** The processes whose CPU time a phase reports. */
function processGroups(system: System): () => Record<string, (number | undefined)[]> {
  return () => ({
    Directus: [system.directus.process.pid],
    'job worker': [workerProcess?.process.pid],
    'PostgreSQL (connections to this database)': pidsWith(databaseName),
    // WAL writer, checkpointer, background writer: mostly this run's writes, but shared with every database on the server.
    'PostgreSQL background processes': ['walwriter', 'checkpointer', 'background writer'].flatMap((name) =>
      pidsWith(`postgres: `).filter((pid) => cmdline(pid).includes(name)),
    ),
    Redis: pidsWith('redis-server'),
  });
}

/** Removes this system's queue keys from the shared Redis, once its processes have stopped. */
async function forgetQueues(system: System): Promise<void> {
  const prefix = system.env.QUEUE_PREFIX;
  if (!prefix || !system.env.QUEUE_REDIS_URL) return;
  const redis = new Redis(system.env.QUEUE_REDIS_URL);
  try {
    let cursor = '0';
    let removed = 0;
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) removed += await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    step(`${removed.toLocaleString('en')} queue keys ${prefix}:* removed from Redis`);
  } finally {
    redis.disconnect();
  }
}

/** The reminder worker's concurrency as scripts/worker.ts sets it, for the record. */
function workerConcurrency(): string {
  try {
    const found = /concurrency:\s*(\d+)/.exec(readFileSync(resolve(PROJECT_ROOT, 'scripts/worker.ts'), 'utf8'));
    return found ? `, processing up to ${found[1]} reminder jobs at once (\`scripts/worker.ts\`)` : '';
  } catch {
    return '';
  }
}

/** (Re)starts the job worker with the given scan interval. */
async function restartWorker(system: System, scanSeconds: number): Promise<void> {
  await workerProcess?.stop();
  system.env.REMINDER_SCAN_SECONDS = String(scanSeconds);
  workerProcess = startWorker(system);
}

async function main(): Promise<void> {
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');
  const date = new Date().toISOString();
  const dataDir = mkdtempSync(join(tmpdir(), 'zongzhi-bench-matters-'));
  onCleanUp(() => rmSync(dataDir, { recursive: true, force: true }));
  const database = (databaseName = `zongzhi_bench_matters_${process.pid}_${Date.now()}`);
  await pgAdmin(PG_SERVER, `CREATE DATABASE "${database}"`);
  onCleanUp(() => pgAdmin(PG_SERVER, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
  const dbUrl = new URL(PG_SERVER);
  dbUrl.pathname = `/${database}`;
  const settings: Settings = readSettings({
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PORT: String(await freePort()),
    DEMO: 'true',
    RATE_LIMIT_PER_SECOND: '0',
    LOG_LEVEL: 'warn',
    DATABASE_URL: dbUrl.toString(),
    REMINDER_SCAN_SECONDS: String(PRODUCTION_SCAN_SECONDS),
  });
  // Kept after the run (git-ignored), for reading when something failed.
  const logFile = resolve(PROJECT_ROOT, '.test-data', 'bench-matters-directus.log');
  rmSync(logFile, { force: true });
  rmSync(logFile.replace(/\.log$/, '-worker.log'), { force: true });

  step('starting Directus on a new PostgreSQL database, applying the schema, seeding the demo data');
  const system = await startSystem(settings, { logFile });
  onCleanUp(() => forgetQueues(system));
  onCleanUp(() => stopSystem(system));
  await prepare(system, settings, { schema: true, seed: true });
  await restartWorker(system, PRODUCTION_SCAN_SECONDS);

  const db = knex({ client: 'pg', connection: dbUrl.toString(), pool: { min: 0, max: 4 } });
  onCleanUp(() => db.destroy());
  onCleanUp(() => agent.destroy());
  const versions = {
    directus: (JSON.parse(readFileSync(resolve(PROJECT_ROOT, 'node_modules/directus/package.json'), 'utf8')) as { version: string })
      .version,
    postgres: String((await db.raw('SHOW server_version')).rows[0].server_version),
  };

  const all = (await system.admin.request(
    readItems('units', { fields: ['id', 'name', 'path', 'parent', 'level', 'kind'], filter: { kind: { _eq: 'office' } }, limit: -1 }),
  )) as UnitRow[];
  const grids = units(all, 'grid');
  const communities = units(all, 'community');
  const categories = ((await system.admin.request(readItems('matter_categories', { fields: ['id'], limit: -1 }))) as { id: number }[]).map(
    (c) => c.id,
  );
  const reporters = await createPeople(system, grids, communities);
  step(
    `${reporters.length} grid workers logged in over ${new Set(reporters.map((r) => r.grid.id)).size} of ${grids.length} demo grids; one staff member${PHONES ? ' with a phone' : ' (no phone)'} in each of ${communities.length} communities`,
  );

  step(`reports: ${REPORTERS} reporters for ${REPORT_SECONDS} s (worker scanning every ${PRODUCTION_SCAN_SECONDS} s, as deployed)`);
  const reports = await reportPhase(system, db, reporters, categories);
  step(
    `${int(reports.ok)} reports, ${round(reports.perSecond)}/s, p50 ${round(reports.p50)} ms, p95 ${round(reports.p95)} ms, ${reports.failed} failed`,
  );

  step(`floor: ${REPORTERS} clients, an authenticated request no route answers, ${FLOOR_SECONDS} s`);
  const floor = await floorPhase(system, reporters);
  step(`${int(floor.requests)} requests, ${round(floor.requests / floor.seconds)}/s`);

  let reminders: ReminderResult | null = null;
  if (MILESTONES > 0) {
    step(`reminders: ${int(MILESTONES)} milestones due within a minute (worker restarted, scanning every ${SCAN_SECONDS} s)`);
    await restartWorker(system, SCAN_SECONDS);
    reminders = await reminderPhase(system, db, grids, communities, reporters, categories[0]!);
    step(
      `${int(reminders.recorded)} of ${int(reminders.expected)} recorded, lag p50 ${round(reminders.p50, 0)} ms, p99 ${round(reminders.p99, 0)} ms, max ${round(reminders.max, 0)} ms`,
    );
  }

  const body = [
    `Last run: ${date}, \`npm run bench:matters\`${QUICK ? ` with BENCH_SECONDS=${REPORT_SECONDS} BENCH_REPORTERS=${REPORTERS} BENCH_MILESTONES=${MILESTONES} BENCH_SCAN_SECONDS=${SCAN_SECONDS} BENCH_PHONES=${PHONES ? 1 : 0}` : ''}.`,
    '',
    `Machine: ${machine().join('; ')}; load average ${load} when the run began. Directus ${versions.directus}, Node ${process.versions.node}, PostgreSQL ${versions.postgres}, Redis on 127.0.0.1:6379. Client, Directus, the job worker, PostgreSQL and Redis share the machine.`,
    '',
    `#### Reports: ${REPORTERS} grid workers, ${REPORT_SECONDS} s`,
    '',
    `Event reports (一般 urgency) through \`POST /matters/report\`, each reporter sending the next as soon as the last is answered, after ${WARMUP_REPORTS} untimed ones; the job worker runs beside Directus with the deployed scan interval (${PRODUCTION_SCAN_SECONDS} s)${workerConcurrency()}.`,
    '',
    ...reportLines(reports),
    '',
    `#### Directus's floor: an authenticated request without a handler`,
    '',
    ...floorLines(floor),
    ...(reminders
      ? [
          '',
          `#### Reminders: ${int(MILESTONES)} milestones due within a minute`,
          '',
          `${int(MILESTONES)} open 特急 matters written with SQL in one transaction, each with one milestone (签收到期, 过半, 75 %, 到期 in turn) spread evenly over one minute; the job worker restarted with \`REMINDER_SCAN_SECONDS=${SCAN_SECONDS}\`, so that its scan schedules them. Lag: \`sent_at − due_at\` of each \`matter_reminders\` row; a milestone without a row ${WAIT_SECONDS} s after the last one counts as missed.`,
          '',
          ...reminderLines(reminders),
        ]
      : []),
  ].join('\n');
  console.log(`\n${body}\n`);
  if (QUICK) return console.log(`a shortened run (BENCH_* settings): ${DOC} is left as it is`);
  writeSection(DOC, 'matters', 'Matters: reports and reminders', body);
  console.log(`written to ${DOC}`);
}

await runBench(main);
