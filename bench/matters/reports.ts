// Phase 1 of bench:matters: reports as fast as the reporters can send them, and
// Directus's own floor (an authenticated request no route answers).

import type { Knex } from 'knex';
import type { System } from '../../scripts/lib/system.ts';
import { cpuMeter, type CpuShare } from '../lib/cpu.ts';
import { percentile } from '../lib/measure.ts';
import { timedRequest, type Reporter } from './people.ts';
import { cpuLine, perItem, type Processes } from './figures.ts';
import { GOAL, int, REPORT_SECONDS, REPORTERS, round, sleep, WARMUP_REPORTS } from './settings.ts';

// ---------------------------------------------------------------- phase 1: reports

export interface ReportResult {
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

export const PROBLEMS = ['楼道堆放杂物', '占道经营', '邻里噪音纠纷', '路灯损坏', '井盖缺失', '违规停车', '垃圾清运不及时', '小区围墙破损'];

export function reportBody(reporter: Reporter, categories: number[], n: number): Record<string, unknown> {
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

export async function transactions(db: Knex): Promise<number> {
  await db.raw('SELECT pg_stat_clear_snapshot()');
  const { rows } = await db.raw('SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()');
  return Number(rows[0].n);
}

export async function reportPhase(
  system: System,
  db: Knex,
  processes: Processes,
  reporters: Reporter[],
  categories: number[],
  /** How long the timed part runs (bench:scale runs a shorter one). */
  duration = REPORT_SECONDS,
): Promise<ReportResult> {
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
  const meter = cpuMeter(processes);
  const started = performance.now();
  const stopAt = started + duration * 1000;
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
  for (let from = 0; from + 10_000 <= duration * 1000; from += 10_000)
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

export interface FloorResult {
  seconds: number;
  requests: number;
  cpu: CpuShare;
}

/** How long the floor is measured. */
export const FLOOR_SECONDS = 10;

/**
 * What any authenticated request costs before a handler runs: the same reporters
 * ask for a path no route answers (404), through Directus's whole middleware chain
 * (logging, token check, accountability, schema, query sanitising) and its error
 * handler, as fast as they can. CPU per request of each process, as for the reports.
 */
export async function floorPhase(system: System, processes: Processes, reporters: Reporter[]): Promise<FloorResult> {
  const url = `${system.directus.url}/bench-floor`;
  let requests = 0;
  const meter = cpuMeter(processes);
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

export function floorLines(f: FloorResult): string[] {
  return [
    `An authenticated request that no route answers (\`GET /bench-floor\`, 404), from the same ${REPORTERS} clients for ${FLOOR_SECONDS} s: ${int(f.requests)} requests, ${round(f.requests / f.seconds)}/s.`,
    '',
    `- CPU per request, in ms: ${perItem(f.cpu, f.requests)}.`,
  ];
}

export function reportLines(r: ReportResult): string[] {
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
