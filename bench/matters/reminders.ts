// Phase 2 of bench:matters: thousands of milestones due within one minute, written
// as the matters extension writes matters, picked up by the worker's scan; the lag
// of each reminder.

import { Queue } from 'bullmq';
import type { Knex } from 'knex';
import { existsSync, readFileSync } from 'node:fs';
import type { UnitRow } from '../../extensions/kernel/actor.ts';
import { loadCalendar } from '../../extensions/kernel/calendar.ts';
import { queueSettingsFromEnv } from '../../extensions/kernel/queue.ts';
import type { Calendar } from '../../extensions/kernel/working-days.ts';
import { yellowAt, type TimedMatter } from '../../extensions/domains/matters/lights.ts';
import { milestoneKey, milestonesOf } from '../../extensions/domains/matters/milestones.ts';
import { MATTERS, openMatters, type MilestoneJob } from '../../extensions/domains/matters/reminders.ts';
import { REMINDER_QUEUE } from '../../extensions/kernel/reminder-engine.ts';
import { parseReport } from '../../extensions/domains/matters/report.ts';
import { matterRow } from '../../extensions/domains/matters/report-store.ts';
import type { System } from '../../scripts/lib/system.ts';
import { cpuMeter, type CpuShare } from '../lib/cpu.ts';
import { percentile } from '../lib/measure.ts';
import type { Reporter } from './people.ts';
import { cpuLine, type Processes } from './figures.ts';
import { GOAL, HOUR, int, KINDS, LEAD_MS, MILESTONES, round, sleep, step, WAIT_SECONDS, WINDOW_MS } from './settings.ts';

// ---------------------------------------------------------------- phase 2: reminders

export interface LagSlice {
  label: string;
  count: number;
  p50: number;
  p99: number;
  max: number;
}

export interface ReminderResult {
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

/**
 * A matter whose milestone `kind` falls at `at`, raised as an extra-urgent event
 * report (特急: 30 minutes to accept, 2 hours to complete, wall-clock fractions):
 * raised 30 minutes before its sign-for milestone, or 1, 1.5 or 2 hours before
 * its 50 %, 75 % or due milestone, and already accepted for those. Its earlier
 * milestones are recorded as reminded, as they would have been.
 */
export function timesFor(
  kind: (typeof KINDS)[number],
  at: number,
): { status: string; created: number; signDue: number | null; due: number } {
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
export function timed(p: ReturnType<typeof timesFor>): TimedMatter {
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

export async function insertChunks(
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
export async function writeDueMatters(
  db: Knex,
  calendar: Calendar,
  grids: UnitRow[],
  communities: UnitRow[],
  reporters: Reporter[],
  category: number,
  shape: { milestones: number; leadMs: number; windowMs: number; numberPrefix: string } = {
    milestones: MILESTONES,
    leadMs: LEAD_MS,
    windowMs: WINDOW_MS,
    numberPrefix: 'SJ-BENCH-',
  },
): Promise<{ ids: number[]; windowStart: number; writeMs: number }> {
  const { milestones: count, windowMs } = shape;
  const started = Date.now();
  const windowStart = started + shape.leadMs;
  const initiator = new Map<number, string>();
  const userIds = (await db('directus_users')
    .whereIn(
      'email',
      reporters.map((r) => r.email),
    )
    .select('id', 'email')) as { id: string; email: string }[];
  for (const r of reporters) initiator.set(r.grid.id, userIds.find((u) => u.email === r.email)!.id);
  const gridsOf = new Map(communities.map((c) => [c.id, grids.filter((g) => g.parent === c.id)]));

  const plan = Array.from({ length: count }, (_, j) => {
    const kind = KINDS[j % KINDS.length]!;
    const at = windowStart + Math.floor((j * windowMs) / count);
    const community = communities[j % communities.length]!;
    const siblings = gridsOf.get(community.id)!;
    const grid = siblings[Math.floor(j / communities.length) % siblings.length]!;
    return { kind, at, community, grid, ...timesFor(kind, at) };
  });
  // Each row as the matters extension builds it (parseReport, matterRow), with the clocks of its kind.
  const rows = plan.map((p, j) => {
    const created = new Date(p.created);
    const parsed = parseReport(
      {
        type: 'event_report',
        title: `${p.grid.name}提醒压测事项${j + 1}`,
        category,
        source: 'grid_worker',
        urgency: 'extra_urgent',
        description: '提醒时效基准测试：特急事项，时限节点落在测试的一分钟内。',
        grid: p.grid.id,
      },
      created,
    );
    if (!parsed.ok) throw new Error(`bench matter refused: ${parsed.problems.join('; ')}`);
    return {
      ...matterRow({
        report: parsed.report,
        actor: { user: initiator.get(p.grid.id) ?? null, unit: p.grid },
        handler: p.community,
        status: p.status,
        signDueAt: new Date(p.signDue ?? p.due),
        dueAt: new Date(p.due),
        // As the matters extension writes it, so that the scan has nothing to repair.
        yellowAt: yellowAt(timed(p), calendar),
        externalRef: null,
        now: created,
      }),
      number: `${shape.numberPrefix}${String(j + 1).padStart(6, '0')}`,
      sign_due_at: p.signDue === null ? null : new Date(p.signDue),
      co_handlers: JSON.stringify([]),
      // Accepted already, for the kinds that fall while the matter is handled.
      version: p.status === 'handling' ? 2 : 1,
    };
  });
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
      const inWindow = milestones.filter((m) => m.at.getTime() >= windowStart && m.at.getTime() < windowStart + windowMs);
      if (inWindow.length !== 1 || inWindow[0]!.kind !== p.kind || inWindow[0]!.at.getTime() !== p.at)
        throw new Error(`matter ${id}: expected one ${p.kind} milestone in the window, got ${inWindow.map((m) => m.kind).join(', ')}`);
      for (const m of milestones.filter((m) => m.at.getTime() < windowStart)) {
        reminded.push({
          key: milestoneKey(m),
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
export interface JobTiming {
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
export async function collectJobs(
  queue: Queue,
  ids: { first: number; last: number },
  window: { from: number; to: number },
  into: Map<string, JobTiming>,
): Promise<void> {
  for (const job of await queue.getJobs(['completed'], 0, 999)) {
    const data = job?.data as MilestoneJob | undefined;
    if (
      !job?.id ||
      job.name !== MATTERS ||
      !data ||
      data.matter < ids.first ||
      data.matter > ids.last ||
      data.at < window.from ||
      data.at >= window.to
    )
      continue;
    if (job.processedOn && job.finishedOn)
      into.set(job.id, {
        at: data.at,
        released: job.timestamp + (job.opts.delay ?? 0),
        started: job.processedOn,
        finished: job.finishedOn,
      });
  }
}

export function lagStats(lags: number[]): { p50: number; p99: number; max: number } {
  const sorted = [...lags].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN };
}

export function workerLogSends(system: System): number {
  const file = system.logFile?.replace(/\.log$/, '-worker.log');
  if (!file || !existsSync(file)) return NaN;
  return (readFileSync(file, 'utf8').match(/^phone: to /gm) ?? []).length;
}

export async function reminderPhase(
  system: System,
  db: Knex,
  processes: Processes,
  stopWorker: () => Promise<void>,
  grids: UnitRow[],
  communities: UnitRow[],
  reporters: Reporter[],
  category: number,
): Promise<ReminderResult> {
  const calendar = await loadCalendar(db);
  const sendsBefore = workerLogSends(system);
  const meter = cpuMeter(processes);
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
  await stopWorker();
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

export function reminderLines(r: ReminderResult): string[] {
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
