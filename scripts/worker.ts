// The job worker: fires reminder milestones from the Redis queue, sends the
// phone outbox, and runs the reconciliation scan every REMINDER_SCAN_SECONDS.
// Started by `npm start`; several may run.

import { Queue, Worker } from 'bullmq';
import knex from 'knex';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { yellowAt } from '../extensions/domains/matters/lights.ts';
import { milestonesOf, type Milestone } from '../extensions/domains/matters/milestones.ts';
import type { Calendar } from '../extensions/kernel/working-days.ts';
import { cachedCalendar } from '../extensions/kernel/calendar.ts';
import {
  fire,
  openMatters,
  REMINDER_CONCURRENCY,
  REMINDER_QUEUE,
  repairLights,
  schedule,
  type MilestoneJob,
  type ScannedMatter,
} from '../extensions/domains/matters/reminders.ts';
import { queueSettingsFromEnv, scanHorizonMs } from '../extensions/kernel/queue.ts';
import { deliverPhoneMessages, outboxChannel, phoneSender } from '../extensions/domains/matters/phone.ts';
import { deliver, OUTBOUND_QUEUE, type OutboundJob } from '../extensions/dalianqin/src/outbound.ts';
import { wakeable } from '../extensions/kernel/loop.ts';
import { startOfficeWorker } from '../extensions/office/src/jobs.ts';
import { startRegistryReminders } from '../extensions/registries/src/expiry-worker.ts';
import { deleteExpiredAudit } from '../extensions/kernel/audit.ts';

// Started by scripts/lib/system.ts with Directus's own environment: the same database.
const queueSettings = queueSettingsFromEnv(process.env);
if (!queueSettings) throw new Error('worker: QUEUE_REDIS_URL is not set (start it through npm start)');
const scanEveryMs = Number(process.env.REMINDER_SCAN_SECONDS ?? 60) * 1000;
/** The outbox is also looked at this often without being woken: retries, a dead sender's messages, a lost wake-up. */
const OUTBOX_POLL_MS = 5_000;
/** Open matters read and scheduled at a time by the scan, so that reminders fire between pages. */
const SCAN_PAGE = 1000;
/** How often rows past the audit log's retention are looked for. */
const AUDIT_RETENTION_EVERY_MS = 6 * 3600_000;

interface Subscriber {
  subscribe(channel: string): Promise<unknown>;
  on(event: 'message', listener: () => void): void;
  disconnect(): void;
}

const db = knex(
  process.env.DB_CLIENT === 'pg'
    ? { client: 'pg', connection: process.env.DB_CONNECTION_STRING, pool: { min: 0, max: 16 } }
    : { client: 'sqlite3', connection: { filename: process.env.DB_FILENAME! }, useNullAsDefault: true, pool: { min: 1, max: 1 } },
);

const calendar = cachedCalendar(db);

const queue = new Queue(REMINDER_QUEUE, { connection: queueSettings.connection, prefix: queueSettings.prefix });

// The phone outbox: its own loop, woken when anyone adds messages (reports and
// transitions in Directus publish on Redis; reminders fired here wake it directly).
const sender = phoneSender(process.env);
const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
const outbox = wakeable('phone outbox', () => deliverPhoneMessages(db, sender, { owner }));
// A second connection like BullMQ's own (ioredis), for it may only listen once subscribed.
const subscriber = ((await queue.client) as unknown as { duplicate(): Subscriber }).duplicate();
await subscriber.subscribe(outboxChannel(queueSettings.prefix));
subscriber.on('message', () => outbox.wake());

/**
 * Schedules what is missing, a page of open matters at a time: only milestones
 * that fall due before a later scan could schedule them (far ones, 催办 and 督办
 * days ahead, would only be re-added to Redis on every scan). Between pages the
 * worker fires whatever has come due, so a long scan delays no reminder. Each
 * page's stored lights (yellow_at) are repaired where they are not what the
 * deadlines say.
 */
async function scan(): Promise<void> {
  const cal = await calendar();
  const horizon = Date.now() + scanHorizonMs(scanEveryMs);
  const seen = new Set<number>();
  for (let after = 0; ; ) {
    const page = await openMatters(db, { after, limit: SCAN_PAGE });
    if (!page.length) break;
    after = page.at(-1)!.id;
    for (const m of page) seen.add(m.id);
    const planned = page.map((matter) => ({ matter, ...memo(matter, cal) }));
    await schedule(
      queue,
      db,
      planned.flatMap((c) => c.milestones).filter((m) => m.at.getTime() <= horizon),
    );
    await repairLights(db, cal, planned);
    await yieldToEvents();
  }
  for (const id of computed.keys()) if (!seen.has(id)) computed.delete(id);
}

/** Milestones and light as the last scan computed them, while the matter and the calendar are as they were. */
const computed = new Map<number, { facts: string; calendar: Calendar; milestones: Milestone[]; yellow: Date | null }>();
function memo(matter: ScannedMatter, cal: Calendar): { milestones: Milestone[]; yellow: Date | null } {
  const facts = [
    matter.status,
    matter.created.getTime(),
    matter.sign_due_at?.getTime(),
    matter.due_at?.getTime(),
    matter.paused,
    matter.sign_unit,
    matter.complete_unit,
  ].join('|');
  const known = computed.get(matter.id);
  if (known && known.facts === facts && known.calendar === cal) return known;
  const fresh = { facts, calendar: cal, milestones: milestonesOf(matter, cal), yellow: yellowAt(matter, cal) };
  computed.set(matter.id, fresh);
  return fresh;
}

const worker = new Worker(
  REMINDER_QUEUE,
  async (job) => {
    const outcome = await fire(db, await calendar(), job.data as MilestoneJob, new Date());
    if (outcome === 'sent') outbox.wake();
    return outcome;
  },
  // Jobs wait on the database, not the CPU: many at once.
  { connection: queueSettings.connection, prefix: queueSettings.prefix, concurrency: REMINDER_CONCURRENCY },
);
worker.on('failed', (job, error) => console.error(`worker: ${job?.id} failed: ${error.message}`));

// Updates to 大联勤, when the exchange is configured; BullMQ retries with backoff.
const dalianqin =
  process.env.DALIANQIN_URL && process.env.DALIANQIN_SECRET
    ? { url: process.env.DALIANQIN_URL, secret: process.env.DALIANQIN_SECRET }
    : null;
const outbound = dalianqin
  ? new Worker(OUTBOUND_QUEUE, (job) => deliver(db, dalianqin, job.data as OutboundJob, new Date()), {
      connection: queueSettings.connection,
      prefix: queueSettings.prefix,
      concurrency: 4,
    })
  : null;
outbound?.on('failed', (job, error) => console.error(`worker: 大联勤 ${job?.id} attempt ${job?.attemptsMade} failed: ${error.message}`));

const office = startOfficeWorker(db, queueSettings, { scanEveryMs, wakeOutbox: () => outbox.wake() });

// Each worker scans on its own timer rather than through a queue job, so that a
// Redis that lost everything is repaired too; scans are idempotent.
const scanner = wakeable('scan', scan);
const registryReminders = await startRegistryReminders(queueSettings, db, () => outbox.wake(), scanEveryMs);
// The audit log's rows past their retention, a few times a day (idempotent: several workers may run it).
const auditRetentionDays = Number(process.env.AUDIT_RETENTION_DAYS ?? 180);
const auditRetention = wakeable('audit retention', () => deleteExpiredAudit(db, auditRetentionDays));
const timers = [
  setInterval(() => scanner.wake(), scanEveryMs),
  setInterval(() => outbox.wake(), OUTBOX_POLL_MS),
  setInterval(() => auditRetention.wake(), AUDIT_RETENTION_EVERY_MS),
];
scanner.wake();
outbox.wake();
auditRetention.wake();
console.log(
  `worker: running (queue ${queueSettings.prefix}:${REMINDER_QUEUE}, scan every ${scanEveryMs / 1000} s, phone sender ${sender.name})`,
);

const stop = async () => {
  for (const timer of timers) clearInterval(timer);
  subscriber.disconnect();
  await registryReminders.close();
  await outbound?.close();
  await office.close();
  await worker.close();
  await Promise.all([scanner.idle(), outbox.idle(), auditRetention.idle()]);
  await queue.close();
  await db.destroy();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
