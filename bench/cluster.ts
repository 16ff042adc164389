import type { Knex } from 'knex';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PROJECT_ROOT, readSettings } from '../directus.config.ts';
import { loadCalendar } from '../extensions/kernel/calendar.ts';
import { instancePorts, instanceSettings, startCluster } from '../scripts/lib/cluster.ts';
import { freePort, pgAdmin } from '../scripts/lib/local.ts';
import { privatePostgres, privateRedis, type PrivateServer } from '../scripts/lib/private-servers.ts';
import { prepare, startSystem, stopSystem, type System } from '../scripts/lib/system.ts';
import { onCleanUp, runBench } from './lib/cleanup.ts';
import { percentile } from './lib/measure.ts';
import { machine, writeSection } from './lib/section.ts';
import { reportingDistrict, timedRequest, type Reporter } from './matters/people.ts';
import { writeDueMatters } from './matters/reminders.ts';
import { reportBody } from './matters/reports.ts';
import { int, REPORTERS, round, sleep } from './matters/settings.ts';

const knob = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const PHASE_SECONDS = knob('BENCH_SECONDS', 30);
const MILESTONES = knob('BENCH_MILESTONES', 400);
const QUICK = PHASE_SECONDS !== 30 || MILESTONES !== 400 || REPORTERS !== 32;
/** How long a report is sent again before the reporter gives up on it (the phone keeps trying longer). */
const GIVE_UP_MS = 120_000;
const RETRY_MS = 250;
/** The window after a fault whose reports' p95 is reported. */
const FAULT_WINDOW_MS = 10_000;
const SCAN_SECONDS = 5;
const DOC = resolve(PROJECT_ROOT, 'docs/benchmarks.md');
const step = (what: string) => console.log(`[bench:cluster ${new Date().toISOString().slice(11, 19)}] ${what}`);

interface Fault {
  label: string;
  act: () => Promise<void>;
}

interface PhaseResult {
  name: string;
  target: string;
  seconds: number;
  acknowledged: number;
  stored: number;
  doubled: number;
  lost: number;
  unanswered: number;
  /** Reports the server refused (4xx): not sent again, and a defect of the bench or the system. */
  refused: number;
  resent: number;
  answers: Record<string, number>;
  perSecond: number;
  p50: number;
  p95: number;
  faultP95: number | null;
  reminders: { due: number; recorded: number; lateMs: number; phoneRows: number; phoneSentTwice: number } | null;
}

class Refused extends Error {}

/** One reporter's next report, sent until it is answered 200; its time from first try to answer, or null when given up. */
async function sendUntilStored(
  url: string,
  reporter: Reporter,
  body: Record<string, unknown>,
  tally: { answers: Record<string, number>; resent: number },
): Promise<number | null> {
  const started = performance.now();
  const text = JSON.stringify(body);
  for (let attempt = 0; performance.now() - started < GIVE_UP_MS; attempt++) {
    if (attempt > 0) {
      tally.resent++;
      await sleep(RETRY_MS);
    }
    try {
      const answer = await timedRequest(url, 'POST', reporter.token, text);
      if (answer.status === 200 && JSON.parse(answer.text)?.data?.id) return performance.now() - started;
      const code = /"code":"([A-Z_]+)"/.exec(answer.text)?.[1] ?? '';
      const key = `${answer.status}${code ? ` ${code}` : ''}`;
      tally.answers[key] = (tally.answers[key] ?? 0) + 1;
      // The phone sends again what the server could not take (5xx, 429); a refusal of the report itself it shows.
      if (answer.status < 500 && answer.status !== 429) throw new Refused(`${key}: ${answer.text.slice(0, 200)}`);
    } catch (error) {
      if (error instanceof Refused) throw error;
      const key = `no answer (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
      tally.answers[key] = (tally.answers[key] ?? 0) + 1;
    }
  }
  return null;
}

async function phase(
  name: string,
  base: string,
  target: string,
  db: Knex,
  reporters: Reporter[],
  categories: number[],
  fault: Fault | null,
  due: (() => Promise<{ ids: number[]; windowStart: number }>) | null,
): Promise<PhaseResult> {
  const url = `${base}/matters/report`;
  const tag = `cl${Date.now().toString(36)}`;
  const tally = { answers: {} as Record<string, number>, resent: 0 };
  const acknowledged = new Set<string>();
  const timings: { begun: number; ms: number }[] = [];
  let unanswered = 0;
  let refused = 0;
  const reminders = due ? await due() : null;
  const remindersFrom = reminders ? new Date(reminders.windowStart) : null;
  const started = performance.now();
  const stopAt = started + PHASE_SECONDS * 1000;
  let faultAt: number | null = null;
  const faulting = fault
    ? (async () => {
        await sleep((PHASE_SECONDS * 1000) / 2);
        faultAt = performance.now();
        step(`${name}: ${fault.label}`);
        await fault.act();
      })()
    : Promise.resolve();
  await Promise.all(
    reporters.map(async (reporter, i) => {
      for (let n = 0; performance.now() < stopAt; n++) {
        const ref = `${tag}-${i}-${n}`;
        const begun = performance.now();
        const ms = await sendUntilStored(url, reporter, { ...reportBody(reporter, categories, n), client_ref: ref }, tally).catch(
          (error: unknown) => {
            if (error instanceof Refused) return 'refused' as const;
            throw error;
          },
        );
        if (ms === 'refused') refused++;
        else if (ms === null) unanswered++;
        else {
          acknowledged.add(ref);
          timings.push({ begun: begun - started, ms });
        }
      }
    }),
  );
  await faulting;
  const seconds = (performance.now() - started) / 1000;
  const rows = (await db('matters').where('client_ref', 'like', `${tag}-%`).select('client_ref')) as { client_ref: string }[];
  const storedRefs = new Set(rows.map((r) => r.client_ref));
  const sorted = timings.map((t) => t.ms).sort((a, b) => a - b);
  const from = faultAt === null ? null : faultAt - started;
  const inWindow =
    from === null
      ? []
      : timings
          .filter((t) => t.begun >= from - 1000 && t.begun < from + FAULT_WINDOW_MS)
          .map((t) => t.ms)
          .sort((a, b) => a - b);
  return {
    name,
    target,
    seconds,
    acknowledged: acknowledged.size,
    stored: rows.length,
    doubled: rows.length - storedRefs.size,
    lost: [...acknowledged].filter((ref) => !storedRefs.has(ref)).length,
    unanswered,
    refused,
    resent: tally.resent,
    answers: tally.answers,
    perSecond: acknowledged.size / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    faultP95: from === null ? null : percentile(inWindow, 95),
    reminders: reminders ? await countReminders(db, reminders.ids, remindersFrom!) : null,
  };
}

/** Waits until every milestone of the matters has its reminder (or two minutes pass), then counts them and their phone messages. */
async function countReminders(db: Knex, ids: number[], from: Date): Promise<NonNullable<PhaseResult['reminders']>> {
  // The milestones due in the phase (each matter's earlier ones were written as reminded already).
  const inWindow = () => db('matter_reminders').whereIn('matter', ids).where('due_at', '>=', from);
  const giveUpAt = Date.now() + 120_000;
  let recorded = 0;
  while (Date.now() < giveUpAt) {
    recorded = Number((await inWindow().clone().count({ n: '*' }))[0]!.n);
    if (recorded >= ids.length) break;
    await sleep(1000);
  }
  const late = (
    await inWindow()
      .clone()
      .max({ ms: db.raw('extract(epoch from sent_at - due_at) * 1000') })
  )[0] as { ms: string };
  const phone = (await db('phone_messages as p')
    .join('matter_reminders as r', 'r.id', 'p.reminder')
    .whereIn('r.matter', ids)
    .where('r.due_at', '>=', from)
    .select(db.raw('count(*) as n'), db.raw('count(*) filter (where p.attempts > 1) as twice'))) as { n: string; twice: string }[];
  return {
    due: ids.length,
    recorded,
    lateMs: Number(late?.ms ?? NaN),
    phoneRows: Number(phone[0]!.n),
    phoneSentTwice: Number(phone[0]!.twice),
  };
}

function lines(results: PhaseResult[], one: PhaseResult, two: PhaseResult): string[] {
  const table = [
    '| phase | through | reports/s | p50 ms | p95 ms | p95 after the fault | acknowledged | stored | lost | doubled | given up | refused | sent again |',
    '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
    ...results.map(
      (r) =>
        `| ${r.name} | ${r.target} | ${round(r.perSecond)} | ${round(r.p50)} | ${round(r.p95)} | ${r.faultP95 === null ? '–' : round(r.faultP95)} | ${int(r.acknowledged)} | ${int(r.stored)} | ${r.lost} | ${r.doubled} | ${r.unanswered} | ${r.refused} | ${int(r.resent)} |`,
    ),
  ];
  const answers = results
    .filter((r) => Object.keys(r.answers).length)
    .map(
      (r) =>
        `- ${r.name}: ${Object.entries(r.answers)
          .map(([what, n]) => `${n} × ${what}`)
          .join('; ')}.`,
    );
  const reminders = results
    .filter((r) => r.reminders)
    .map(
      (r) =>
        `- ${r.name}: ${int(r.reminders!.recorded)} of ${int(r.reminders!.due)} reminders recorded (latest ${round(r.reminders!.lateMs / 1000)} s after its milestone); ${int(r.reminders!.phoneRows)} phone messages, ${r.reminders!.phoneSentTwice} tried more than once.`,
    );
  const lost = results.reduce((n, r) => n + r.lost, 0);
  const doubled = results.reduce((n, r) => n + r.doubled, 0);
  const failed = results.reduce((n, r) => n + r.unanswered + r.refused, 0);
  const met = lost === 0 && doubled === 0 && failed === 0 && results.every((r) => r.acknowledged > 0);
  return [
    ...table,
    '',
    `Two instances against one: ${round(two.perSecond / one.perSecond, 2)}× the reports per second (p95 ${round(two.p95)} ms against ${round(one.p95)} ms). Lost ${lost}, doubled ${doubled} over all phases, ${failed} reports given up or refused (goal 0, 0 and 0): **${met ? 'met' : 'not met'}**.`,
    '',
    'Answers other than 200 (each followed by the same report sent again):',
    '',
    ...(answers.length ? answers : ['- none.']),
    '',
    'Reminders due around the faults (the worker scans every 5 s):',
    '',
    ...reminders,
  ];
}

async function main(): Promise<void> {
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');
  const date = new Date().toISOString();
  step('starting a PostgreSQL and a Redis of this run’s own');
  const postgres = await privatePostgres();
  onCleanUp(() => postgres.remove());
  const redis = await privateRedis();
  onCleanUp(() => redis.remove());
  await pgAdmin(postgres.url, 'CREATE DATABASE zongzhi');
  const dbUrl = new URL(postgres.url);
  dbUrl.pathname = '/zongzhi';
  const dataDir = mkdtempSync(join(tmpdir(), 'zongzhi-bench-cluster-'));
  onCleanUp(() => rmSync(dataDir, { recursive: true, force: true }));
  const settings = readSettings({
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PORT: String(await freePort()),
    DEMO: 'true',
    RATE_LIMIT_PER_SECOND: '0',
    LOG_LEVEL: 'warn',
    DATABASE_URL: dbUrl.toString(),
    REDIS_URL: redis.url,
    INSTANCES: '2',
    REMINDER_SCAN_SECONDS: String(SCAN_SECONDS),
  });
  const logFile = resolve(PROJECT_ROOT, '.test-data', 'bench-cluster-directus.log');
  rmSync(logFile, { force: true });

  step('two Directus instances behind nginx, the worker: schema and demo data');
  const ports = instancePorts(settings);
  const system: System = await startSystem(instanceSettings(settings, ports[0]!), { logFile });
  onCleanUp(() => stopSystem(system));
  await prepare(system, settings, { schema: true, seed: true });
  await startCluster(system, settings);
  const proxy = `http://127.0.0.1:${settings.port}`;
  const direct = `http://127.0.0.1:${ports[0]}`;
  const named = (name: string) => system.processes.find((p) => p.name === name)!;

  const { db, versions, grids, communities, categories, reporters } = await reportingDistrict(system, dbUrl.toString());
  // The demo district's own reminders (already due at start) are sent before the phases begin.
  await sleep(SCAN_SECONDS * 2000);

  let batch = 0;
  const due = async () => {
    batch++;
    const calendar = await loadCalendar(db);
    return writeDueMatters(db, calendar, grids, communities, reporters, categories[0]!, {
      milestones: MILESTONES,
      leadMs: 2000,
      windowMs: PHASE_SECONDS * 1000,
      numberPrefix: `SJ-CL${batch}-`,
    });
  };
  const kill = (name: string) => async () => void process.kill(named(name).process.pid!, 'SIGKILL');
  const restart = (server: PrivateServer, downMs: number) => async () => {
    await server.crash();
    await sleep(downMs);
    await server.start();
  };

  const results: PhaseResult[] = [];
  const run = async (...args: Parameters<typeof phase>) => {
    step(`${args[0]}: ${REPORTERS} reporters through ${args[2]} for ${PHASE_SECONDS} s`);
    const r = await phase(...args);
    step(
      `${r.name}: ${int(r.acknowledged)} acknowledged, ${int(r.stored)} stored, lost ${r.lost}, doubled ${r.doubled}, ${round(r.perSecond)}/s, p95 ${round(r.p95)} ms${r.faultP95 === null ? '' : `, p95 after the fault ${round(r.faultP95)} ms`}${r.reminders ? `; reminders ${r.reminders.recorded}/${r.reminders.due}` : ''}`,
    );
    results.push(r);
    return r;
  };
  const one = await run('one instance', direct, 'instance 1', db, reporters, categories, null, null);
  const two = await run('two instances', proxy, 'nginx → 2 instances', db, reporters, categories, null, null);
  await run(
    'instance killed',
    proxy,
    'nginx → 2 instances',
    db,
    reporters,
    categories,
    {
      label: 'kill -9 instance 2',
      act: kill('directus 2'),
    },
    null,
  );
  await run(
    'worker killed',
    proxy,
    'nginx → 2 instances',
    db,
    reporters,
    categories,
    {
      label: 'kill -9 the job worker',
      act: kill('worker'),
    },
    due,
  );
  await run(
    'Redis restarted',
    proxy,
    'nginx → 2 instances',
    db,
    reporters,
    categories,
    {
      label: 'Redis killed, started again empty after 3 s',
      act: restart(redis, 3000),
    },
    due,
  );
  await run(
    'PostgreSQL restarted',
    proxy,
    'nginx → 2 instances',
    db,
    reporters,
    categories,
    {
      label: 'PostgreSQL stopped (immediate), started again after 5 s',
      act: restart(postgres, 5000),
    },
    due,
  );

  const body = [
    `Last run: ${date}, \`npm run bench:cluster\`${QUICK ? ` with BENCH_SECONDS=${PHASE_SECONDS} BENCH_REPORTERS=${REPORTERS} BENCH_MILESTONES=${MILESTONES}` : ''}.`,
    '',
    `Machine: ${machine().join('; ')}; load average ${load} when the run began. Directus ${versions.directus}, Node ${process.versions.node}, PostgreSQL ${versions.postgres} and Redis of the run's own, nginx from Debian. Client, both instances, the worker, PostgreSQL, Redis and nginx share the machine's CPUs, so two instances cannot do twice the work here; the ratio is recorded anyway.`,
    '',
    `${REPORTERS} grid workers send event reports (\`POST /matters/report\`) for ${PHASE_SECONDS} s per phase, each the next as soon as the last is answered. Each report carries its own submission id; one not answered 200 is sent again with the same id every ${RETRY_MS} ms (for up to ${GIVE_UP_MS / 1000} s), as the phone does. In the fault phases the fault comes halfway; “p95 after the fault” covers the reports begun from 1 s before it to ${FAULT_WINDOW_MS / 1000} s after, from first try to answer. Lost: acknowledged but not stored; doubled: stored twice for one submission id.`,
    '',
    ...lines(results, one, two),
  ].join('\n');
  console.log(`\n${body}\n`);
  if (QUICK) return console.log(`a shortened run (BENCH_* settings): ${DOC} is left as it is`);
  writeSection(DOC, 'cluster', 'Several instances and faults (bench:cluster)', body);
  console.log(`written to ${DOC}`);
}

await runBench(main);
