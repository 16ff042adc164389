// Reminders on the real Redis queue with shortened deadlines: each milestone is
// reminded once, in-app and by phone; a closed matter is not reminded; a
// flushed Redis loses nothing because the scan (every 2 s here) restores it.

import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import { PROJECT_ROOT } from '../../directus.config.ts';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { login, loginAdmin, waitFor, type Session } from '../http.ts';

let admin: Session, grid: Session, community: Session;
let category: number;
let staffId: string;

const soon = (ms: number) => new Date(Date.now() + ms).toISOString();

async function report(title: string): Promise<number> {
  const answer = await grid.post('/matters/report', {
    type: 'event_report',
    title,
    category,
    urgency: 'extra_urgent',
    description: '测试提醒',
  });
  expect(answer.status).toBe(200);
  return answer.body.data.id;
}

/** Shortens a matter's deadlines, as an administrator could correct them. */
async function shorten(id: number, signMs: number, dueMs: number) {
  const answer = await admin.patch(`/items/matters/${id}`, { sign_due_at: soon(signMs), due_at: soon(dueMs) });
  expect(answer.status).toBe(200);
}

async function reminders(id: number): Promise<{ kind: string; recipients: number }[]> {
  return (await admin.get(`/items/matter_reminders?filter[matter][_eq]=${id}&fields=kind,recipients&sort=due_at&limit=-1`)).body.data;
}

/** What the queue holds for a matter, its deadlines, and the worker's log since `since`: for a failure's message. */
async function diagnosis(redis: Redis, prefix: string, matter: number, since: number): Promise<string> {
  const keys = await redis.keys(`${prefix}:*`);
  const ofMatter = [];
  for (const key of keys.slice(0, 5000))
    if ((await redis.type(key)) === 'hash' && String(await redis.hget(key, 'data')).includes(`"matter":${matter},`)) ofMatter.push(key);
  const row = (await admin.get(`/items/matters/${matter}?fields=status,sign_due_at,due_at,yellow_at`)).body.data;
  const log = join(PROJECT_ROOT, '.test-data', `directus-${inject('database')}-worker.log`);
  const tail = existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-40).join('\n') : '(no worker log)';
  return [
    `${Math.round((Date.now() - since) / 1000)} s after the flush; ${keys.length} queue keys, the matter's jobs: ${ofMatter.join(', ') || 'none'}`,
    `the matter: ${JSON.stringify(row)}`,
    `the worker's log, last lines:\n${tail}`,
  ].join('\n');
}

beforeAll(async () => {
  admin = await loginAdmin();
  grid = await login('grid-gridworker@pukou.gov.cn');
  community = await login('community-staff@pukou.gov.cn');
  category = (await admin.get('/items/matter_categories?limit=1&fields=id')).body.data[0].id;
  staffId = (await community.get('/users/me?fields=id')).body.data.id;
  await admin.patch(`/users/${staffId}`, { phone: '13912345678' });
});

describe('reminders', () => {
  it('reminds each milestone once, in-app and by phone', async () => {
    const id = await report('提醒测试：楼道堵塞');
    await shorten(id, 1500, 4000);
    const sent = await waitFor(
      () => reminders(id),
      (r) => r.length >= 4,
    );
    expect(sent.map((r) => r.kind)).toEqual(['sign_due', 'half', 'three_quarters', 'due']);
    for (const r of sent) expect(r.recipients).toBeGreaterThan(0);

    // Besides the notice that the report arrived (新事件上报待受理), one per milestone.
    const notifications = (
      await community.get(
        `/notifications?filter[item][_eq]=${id}&filter[collection][_eq]=matters&filter[subject][_neq]=${encodeURIComponent('新事件上报待受理')}&fields=subject,message`,
      )
    ).body.data;
    expect(notifications).toHaveLength(4);
    expect(notifications[0].message).toContain('提醒测试：楼道堵塞');
    // Worded by the seeded templates.
    expect(notifications.map((n: { subject: string }) => n.subject).sort()).toEqual(
      ['办理即将到期', '办理已到期', '办理时限过半', '事项待签收'].sort(),
    );
    const phones = (await admin.get(`/items/phone_messages?filter[reminder][matter][_eq]=${id}&fields=phone,status`)).body.data;
    expect(phones).toHaveLength(4);
    for (const p of phones) expect(p).toEqual({ phone: '13912345678', status: 'sent' });

    // Several scans later, still exactly once each.
    await new Promise((r) => setTimeout(r, 5000));
    expect(await reminders(id)).toHaveLength(4);
  });

  it('sends the phone notice of a new report at once, without waiting for a reminder', async () => {
    const started = Date.now();
    const id = await report('提醒测试：到达通知');
    const arrival = () =>
      admin.get(
        `/items/phone_messages?filter[recipient][_eq]=${staffId}&filter[body][_contains]=${encodeURIComponent('提醒测试：到达通知')}&fields=status,reminder,sent_at`,
      );
    const [notice] = (await waitFor(arrival, (a) => a.body.data[0]?.status === 'sent', 10_000)).body.data;
    expect(notice.reminder).toBeNull();
    // Woken through Redis by the report, not by the outbox's 5-second timer nor a reminder (the first is 30 minutes away).
    expect(Date.parse(notice.sent_at) - started).toBeLessThan(3000);
    expect(await reminders(id)).toEqual([]);
  });

  it("sends a message a dead sender left 'sending' once its lease has run out, once", async () => {
    const leaseEnd = Date.now() + 5000;
    const created = await admin.post('/items/phone_messages', {
      phone: '13912345678',
      body: '租约测试',
      status: 'sending',
      claimed_by: 'dead-worker',
      available_at: new Date(leaseEnd).toISOString(),
      attempts: 0,
    });
    expect(created.status).toBe(200);
    const message = () => admin.get(`/items/phone_messages/${created.body.data.id}?fields=status,claimed_by,attempts,sent_at`);
    await new Promise((r) => setTimeout(r, 1500));
    expect((await message()).body.data).toMatchObject({ status: 'sending', claimed_by: 'dead-worker', attempts: 0 });
    const sent = (await waitFor(message, (m) => m.body.data.status === 'sent', 15_000)).body.data;
    expect(sent.claimed_by).toContain(`:${inject('worker').pid}:`);
    expect(sent.attempts).toBe(1);
    expect(Date.parse(sent.sent_at)).toBeGreaterThanOrEqual(leaseEnd);
  });

  it('does not remind a matter that was closed', async () => {
    const id = await report('提醒测试：已办结');
    const version = (await admin.get(`/items/matters/${id}?fields=version`)).body.data.version;
    expect((await community.post(`/matters/${id}/transition`, { action: 'return', version, opinion: '重复上报' })).status).toBe(200);
    expect((await grid.post(`/matters/${id}/transition`, { action: 'close', version: version + 1 })).status).toBe(200);
    await shorten(id, 500, 1500);
    await new Promise((r) => setTimeout(r, 5000));
    expect(await reminders(id)).toEqual([]);
  });

  it('restores every reminder after Redis lost all jobs', async () => {
    const id = await report('提醒测试：Redis 清空');
    await shorten(id, 3000, 6000);
    const { queuePrefix, queueRedisUrl } = inject('directus');
    const redis = new Redis(queueRedisUrl);
    const keys = await redis.keys(`${queuePrefix}:*`);
    expect(keys.length).toBeGreaterThan(0);
    for (let i = 0; i < keys.length; i += 500) await redis.del(...keys.slice(i, i + 500));
    const flushed = Date.now();
    // A full run loads the machine and the worker's scans: a minute, not the 6 s the deadlines take.
    const sent = await waitFor(
      () => reminders(id),
      (r) => r.length >= 4,
      60_000,
    );
    // A failure says what the queue and the worker were doing (read before the test ends).
    const why = sent.length >= 4 ? '' : await diagnosis(redis, queuePrefix, id, flushed);
    await redis.quit();
    expect(sent.map((r) => r.kind).sort(), why).toEqual(['due', 'half', 'sign_due', 'three_quarters']);
  });

  it('loses nothing and sends nothing twice when the worker is killed and restarted', async () => {
    const id = await report('提醒测试：进程重启');
    await shorten(id, 2000, 5000);
    const first = await waitFor(
      () => reminders(id),
      (r) => r.length >= 1,
      10_000,
    );
    expect(first.length).toBeGreaterThanOrEqual(1);

    // Kill it hard while milestones are still ahead, let them pass, then restart.
    const { pid, env } = inject('worker');
    process.kill(pid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 6000));
    expect((await reminders(id)).length).toBeLessThan(4);
    const restarted = spawn(resolve(PROJECT_ROOT, 'node_modules/.bin/node'), [resolve(PROJECT_ROOT, 'scripts/worker.ts')], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...env },
      stdio: 'ignore',
    });
    // It stays on for the files after this one; the global teardown stops it.
    writeFileSync(join(inject('directus').dataDir, 'restarted-worker.pid'), String(restarted.pid));

    const sent = await waitFor(
      () => reminders(id),
      (r) => r.length >= 4,
      30_000,
    );
    expect(sent.map((r) => r.kind).sort()).toEqual(['due', 'half', 'sign_due', 'three_quarters']);
    const phones = (await admin.get(`/items/phone_messages?filter[reminder][matter][_eq]=${id}&aggregate[count]=*`)).body.data;
    expect(Number(phones[0].count)).toBe(4);
  });
});
