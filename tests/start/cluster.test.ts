// `INSTANCES=2 npm start` on PostgreSQL as an operator runs it: two Directus instances behind
// Debian's nginx, sharing the database, the uploads folder and Redis. What one instance is told
// the other knows at once; a scheduled flow runs once per tick, not once per instance; the rate
// limiter counts both; a killed instance is left out by the proxy and started again. It starts
// on a database prepared as npm start prepares one (tests/setup/prepared-pg.ts); npm start on an
// empty folder is start.test.ts's.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, queuePrefix, readSettings } from '../../directus.config.ts';
import { freePort, pgAdmin } from '../../scripts/lib/local.ts';
import { aptInstall } from '../apt.ts';
import { TEST_PG_URL } from '../setup/directus.ts';
import { PREPARED_ADMIN, preparedSystem } from '../setup/prepared-pg.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'zongzhi-cluster-'));
const dbName = `zongzhi_cluster_${process.pid}_${Date.now()}`;
const ADMIN = PREPARED_ADMIN;
// High enough for the schema apply at start (the system's own commands come from loopback too).
const LIMIT = 400;
let env: Record<string, string>;
let proxy = '';
let instances: string[] = [];
let child: ChildProcess;
let output = '';

function nginxInstalled(): boolean {
  try {
    readFileSync('/usr/sbin/nginx');
    return true;
  } catch {
    return false;
  }
}

async function call(base: string, path: string, init: RequestInit & { token?: string; json?: unknown } = {}) {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  if (init.json !== undefined) headers.set('content-type', 'application/json');
  const res = await fetch(`${base}${path}`, { ...init, headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body });
  const text = await res.text();
  let body: any = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: res.status, body };
}

async function signIn(base: string, email: string, password: string) {
  const r = await call(base, '/auth/login', { method: 'POST', json: { email, password } });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.data as { access_token: string; refresh_token: string };
}

beforeAll(async () => {
  if (!nginxInstalled()) aptInstall(['nginx'], 'install nginx (Debian: apt-get install nginx)');
  await pgAdmin(TEST_PG_URL, `CREATE DATABASE "${dbName}"`);
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${dbName}`;
  await preparedSystem(url.toString(), dataDir);
  const port = await freePort();
  env = {
    DATA_DIR: dataDir,
    DATABASE_URL: url.toString(),
    INSTANCES: '2',
    HOST: '127.0.0.1',
    PORT: String(port),
    ADMIN_PASSWORD: ADMIN.password,
    DEMO: 'false',
    ENFORCE_TFA: 'false',
    RATE_LIMIT_PER_SECOND: String(LIMIT),
    LOG_LEVEL: 'error',
  };
  proxy = `http://127.0.0.1:${port}`;
  instances = [`http://127.0.0.1:${port + 1}`, `http://127.0.0.1:${port + 2}`];
  const own = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(DB_|DATABASE_|DATA_DIR|DEMO|REDIS|INSTANCES)/.test(k)));
  child = spawn(resolve(PROJECT_ROOT, 'node_modules/.bin/node'), ['scripts/start.ts'], { cwd: PROJECT_ROOT, env: { ...own, ...env } });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  await new Promise<void>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`not running after 480 s:\n${output}`)), 480_000);
    child.stdout!.on('data', () => {
      if (output.includes('Press Ctrl-C to stop.')) {
        clearTimeout(timer);
        done();
      }
    });
    child.once('exit', (code) => fail(new Error(`INSTANCES=2 npm start exited with ${code}:\n${output}`)));
  });
}, 500_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGINT');
    await exited;
  }
  await pgAdmin(TEST_PG_URL, `DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('INSTANCES=2 npm start', () => {
  it('runs two instances behind nginx and says where', async () => {
    expect(output).toContain(`instances: 2 Directus on 127.0.0.1:${instances.map((u) => new URL(u).port).join(', ')} behind nginx`);
    for (const base of [proxy, ...instances]) expect((await call(base, '/server/ping')).status).toBe(200);
    // The proxy passes the users' requests on: the app and Studio both answer through it.
    expect((await fetch(`${proxy}/app/`)).status).toBe(200);
  });

  it('reads through one instance at once what was changed through the other: schema and items', async () => {
    const [a, b] = instances as [string, string];
    const admin = (await signIn(a, ADMIN.email, ADMIN.password)).access_token;
    const created = await call(a, '/collections', {
      method: 'POST',
      token: admin,
      json: {
        collection: 'cluster_probes',
        meta: { icon: 'science' },
        schema: {},
        fields: [
          { field: 'id', type: 'integer', meta: { hidden: true }, schema: { is_primary_key: true, has_auto_increment: true } },
          { field: 'label', type: 'string' },
          { field: 'created_at', type: 'timestamp', meta: { special: ['date-created'] } },
        ],
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    // The schema Directus holds in memory: B learns of the new collection from the bus.
    const row = await call(b, '/items/cluster_probes', { method: 'POST', token: admin, json: { label: '经 B 写入' } });
    expect(row.status, JSON.stringify(row.body)).toBe(200);
    const field = await call(a, '/fields/cluster_probes', { method: 'POST', token: admin, json: { field: 'note', type: 'text' } });
    expect(field.status).toBe(200);
    const read = await call(b, `/items/cluster_probes/${row.body.data.id}?fields=id,label,note`, { token: admin });
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    expect(read.body.data).toEqual({ id: row.body.data.id, label: '经 B 写入', note: null });
  });

  it('lets a user use through one instance a right granted through the other', async () => {
    const [a, b] = instances as [string, string];
    const admin = (await signIn(a, ADMIN.email, ADMIN.password)).access_token;
    // A user whose rights are granted through A reads through B at once.
    const policy = await call(a, '/policies', {
      method: 'POST',
      token: admin,
      json: { name: '集群探针', app_access: false, admin_access: false },
    });
    const role = await call(a, '/roles', {
      method: 'POST',
      token: admin,
      json: { name: '集群探针', policies: [{ policy: policy.body.data.id }] },
    });
    const password = 'Probe@2026x';
    const made = await call(a, '/users', {
      method: 'POST',
      token: admin,
      json: { email: 'probe@pukou.gov.cn', password, role: role.body.data.id },
    });
    // A password set by the administrator must first be changed by its owner; this probe account is waived.
    await call(a, `/users/${made.body.data.id}`, { method: 'PATCH', token: admin, json: { must_change_password: false } });
    const user = await signIn(b, 'probe@pukou.gov.cn', password);
    expect((await call(b, '/items/cluster_probes', { token: user.access_token })).status).toBe(403);
    const granted = await call(a, '/permissions', {
      method: 'POST',
      token: admin,
      json: { policy: policy.body.data.id, collection: 'cluster_probes', action: 'read', fields: ['*'] },
    });
    expect(granted.status).toBe(200);
    // B drops its cached rights when A's change reaches it over the bus (Directus's permission cache:
    // a copy in Redis and one in each instance's memory): within moments, not at the same instant.
    const granting = Date.now();
    await expect
      .poll(async () => (await call(b, '/items/cluster_probes', { token: user.access_token })).status, { timeout: 15_000, interval: 100 })
      .toBe(200);
    console.log(`cluster: a right granted through A was used through B after ${Date.now() - granting} ms`);
    const now = await call(b, '/items/cluster_probes', { token: user.access_token });
    expect(now.body.data.map((r: { label: string }) => r.label)).toContain('经 B 写入');
    // And taken back through B, the right is gone through A.
    expect((await call(b, `/permissions/${granted.body.data.id}`, { method: 'DELETE', token: admin })).status).toBe(204);
    await expect
      .poll(async () => (await call(a, '/items/cluster_probes', { token: user.access_token })).status, { timeout: 15_000, interval: 100 })
      .toBe(403);
  });

  it('keeps a session and its refresh token good on either instance, and a used refresh token spent on both', async () => {
    const [a, b] = instances as [string, string];
    const tokens = await signIn(a, ADMIN.email, ADMIN.password);
    expect((await call(b, '/users/me', { token: tokens.access_token })).status).toBe(200);
    const refreshed = await call(b, '/auth/refresh', { method: 'POST', json: { refresh_token: tokens.refresh_token, mode: 'json' } });
    expect(refreshed.status).toBe(200);
    expect((await call(a, '/users/me', { token: refreshed.body.data.access_token })).status).toBe(200);
    expect((await call(a, '/auth/refresh', { method: 'POST', json: { refresh_token: tokens.refresh_token, mode: 'json' } })).status).toBe(
      401,
    );
  });

  it('serves through one instance a file uploaded through the other; a notification is read through either', async () => {
    const [a, b] = instances as [string, string];
    const admin = (await signIn(a, ADMIN.email, ADMIN.password)).access_token;
    const bytes = Buffer.from(`现场照片 ${Date.now()}`);
    const form = new FormData();
    form.append('file', new Blob([bytes], { type: 'text/plain' }), 'photo.txt');
    const uploaded = await call(a, '/files', { method: 'POST', token: admin, body: form });
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(200);
    const served = await fetch(`${b}/assets/${uploaded.body.data.id}`, { headers: { authorization: `Bearer ${admin}` } });
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer())).toEqual(bytes);

    const me = await call(a, '/users/me', { token: admin });
    const sent = await call(a, '/notifications', {
      method: 'POST',
      token: admin,
      json: { recipient: me.body.data.id, subject: '集群通知' },
    });
    expect(sent.status).toBe(200);
    const inbox = await call(b, '/notifications?filter[subject][_eq]=集群通知', { token: admin });
    expect(inbox.body.data).toHaveLength(1);
  });

  it('runs a scheduled flow once per tick, not once per instance', async () => {
    const [a] = instances as [string];
    const admin = (await signIn(a, ADMIN.email, ADMIN.password)).access_token;
    const flow = await call(a, '/flows', {
      method: 'POST',
      token: admin,
      json: { name: '集群定时', status: 'inactive', trigger: 'schedule', options: { cron: '*/2 * * * * *' }, accountability: 'all' },
    });
    expect(flow.status, JSON.stringify(flow.body)).toBe(200);
    const op = await call(a, '/operations', {
      method: 'POST',
      token: admin,
      json: {
        flow: flow.body.data.id,
        name: '写一行',
        key: 'tick',
        type: 'item-create',
        position_x: 19,
        position_y: 1,
        options: { collection: 'cluster_probes', permissions: '$full', payload: { label: 'tick' } },
      },
    });
    expect(op.status).toBe(200);
    await call(a, `/flows/${flow.body.data.id}`, { method: 'PATCH', token: admin, json: { operation: op.body.data.id, status: 'active' } });
    // Counted between a moment after both instances took the flow up and one before it is turned off.
    const from = Date.now() + 3000;
    await new Promise((r) => setTimeout(r, 13_000));
    const to = Date.now() - 500;
    await call(a, `/flows/${flow.body.data.id}`, { method: 'PATCH', token: admin, json: { status: 'inactive' } });
    const ticks = await call(a, '/items/cluster_probes?filter[label][_eq]=tick&fields=created_at&limit=-1', { token: admin });
    const slots = ticks.body.data
      .map((r: { created_at: string }) => Date.parse(r.created_at))
      .filter((at: number) => at >= from && at <= to)
      .map((at: number) => Math.floor(at / 2000));
    expect(slots.length).toBeGreaterThanOrEqual(3);
    expect(new Set(slots).size).toBe(slots.length);
  });

  it('counts one client’s requests to both instances against one limit, in Redis under the installation’s prefix', async () => {
    const [a, b] = instances as [string, string];
    // Requests from the loopback proxy speak for the address they name (TRUST_PROXY=loopback).
    const client = { 'x-forwarded-for': `10.16.${Math.floor(Math.random() * 250)}.7` };
    const settings = readSettings({ DATA_DIR: dataDir, DATABASE_URL: env.DATABASE_URL, INSTANCES: '2' });
    const redis = new Redis('redis://127.0.0.1:6379/0');
    try {
      await Promise.all(Array.from({ length: 10 }, (_, i) => fetch(`${i % 2 ? b : a}/server/ping`, { headers: client })));
      const counted = await redis.get(`${queuePrefix(settings)}:rate:${client['x-forwarded-for']}`);
      expect(Number(counted)).toBe(10);
    } finally {
      redis.disconnect();
    }
    // The limit holds across both: requests to A until A refuses, then at once one to B, which has
    // never seen this client. The window is one second and a loaded machine may cross into the next
    // between the two; A asked again tells which (it answers again only in a new window), and the
    // try repeats with another client. B answering while A still refuses would be two counters.
    for (let attempt = 0; ; attempt++) {
      const other = { 'x-forwarded-for': `10.17.${attempt}.${1 + Math.floor(Math.random() * 250)}` };
      let refusedByA = false;
      for (let batches = 0; !refusedByA && batches < 4; batches++) {
        const batch = await Promise.all(Array.from({ length: LIMIT }, () => fetch(`${a}/server/ping`, { headers: other })));
        refusedByA = batch.some((r) => r.status === 429);
      }
      expect(refusedByA).toBe(true);
      const [thenB, againA] = await Promise.all([
        fetch(`${b}/server/ping`, { headers: other }),
        fetch(`${a}/server/ping`, { headers: other }),
      ]);
      if (thenB.status === 429) break;
      expect(againA.status, 'B answered while A still refused the same client').toBe(200);
      expect(attempt, 'the window turned over between A and B on every try').toBeLessThan(4);
    }
  });

  it('keeps answering through the proxy when an instance is killed, and starts that instance again', async () => {
    const [, b] = instances as [string, string];
    const pid = Number(readFileSync(join(dataDir, 'cluster', 'directus-2.pid'), 'utf8'));
    const admin = (await signIn(proxy, ADMIN.email, ADMIN.password)).access_token;
    process.kill(pid, 'SIGKILL');
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      statuses.push((await call(proxy, '/items/cluster_probes', { method: 'POST', token: admin, json: { label: `故障 ${i}` } })).status);
    }
    expect(statuses.every((s) => s === 200)).toBe(true);
    const stored = await call(proxy, '/items/cluster_probes?filter[label][_starts_with]=故障&aggregate[count]=id', { token: admin });
    expect(Number(stored.body.data[0].count.id)).toBe(20);
    // B answers again, as a new process: the start script notes its pid once it is ready, a moment after it answers.
    const pidNow = () => Number(readFileSync(join(dataDir, 'cluster', 'directus-2.pid'), 'utf8'));
    await expect
      .poll(async () => ({ ping: (await call(b, '/server/ping').catch(() => ({ status: 0 }))).status, newProcess: pidNow() !== pid }), {
        timeout: 120_000,
        interval: 1000,
      })
      .toEqual({ ping: 200, newProcess: true });
    expect(output).toMatch(/directus 2: stopped \(SIGKILL\); starting it again/);
  });
});
