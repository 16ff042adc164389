// Who is told and what is written, on a real SQLite file with the three tables the
// notice touches (the integration suite runs every caller on both databases).

import knex, { type Knex } from 'knex';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LEADING_JOBS, notificationRows, notify, phoneRows, type Notice } from './notify.ts';

const now = new Date('2026-12-01T02:00:00Z');
const notice = (over: Partial<Notice> = {}): Notice => ({
  units: [1],
  subject: '新事件上报待受理',
  body: '【综治】请及时处理。',
  about: { collection: 'matters', item: 42 },
  phone: true,
  now,
  ...over,
});

describe('the rows of a notice', () => {
  const people = [
    { id: 'a', phone: '13900000001' },
    { id: 'b', phone: null },
    { id: 'c', phone: '  ' },
  ];

  it('gives each recipient a notification linked to the item', () => {
    expect(notificationRows(people, notice())).toEqual(
      ['a', 'b', 'c'].map((recipient) => ({
        recipient,
        subject: '新事件上报待受理',
        message: '【综治】请及时处理。',
        collection: 'matters',
        item: '42',
        status: 'inbox',
        timestamp: now,
      })),
    );
  });

  it('sends a phone message to those with a number, only when the notice goes by phone', () => {
    expect(phoneRows(people, notice({ reminder: 7 }))).toEqual([
      { recipient: 'a', phone: '13900000001', body: '【综治】请及时处理。', status: 'pending', reminder: 7, attempts: 0 },
    ]);
    expect(phoneRows(people, notice({ phone: false }))).toEqual([]);
  });
});

describe('notify on a database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zongzhi-notify-'));
  let db: Knex;

  beforeAll(async () => {
    db = knex({ client: 'sqlite3', connection: { filename: join(dir, 'notify.db') }, useNullAsDefault: true });
    await db.schema.createTable('directus_users', (t) => {
      t.string('id').primary();
      t.integer('unit');
      t.string('status');
      t.string('job');
      t.string('phone');
    });
    await db.schema.createTable('directus_notifications', (t) => {
      t.increments('id');
      t.string('recipient');
      t.string('subject');
      t.text('message');
      t.string('collection');
      t.string('item');
      t.string('status');
      t.timestamp('timestamp');
    });
    await db.schema.createTable('phone_messages', (t) => {
      t.increments('id');
      t.string('recipient');
      t.string('phone');
      t.text('body');
      t.string('status');
      t.integer('reminder');
      t.integer('attempts');
    });
    await db('directus_users').insert([
      { id: 'head-1', unit: 1, status: 'active', job: 'head', phone: '13900000001' },
      { id: 'staff-1', unit: 1, status: 'active', job: 'staff', phone: null },
      { id: 'gone-1', unit: 1, status: 'suspended', job: 'staff', phone: '13900000003' },
      { id: 'leader-2', unit: 2, status: 'active', job: 'leader', phone: '13900000004' },
      { id: 'other-3', unit: 3, status: 'active', job: 'staff', phone: '13900000005' },
    ]);
  });
  beforeEach(async () => {
    await db('directus_notifications').delete();
    await db('phone_messages').delete();
  });
  afterAll(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const told = async () => ({
    app: (await db('directus_notifications').orderBy('recipient').pluck('recipient')) as string[],
    phone: (await db('phone_messages').orderBy('recipient').pluck('recipient')) as string[],
  });

  it('tells the active users of the units, in the app and by phone where they have a number', async () => {
    expect(await notify(db, notice({ units: [1, 2] }))).toBe(3);
    expect(await told()).toEqual({ app: ['head-1', 'leader-2', 'staff-1'], phone: ['head-1', 'leader-2'] });
  });

  it('leaves out the user whose step it is, and users of other jobs when jobs are named', async () => {
    expect(await notify(db, notice({ units: [1, 2], exceptUser: 'staff-1' }))).toBe(2);
    await db('directus_notifications').delete();
    await db('phone_messages').delete();
    expect(await notify(db, notice({ units: [1, 2], jobs: LEADING_JOBS }))).toBe(2);
    expect(await told()).toEqual({ app: ['head-1', 'leader-2'], phone: ['head-1', 'leader-2'] });
  });

  it('writes nothing for a unit without active users, and all of many units in batches', async () => {
    expect(await notify(db, notice({ units: [99] }))).toBe(0);
    expect(await told()).toEqual({ app: [], phone: [] });
    // 1,200 units: more than one look-up of users and one insert per batch.
    expect(await notify(db, notice({ units: Array.from({ length: 1200 }, (_, i) => i + 1), phone: false }))).toBe(4);
    expect(await told()).toEqual({ app: ['head-1', 'leader-2', 'other-3', 'staff-1'], phone: [] });
  });
});
