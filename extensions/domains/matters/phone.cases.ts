// The cases of the phone outbox, run against a real database: on SQLite by
// phone.test.ts, on PostgreSQL (where claims skip locked rows) by
// tests/integration/matters-outbox.test.ts. Concurrent senders send each message
// once; a dead sender's messages are sent again after its lease, a live sender's
// never; failures wait and give up after five attempts.

import type { Knex } from 'knex';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { claimPhoneMessages, deliverPhoneMessages, type PhoneSender } from './phone.ts';

let db: Knex;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A sender that records what it sent, taking `ms` for each. */
function recorder(ms = 0): PhoneSender & { sent: string[] } {
  const sent: string[] = [];
  return { name: 'test', sent, send: async (phone) => void (ms && (await sleep(ms)), sent.push(phone)) };
}

async function add(count: number): Promise<void> {
  await db('phone_messages').insert(
    Array.from({ length: count }, (_, i) => ({
      phone: `1391234${String(i).padStart(4, '0')}`,
      body: `提醒 ${i}`,
      status: 'pending',
      attempts: 0,
    })),
  );
}

const row = async (id: number) => db('phone_messages').where({ id }).first('status', 'attempts', 'claimed_by', 'error');

export function outboxCases(database: string, open: () => Promise<Knex>, close: () => Promise<void>): void {
  beforeAll(async () => {
    db = await open();
    await db.schema.createTable('phone_messages', (t) => {
      t.increments('id');
      t.string('phone');
      t.text('body');
      t.string('status');
      t.integer('attempts');
      t.timestamp('sent_at');
      t.text('error');
      t.string('claimed_by');
      t.timestamp('available_at');
    });
  });
  beforeEach(() => db('phone_messages').delete());
  afterAll(async () => {
    await db.destroy();
    await close();
  });

  describe(`the phone outbox on ${database}`, () => {
    it('sends every message exactly once when several senders run at once', async () => {
      await add(50);
      const senders = [1, 2, 3, 4].map(() => recorder(1));
      const counts = await Promise.all(senders.map((s, i) => deliverPhoneMessages(db, s, { owner: `w${i}`, batch: 7, concurrency: 3 })));
      const sent = senders.flatMap((s) => s.sent);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(50);
      expect(sent).toHaveLength(50);
      expect(new Set(sent).size).toBe(50);
      expect(Number((await db('phone_messages').whereNot({ status: 'sent' }).count('* as n').first())?.n)).toBe(0);
    });

    it("sends a dead sender's message once its lease has run out, not before", async () => {
      await add(1);
      const [held] = await claimPhoneMessages(db, 'dead-worker', 10, 1500);
      const sender = recorder();
      expect(await deliverPhoneMessages(db, sender, { owner: 'alive' })).toBe(0);
      expect(await row(held!.id)).toMatchObject({ status: 'sending', claimed_by: 'dead-worker' });
      await sleep(1600);
      expect(await deliverPhoneMessages(db, sender, { owner: 'alive' })).toBe(1);
      expect(sender.sent).toHaveLength(1);
      expect(await row(held!.id)).toMatchObject({ status: 'sent', attempts: 1, claimed_by: 'alive' });
    });

    it('never lets another sender take a message a live sender holds longer than its lease', async () => {
      await add(3);
      const slow = recorder(2400);
      // A lease of 900 ms, renewed every 300 ms, while each send takes 2.4 s. (The renewal has
      // 600 ms to land: with a tighter lease a loaded CI machine delayed it past the lease.)
      const holding = deliverPhoneMessages(db, slow, { owner: 'slow', leaseMs: 900, concurrency: 3 });
      const other = recorder();
      let stolen = 0;
      for (const started = Date.now(); Date.now() - started < 2800; await sleep(50))
        stolen += await deliverPhoneMessages(db, other, { owner: 'other', leaseMs: 900 });
      expect(await holding).toBe(3);
      expect(stolen).toBe(0);
      expect(other.sent).toEqual([]);
      expect(slow.sent).toHaveLength(3);
    });

    it('keeps a failed message with its reason for a later attempt, and gives up after five', async () => {
      const [{ id }] = await db('phone_messages')
        .insert({ phone: '13900000000', body: '失败测试', status: 'pending', attempts: 0 })
        .returning('id');
      let tries = 0;
      const down: PhoneSender = {
        name: 'down',
        send: async () => {
          tries += 1;
          throw new Error('gateway answered 503');
        },
      };
      // With the default back-off, a failure is not tried again at once.
      expect(await deliverPhoneMessages(db, down, { owner: 'w' })).toBe(0);
      expect(await deliverPhoneMessages(db, down, { owner: 'w' })).toBe(0);
      expect(tries).toBe(1);
      expect(await row(id!)).toMatchObject({ status: 'pending', attempts: 1, error: 'gateway answered 503' });
      // Without waiting, it is tried until the fifth attempt fails.
      await db('phone_messages').where({ id }).update({ available_at: null });
      await deliverPhoneMessages(db, down, { owner: 'w', retryMs: () => 0 });
      expect(tries).toBe(5);
      expect(await row(id!)).toMatchObject({ status: 'failed', attempts: 5 });
      expect(await deliverPhoneMessages(db, down, { owner: 'w', retryMs: () => 0 })).toBe(0);
      expect(tries).toBe(5);
    });
  });
}
