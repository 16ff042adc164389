// The outbox against a real SQLite file: concurrent deliveries send each message once.

import knex from 'knex';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverPhoneMessages, type PhoneSender } from './phone.ts';

const db = knex({ client: 'sqlite3', connection: { filename: join(mkdtempSync(join(tmpdir(), 'zongzhi-phone-')), 'outbox.db') }, useNullAsDefault: true });

beforeAll(async () => {
  await db.schema.createTable('phone_messages', (t) => {
    t.increments('id');
    t.string('phone');
    t.text('body');
    t.string('status');
    t.integer('attempts');
    t.timestamp('sent_at');
    t.text('error');
  });
  await db('phone_messages').insert(Array.from({ length: 50 }, (_, i) => ({ phone: `1391234${String(i).padStart(4, '0')}`, body: `提醒 ${i}`, status: 'pending', attempts: 0 })));
});

afterAll(() => db.destroy());

describe('the phone outbox', () => {
  it('sends every message exactly once when several deliveries run at once', async () => {
    const sent: string[] = [];
    const sender: PhoneSender = { name: 'test', send: async (phone) => void sent.push(phone) };
    const counts = await Promise.all([1, 2, 3, 4].map(() => deliverPhoneMessages(db, sender)));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(50);
    expect(sent).toHaveLength(50);
    expect(new Set(sent).size).toBe(50);
    expect(await db('phone_messages').whereNot({ status: 'sent' }).count('* as n').first()).toEqual({ n: 0 });
  });

  it('keeps a failed message pending with its reason, and gives up after five attempts', async () => {
    const [id] = await db('phone_messages').insert({ phone: '13900000000', body: '失败测试', status: 'pending', attempts: 0 });
    const failing: PhoneSender = { name: 'down', send: async () => Promise.reject(new Error('gateway answered 503')) };
    for (let i = 0; i < 4; i++) await deliverPhoneMessages(db, failing);
    expect(await db('phone_messages').where({ id }).first('status', 'attempts', 'error')).toEqual({ status: 'pending', attempts: 4, error: 'gateway answered 503' });
    await deliverPhoneMessages(db, failing);
    expect(await db('phone_messages').where({ id }).first('status', 'attempts')).toEqual({ status: 'failed', attempts: 5 });
  });
});
