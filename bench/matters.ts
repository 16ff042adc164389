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
// Prints the figures and rewrites its section of docs/benchmarks.md (the parts:
// bench/matters/: settings, people, reports, reminders, figures). Everything
// it creates is removed again, also on failure or Ctrl-C.
//
// Knobs (for a quick run): BENCH_SECONDS (report phase, default 60),
// BENCH_REPORTERS (32), BENCH_MILESTONES (10000; 0 skips the reminder phase), BENCH_SCAN_SECONDS (the
// worker's scan during the reminder phase, 1), BENCH_WAIT_SECONDS (how long
// after the last milestone a reminder may still come, 180), BENCH_PHONES (0: no
// phone numbers, so no phone messages), BENCH_PG_URL.

import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PROJECT_ROOT, readSettings, type Settings } from '../directus.config.ts';
import { REMINDER_CONCURRENCY } from '../extensions/kernel/reminder-engine.ts';
import type { RunningProcess } from '../scripts/lib/directus.ts';
import { freePort, pgAdmin } from '../scripts/lib/local.ts';
import { prepare, startSystem, startWorker, stopSystem, type System } from '../scripts/lib/system.ts';
import { onCleanUp, runBench } from './lib/cleanup.ts';
import { forgetQueues } from './lib/queues.ts';
import { machine, writeSection } from './lib/section.ts';
import { systemProcesses, type Processes } from './matters/figures.ts';
import { reportingDistrict } from './matters/people.ts';
import { reminderLines, reminderPhase, type ReminderResult } from './matters/reminders.ts';
import { FLOOR_SECONDS, floorLines, floorPhase, reportLines, reportPhase } from './matters/reports.ts';
import {
  DOC,
  int,
  MILESTONES,
  PG_SERVER,
  PHONES,
  PRODUCTION_SCAN_SECONDS,
  QUICK,
  REPORT_SECONDS,
  REPORTERS,
  round,
  SCAN_SECONDS,
  step,
  WAIT_SECONDS,
  WARMUP_REPORTS,
} from './matters/settings.ts';

let workerProcess: RunningProcess | null = null;
let databaseName = '';

/** The processes whose CPU time a phase reports. */
const processGroups = (system: System): Processes => systemProcesses(system, databaseName, () => workerProcess);

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
  onCleanUp(async () =>
    step(`${(await forgetQueues(system)).toLocaleString('en')} queue keys ${system.env.QUEUE_PREFIX}:* removed from Redis`),
  );
  onCleanUp(() => stopSystem(system));
  await prepare(system, settings, { schema: true, seed: true });
  await restartWorker(system, PRODUCTION_SCAN_SECONDS);

  const { db, versions, grids, communities, categories, reporters } = await reportingDistrict(system, dbUrl.toString());
  step(
    `${reporters.length} grid workers logged in over ${new Set(reporters.map((r) => r.grid.id)).size} of ${grids.length} demo grids; one staff member${PHONES ? ' with a phone' : ' (no phone)'} in each of ${communities.length} communities`,
  );

  step(`reports: ${REPORTERS} reporters for ${REPORT_SECONDS} s (worker scanning every ${PRODUCTION_SCAN_SECONDS} s, as deployed)`);
  const reports = await reportPhase(system, db, processGroups(system), reporters, categories);
  step(
    `${int(reports.ok)} reports, ${round(reports.perSecond)}/s, p50 ${round(reports.p50)} ms, p95 ${round(reports.p95)} ms, ${reports.failed} failed`,
  );

  step(`floor: ${REPORTERS} clients, an authenticated request no route answers, ${FLOOR_SECONDS} s`);
  const floor = await floorPhase(system, processGroups(system), reporters);
  step(`${int(floor.requests)} requests, ${round(floor.requests / floor.seconds)}/s`);

  let reminders: ReminderResult | null = null;
  if (MILESTONES > 0) {
    step(`reminders: ${int(MILESTONES)} milestones due within a minute (worker restarted, scanning every ${SCAN_SECONDS} s)`);
    await restartWorker(system, SCAN_SECONDS);
    reminders = await reminderPhase(
      system,
      db,
      processGroups(system),
      async () => void (await workerProcess?.stop()),
      grids,
      communities,
      reporters,
      categories[0]!,
    );
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
    `Event reports (一般 urgency) through \`POST /matters/report\`, each reporter sending the next as soon as the last is answered, after ${WARMUP_REPORTS} untimed ones; the job worker runs beside Directus with the deployed scan interval (${PRODUCTION_SCAN_SECONDS} s), processing up to ${REMINDER_CONCURRENCY} reminder jobs at once.`,
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
