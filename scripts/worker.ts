// The job worker: fires reminder milestones from the Redis queue and runs the
// reconciliation scan every minute. Started by `npm start`; several may run.

import { Queue, Worker } from 'bullmq';
import knex from 'knex';
import { milestonesOf } from '../extensions/matters/src/milestones.ts';
import { cachedCalendar, fire, openMatters, queueSettingsFromEnv, REMINDER_QUEUE, schedule, type MilestoneJob } from '../extensions/matters/src/reminders.ts';
import { deliverPhoneMessages, phoneSender } from '../extensions/matters/src/phone.ts';
import { deliver, OUTBOUND_QUEUE, type OutboundJob } from '../extensions/dalianqin/src/outbound.ts';
import { startRegistryReminders } from '../extensions/registries/src/expiry-worker.ts';

// Started by scripts/lib/system.ts with Directus's own environment: the same database.
const queueSettings = queueSettingsFromEnv(process.env);
if (!queueSettings) throw new Error('worker: QUEUE_REDIS_URL is not set (start it through npm start)');
const scanEveryMs = Number(process.env.REMINDER_SCAN_SECONDS ?? 60) * 1000;

const db = knex(
  process.env.DB_CLIENT === 'pg'
    ? { client: 'pg', connection: process.env.DB_CONNECTION_STRING, pool: { min: 0, max: 16 } }
    : { client: 'sqlite3', connection: { filename: process.env.DB_FILENAME! }, useNullAsDefault: true, pool: { min: 1, max: 1 } },
);

const calendar = cachedCalendar(db);

const queue = new Queue(REMINDER_QUEUE, { connection: queueSettings.connection, prefix: queueSettings.prefix });
const sender = phoneSender(process.env);

async function scan(): Promise<void> {
  const cal = await calendar();
  // Only what falls due before a later scan could schedule it: far milestones
  // (催办 and 督办 days ahead) would only be re-added to Redis on every scan.
  const horizon = Date.now() + Math.max(10 * scanEveryMs, 10 * 60_000);
  const soon = (await openMatters(db)).flatMap((m) => milestonesOf(m, cal)).filter((m) => m.at.getTime() <= horizon);
  await schedule(queue, db, soon, new Date());
}

const worker = new Worker(
  REMINDER_QUEUE,
  async (job) => {
    const outcome = await fire(db, await calendar(), job.data as MilestoneJob, new Date());
    if (outcome === 'sent') await deliverPhoneMessages(db, sender);
    return outcome;
  },
  // Jobs wait on the database, not the CPU: many at once.
  { connection: queueSettings.connection, prefix: queueSettings.prefix, concurrency: 32 },
);
worker.on('failed', (job, error) => console.error(`worker: ${job?.id} failed: ${error.message}`));

// Updates to 大联勤, when the exchange is configured; BullMQ retries with backoff.
const dalianqin = process.env.DALIANQIN_URL && process.env.DALIANQIN_SECRET ? { url: process.env.DALIANQIN_URL, secret: process.env.DALIANQIN_SECRET } : null;
const outbound = dalianqin
  ? new Worker(OUTBOUND_QUEUE, (job) => deliver(db, dalianqin, job.data as OutboundJob, new Date()), { connection: queueSettings.connection, prefix: queueSettings.prefix, concurrency: 4 })
  : null;
outbound?.on('failed', (job, error) => console.error(`worker: 大联勤 ${job?.id} attempt ${job?.attemptsMade} failed: ${error.message}`));

// Each worker scans on its own timer rather than through a queue job, so that a
// Redis that lost everything is repaired too; scans are idempotent.
let scanning = false;
const tick = async () => {
  if (scanning) return;
  scanning = true;
  try {
    await scan();
  } catch (error) {
    console.error(`worker: scan failed: ${(error as Error).message}`);
  } finally {
    scanning = false;
  }
};
const timer = setInterval(() => void tick(), scanEveryMs);
const registryReminders = await startRegistryReminders(queueSettings, db, sender, scanEveryMs);
await tick();
console.log(`worker: running (queue ${queueSettings.prefix}:${REMINDER_QUEUE}, scan every ${scanEveryMs / 1000} s)`);

const stop = async () => {
  clearInterval(timer);
  await registryReminders.close();
  await outbound?.close();
  await worker.close();
  await queue.close();
  await db.destroy();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
