// The one reminder engine: every domain that reminds people (matters' milestones,
// office receipts and projects, registry expiries; assessment and early warning
// later) declares what is due, its key, and how it is sent; one Redis queue
// (BullMQ), one worker and one scan drive them all.
//
// - A reminder is a delayed job whose id is `<domain>.<key>`: never queued twice.
// - The database is the truth: a fired job asks its domain to send it, and the
//   domain sends it only if it is still current and not yet sent (its own unique
//   row or conditional update), so a job run twice, or by two workers, sends once.
// - The scan asks every domain for what falls due before the next scans could
//   schedule it and queues what is neither sent nor queued: a Redis that lost
//   everything, a job lost with a killed worker, a change whose scheduling failed,
//   all are made good within one scan.
// Used by the endpoints (queue or drop a change's reminders at once) and by the
// job worker (scripts/worker.ts: `startReminderEngine`).

import { Queue, Worker } from 'bullmq';
import type { Knex } from 'knex';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { wakeable } from './loop.ts';
import { scanHorizonMs, type QueueSettings } from './queue.ts';

export const REMINDER_QUEUE = 'reminders';
/** How many reminder jobs one worker process runs at once (each writes a few rows in its own transaction). */
export const REMINDER_CONCURRENCY = 32;

export type FireOutcome = 'sent' | 'stale' | 'duplicate';

/** One reminder of a domain: its key (unique within the domain), when it falls due, and what its job carries. */
export interface DueReminder<J = unknown> {
  key: string;
  at: Date;
  job: J;
}

/** What a domain tells the engine. */
export interface ReminderDomain<J = unknown> {
  /** Names the domain in job names and ids: letters, digits, `_` and `-`. */
  name: string;
  /**
   * Everything of the domain that is due or will fall due (not yet sent where the domain knows it
   * cheaply), a page at a time; `horizon` is as far as this scan schedules, for domains that read less
   * when they know it.
   */
  due(db: Knex, now: Date, horizon: Date): AsyncIterable<DueReminder<J>[]>;
  /** The keys among these that were sent already (so their jobs are not queued again). */
  sent?(db: Knex, keys: string[]): Promise<Set<string>>;
  /** Sends the reminder once, if it is still current and not yet sent. */
  fire(db: Knex, job: J, now: Date): Promise<FireOutcome>;
}

/** A domain's name as it may stand in a job id (BullMQ refuses `:` there). */
function checkName(domain: string): void {
  if (!/^[A-Za-z0-9_-]+$/.test(domain)) throw new Error(`reminder domain name ${domain}: letters, digits, _ and - only`);
}

/** The job id of a domain's reminder. */
export const reminderJobId = (domain: string, key: string): string => `${domain}.${key}`;

/** The engine's queue; an endpoint's fails fast when Redis is away (the scan makes good what it missed). */
export function reminderQueue(settings: QueueSettings, options: { failFast?: boolean } = {}): Queue {
  const connection = options.failFast ? ({ ...settings.connection, enableOfflineQueue: false } as never) : settings.connection;
  return new Queue(REMINDER_QUEUE, { connection, prefix: settings.prefix });
}

/**
 * Queues delayed jobs for a domain's reminders, in one round trip per 2,000; a job id already held is
 * left as it is. The delay is taken from the clock now, so that a job is never released late by the
 * lookups before.
 */
export async function enqueue(queue: Queue, domain: string, due: DueReminder[]): Promise<number> {
  checkName(domain);
  for (let i = 0; i < due.length; i += 2000) {
    const now = Date.now();
    await queue.addBulk(
      due.slice(i, i + 2000).map((r) => ({
        name: domain,
        data: r.job,
        opts: {
          jobId: reminderJobId(domain, r.key),
          delay: Math.max(0, r.at.getTime() - now),
          removeOnComplete: 1000,
          removeOnFail: 1000,
          attempts: 5,
          backoff: { type: 'exponential', delay: 1000 },
        },
      })),
    );
  }
  return due.length;
}

/** Drops the jobs of reminders a change made obsolete (a closed matter, a moved deadline, a signed receipt). */
export async function dequeue(queue: Queue, domain: string, keys: string[]): Promise<void> {
  await Promise.all(keys.map((key) => queue.remove(reminderJobId(domain, key))));
}

/**
 * The keys whose job Redis holds already (delayed, waiting, running or kept after it ran), asked in
 * one round trip: cheaper than adding them again, which BullMQ would ignore.
 */
export async function queuedKeys(queue: Queue, domain: string, keys: string[]): Promise<Set<string>> {
  if (!keys.length) return new Set();
  // BullMQ's own connection (an ioredis client, typed narrower by BullMQ); a job is the hash at toKey(id).
  const redis = (await queue.client) as unknown as {
    pipeline(): { exists(key: string): void; exec(): Promise<[Error | null, unknown][] | null> };
  };
  const pipeline = redis.pipeline();
  for (const key of keys) pipeline.exists(queue.toKey(reminderJobId(domain, key)));
  const answers = (await pipeline.exec()) ?? [];
  return new Set(keys.filter((_, i) => answers[i]?.[1] === 1));
}

/** Queues what is neither sent nor queued among a domain's due reminders; returns how many were added. */
export async function scheduleMissing(queue: Queue, db: Knex, domain: ReminderDomain, due: DueReminder[]): Promise<number> {
  let added = 0;
  for (let i = 0; i < due.length; i += 500) {
    const chunk = due.slice(i, i + 500);
    const sent = domain.sent
      ? await domain.sent(
          db,
          chunk.map((r) => r.key),
        )
      : new Set<string>();
    const unsent = chunk.filter((r) => !sent.has(r.key));
    const queued = await queuedKeys(
      queue,
      domain.name,
      unsent.map((r) => r.key),
    );
    added += await enqueue(
      queue,
      domain.name,
      unsent.filter((r) => !queued.has(r.key)),
    );
  }
  return added;
}

/**
 * One scan of every domain: what falls due before `horizonMs` from now and is neither sent nor
 * queued gets its job. A page at a time, yielding between pages so that due jobs fire meanwhile.
 */
export async function scanDomains(queue: Queue, db: Knex, domains: ReminderDomain[], now: Date, horizonMs: number): Promise<number> {
  const horizon = new Date(now.getTime() + horizonMs);
  let added = 0;
  // A domain that fails (a row it cannot read) does not keep the others from being scanned.
  const failures: string[] = [];
  for (const domain of domains)
    try {
      for await (const page of domain.due(db, now, horizon)) {
        added += await scheduleMissing(
          queue,
          db,
          domain,
          page.filter((r) => r.at.getTime() <= horizon.getTime()),
        );
        await yieldToEvents();
      }
    } catch (error) {
      failures.push(`${domain.name}: ${(error as Error).message}`);
    }
  if (failures.length) throw new Error(failures.join('; '));
  return added;
}

export interface ReminderEngine {
  /** Runs a scan now (after a start, or when told that much changed). */
  scan(): void;
  close(): Promise<void>;
}

/**
 * The engine inside the job worker: one BullMQ worker firing every domain's jobs, and one scan of all
 * domains on `scanEveryMs` (each worker process scans on its own timer, not through a queue job, so
 * that a Redis that lost everything is repaired too; scans are idempotent).
 */
export function startReminderEngine(
  db: Knex,
  settings: QueueSettings,
  domains: ReminderDomain[],
  options: { scanEveryMs: number; concurrency: number; onSent: () => void },
): ReminderEngine {
  const byName = new Map(domains.map((d) => [d.name, d]));
  for (const d of domains) checkName(d.name);
  const queue = reminderQueue(settings);
  const worker = new Worker(
    REMINDER_QUEUE,
    async (job) => {
      const domain = byName.get(job.name);
      if (!domain) throw new Error(`no reminder domain ${job.name}`);
      const outcome = await domain.fire(db, job.data, new Date());
      if (outcome === 'sent') options.onSent();
      return outcome;
    },
    // Jobs wait on the database, not the CPU: many at once.
    { connection: settings.connection, prefix: settings.prefix, concurrency: options.concurrency },
  );
  worker.on('failed', (job, error) => console.error(`worker: reminder ${job?.id} failed: ${error.message}`));
  const scanner = wakeable('reminder scan', () => scanDomains(queue, db, domains, new Date(), scanHorizonMs(options.scanEveryMs)));
  const timer = setInterval(() => scanner.wake(), options.scanEveryMs);
  scanner.wake();
  return {
    scan: () => scanner.wake(),
    close: async () => {
      clearInterval(timer);
      await worker.close();
      await scanner.idle();
      await queue.close();
    },
  };
}
