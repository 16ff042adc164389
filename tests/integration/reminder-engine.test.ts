// The one reminder engine (kernel/reminder-engine.ts) on the real Redis, with two
// domains of its own on a database file of their own: what every domain of the
// system (matters, office, registries) gets from it — each reminder sent once,
// whichever of two workers fires it, a job twice in the queue or fired twice still
// sent once, and everything restored after Redis lost all its jobs. (Matters'
// reminders survive a kill -9 of the worker process: reminders.test.ts.)

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knex, { type Knex } from 'knex';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { queueSettingsFromEnv, type QueueSettings } from '../../extensions/kernel/queue.ts';
import {
  enqueue,
  type FireOutcome,
  reminderQueue,
  type ReminderDomain,
  scanDomains,
  startReminderEngine,
} from '../../extensions/kernel/reminder-engine.ts';
import { waitFor } from '../http.ts';

let db: Knex;
let dir: string;
let settings: QueueSettings;
const outcomes: { domain: string; key: string; outcome: FireOutcome }[] = [];

/**
 * A domain over its own table: an item is due at `due_at`; `sent_at` is set once, by a conditional update.
 * Its scan lists sent items too, so that the engine's own check of what was sent is what leaves them out.
 */
function probe(name: string): ReminderDomain<{ id: number }> {
  return {
    name,
    async *due(database) {
      const rows = await database('probe_items').where({ domain: name }).select('id', 'due_at');
      yield rows.map((r) => ({ key: `item-${r.id}`, at: new Date(Number(r.due_at)), job: { id: r.id } }));
    },
    async sent(database, keys) {
      const ids = keys.map((k) => Number(k.slice(5)));
      return new Set((await database('probe_items').whereIn('id', ids).whereNotNull('sent_at').select('id')).map((r) => `item-${r.id}`));
    },
    async fire(database, job, now) {
      const marked = await database('probe_items')
        .where({ id: job.id, domain: name })
        .whereNull('sent_at')
        .update({ sent_at: now.getTime() });
      const outcome: FireOutcome = marked === 1 ? 'sent' : 'duplicate';
      if (marked === 1) await database('probe_sends').insert({ item: job.id });
      outcomes.push({ domain: name, key: `item-${job.id}`, outcome });
      return outcome;
    },
  };
}

async function items(domain: string, dueInMs: number[]): Promise<number[]> {
  const ids: number[] = [];
  for (const ms of dueInMs) {
    const [row] = await db('probe_items')
      .insert({ domain, due_at: Date.now() + ms })
      .returning('id');
    ids.push(typeof row === 'object' ? row.id : row);
  }
  return ids;
}

const sends = async (ids: number[]) => (await db('probe_sends').whereIn('item', ids).select('item')).map((r) => r.item as number);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'reminder-engine-'));
  db = knex({ client: 'sqlite3', connection: { filename: join(dir, 'probe.db') }, useNullAsDefault: true, pool: { min: 1, max: 1 } });
  await db.schema.createTable('probe_items', (t) => {
    t.increments('id');
    t.string('domain');
    t.bigInteger('due_at');
    t.bigInteger('sent_at').nullable();
  });
  await db.schema.createTable('probe_sends', (t) => {
    t.increments('id');
    t.integer('item');
  });
  const { queueRedisUrl } = inject('directus');
  // A prefix of this file's own, so that nothing here touches the system's queue.
  settings = queueSettingsFromEnv({ QUEUE_REDIS_URL: queueRedisUrl, QUEUE_PREFIX: `engine-test-${inject('database')}-${process.pid}` })!;
});

afterAll(async () => {
  const queue = reminderQueue(settings);
  await queue.obliterate({ force: true });
  await queue.close();
  await db?.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('the reminder engine', () => {
  it('sends each reminder of each domain once, with two workers running, jobs queued twice and scans repeated', async () => {
    const a = await items('alpha', [0, 200, 400, 600, 800, 1000]);
    const b = await items('beta', [100, 300, 500]);
    const domains = [probe('alpha'), probe('beta')];
    const one = startReminderEngine(db, settings, domains, { scanEveryMs: 300, concurrency: 4, onSent: () => undefined });
    const two = startReminderEngine(db, settings, domains, { scanEveryMs: 300, concurrency: 4, onSent: () => undefined });
    // The same reminders queued again by hand (an endpoint after a change): ignored by their job ids.
    const queue = reminderQueue(settings);
    await enqueue(queue, 'alpha', [{ key: `item-${a[0]}`, at: new Date(), job: { id: a[0]! } }]);
    await queue.close();
    const all = [...a, ...b];
    await waitFor(
      () => sends(all),
      (s) => s.length >= all.length,
    );
    // More scans and a while for any second delivery to show.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    await Promise.all([one.close(), two.close()]);
    expect((await sends(all)).sort((x, y) => x - y)).toEqual(all.sort((x, y) => x - y));
    const sent = outcomes.filter((o) => o.outcome === 'sent');
    expect(sent.filter((o) => o.domain === 'alpha')).toHaveLength(a.length);
    expect(sent.filter((o) => o.domain === 'beta')).toHaveLength(b.length);
  });

  it('restores every reminder after Redis lost all its jobs', async () => {
    const queue = reminderQueue(settings);
    const domains = [probe('alpha'), probe('beta')];
    const ids = [...(await items('alpha', [1500, 1700])), ...(await items('beta', [1600]))];
    // Scheduled (as an endpoint or a scan would), then everything in Redis is gone.
    expect(await scanDomains(queue, db, domains, new Date(), 600_000)).toBe(3);
    const redis = new Redis({ ...(settings.connection as object), maxRetriesPerRequest: null });
    const keys = await redis.keys(`${settings.prefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
    expect(await queue.getJobCounts('delayed', 'waiting')).toMatchObject({ delayed: 0, waiting: 0 });
    await queue.close();
    // A worker starting afterwards scans and finds them again.
    const engine = startReminderEngine(db, settings, domains, { scanEveryMs: 400, concurrency: 2, onSent: () => undefined });
    await waitFor(
      () => sends(ids),
      (s) => s.length >= ids.length,
    );
    await engine.close();
    expect((await sends(ids)).length).toBe(ids.length);
  });

  it('does not queue again what a domain says was sent, nor what Redis holds', async () => {
    const queue = reminderQueue(settings);
    const domains = [probe('alpha')];
    const [done] = await items('alpha', [60_000]);
    await db('probe_items').where({ id: done }).update({ sent_at: Date.now() });
    const [waiting] = await items('alpha', [60_000]);
    expect(await scanDomains(queue, db, domains, new Date(), 600_000)).toBe(1);
    expect(await scanDomains(queue, db, domains, new Date(), 600_000)).toBe(0);
    // Beyond the horizon: left to a later scan.
    await items('alpha', [3_600_000]);
    expect(await scanDomains(queue, db, domains, new Date(), 600_000)).toBe(0);
    expect(await queue.getJob(`alpha.item-${waiting}`)).toBeTruthy();
    expect(await queue.getJob(`alpha.item-${done}`)).toBeFalsy();
    await queue.close();
  });
});
