// The job worker: runs the one reminder engine (every domain's reminders from the
// Redis queue, and its scan every REMINDER_SCAN_SECONDS), sends the phone outbox,
// delivers updates to 大联勤 and trims the audit log. Started by `npm start`;
// several may run.

import { Queue, Worker } from 'bullmq';
import knex from 'knex';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { assessmentLive, assessmentRuns } from '../extensions/domains/assessment/schedule.ts';
import { warningEvaluations } from '../extensions/domains/warnings/schedule.ts';
import { monthlyReports } from '../extensions/domains/reports/schedule.ts';
import { matterReminders } from '../extensions/domains/matters/reminders.ts';
import { queueSettingsFromEnv } from '../extensions/kernel/queue.ts';
import { REMINDER_CONCURRENCY, REMINDER_QUEUE, reminderQueue, startReminderEngine } from '../extensions/kernel/reminder-engine.ts';
import { deliverPhoneMessages, outboxChannel, phoneSender } from '../extensions/domains/matters/phone.ts';
import { deliver, OUTBOUND_QUEUE, type OutboundJob } from '../extensions/dalianqin/src/outbound.ts';
import { wakeable } from '../extensions/kernel/loop.ts';
import { officeReminders } from '../extensions/office/src/jobs.ts';
import { registryReminders } from '../extensions/registries/src/expiry-worker.ts';
import { deleteExpiredAudit } from '../extensions/kernel/audit.ts';

// Started by scripts/lib/system.ts with Directus's own environment: the same database.
const queueSettings = queueSettingsFromEnv(process.env);
if (!queueSettings) throw new Error('worker: QUEUE_REDIS_URL is not set (start it through npm start)');
const scanEveryMs = Number(process.env.REMINDER_SCAN_SECONDS ?? 60) * 1000;
/** The outbox is also looked at this often without being woken: retries, a dead sender's messages, a lost wake-up. */
const OUTBOX_POLL_MS = 5_000;
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

// The reminder engine's queue, for the outbox's wake-up channel below (BullMQ's own connection).
const queue = reminderQueue(queueSettings);

// The phone outbox: its own loop, woken when anyone adds messages (reports and
// transitions in Directus publish on Redis; reminders fired here wake it directly).
const sender = phoneSender(process.env);
const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
const outbox = wakeable('phone outbox', () => deliverPhoneMessages(db, sender, { owner }));
// A second connection like BullMQ's own (ioredis), for it may only listen once subscribed.
const subscriber = ((await queue.client) as unknown as { duplicate(): Subscriber }).duplicate();
await subscriber.subscribe(outboxChannel(queueSettings.prefix));
subscriber.on('message', () => outbox.wake());

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

// Before the one engine each domain had its queue (and registries a job scheduler): emptied, the
// scan below queues their reminders again on the one queue (nothing is sent twice: each domain
// knows what it sent).
for (const name of ['matter-reminders', 'office-reminders', 'registry-reminders']) {
  const old = new Queue(name, { connection: queueSettings.connection, prefix: queueSettings.prefix });
  try {
    if ((await old.getJobSchedulersCount()) || Object.values(await old.getJobCounts()).some((n) => n > 0)) {
      await old.removeJobScheduler('registry-reminder-scan');
      await old.obliterate({ force: true });
    }
  } catch (error) {
    console.warn(`worker: the old queue ${name} was not emptied: ${(error as Error).message}`);
  } finally {
    await old.close();
  }
}

// Every domain's reminders: one queue, one worker, one scan (kernel/reminder-engine.ts).
const reminders = startReminderEngine(
  db,
  queueSettings,
  [
    matterReminders(db),
    officeReminders(db),
    registryReminders(),
    assessmentRuns(),
    assessmentLive(),
    warningEvaluations(),
    monthlyReports(),
  ],
  {
    scanEveryMs,
    concurrency: REMINDER_CONCURRENCY,
    onSent: () => outbox.wake(),
  },
);
// The audit log's rows past their retention, a few times a day (idempotent: several workers may run it).
const auditRetentionDays = Number(process.env.AUDIT_RETENTION_DAYS ?? 180);
const auditRetention = wakeable('audit retention', () => deleteExpiredAudit(db, auditRetentionDays));
const timers = [setInterval(() => outbox.wake(), OUTBOX_POLL_MS), setInterval(() => auditRetention.wake(), AUDIT_RETENTION_EVERY_MS)];
outbox.wake();
auditRetention.wake();
console.log(
  `worker: running (queue ${queueSettings.prefix}:${REMINDER_QUEUE}, scan every ${scanEveryMs / 1000} s, phone sender ${sender.name})`,
);

const stop = async () => {
  for (const timer of timers) clearInterval(timer);
  subscriber.disconnect();
  await reminders.close();
  await outbound?.close();
  await Promise.all([outbox.idle(), auditRetention.idle()]);
  await queue.close();
  await db.destroy();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
