// `npm start` as a first user runs it: on an empty data folder it bootstraps,
// applies the schema, seeds the demo data and prints where to log in; Ctrl-C
// stops every process; a second start keeps the data.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, PROJECT_ROOT } from '../../directus.config.ts';
import { freePort } from '../../scripts/lib/local.ts';
import { ALL_DEMO_USERS } from '../../seed/demo-users.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'zongzhi-start-'));
let port = 0;

/** Runs `npm start` until it prints that it is running; returns the process and its output. */
function start(): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(resolve(PROJECT_ROOT, 'node_modules/.bin/node'), ['scripts/start.ts'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'error' },
  });
  let text = '';
  child.stdout!.on('data', (d) => (text += d));
  child.stderr!.on('data', (d) => (text += d));
  return new Promise((done, fail) => {
    // A first start migrates and seeds a new database with the living demo district: ≈ 2 min alone,
    // three times that beside the two integration servers seeding theirs on a two-core machine.
    const timer = setTimeout(() => fail(new Error(`not running after 480 s:\n${text}`)), 480_000);
    child.stdout!.on('data', () => {
      if (text.includes('Press Ctrl-C to stop.')) {
        clearTimeout(timer);
        done({ child, output: () => text });
      }
    });
    child.once('exit', (code) => fail(new Error(`npm start exited with ${code}:\n${text}`)));
  });
}

async function stop(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  child.kill('SIGINT');
  return exited;
}

async function answers(): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/server/ping`)).ok;
  } catch {
    return false;
  }
}

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('npm start', () => {
  it('starts a demo system on an empty data folder, stops on Ctrl-C and keeps its data', { timeout: 660_000 }, async () => {
    port = await freePort();
    const first = await start();
    expect(first.output()).toContain(`Studio (数据模型与权限管理): http://localhost:${port}/admin`);
    expect(first.output()).toContain('网格·网格员');
    expect(first.output()).toContain(`demo users added: ${ALL_DEMO_USERS.length}`);

    const login = await fetch(`http://127.0.0.1:${port}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'grid-gridworker@pukou.gov.cn', password: DEMO_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const token = (await login.json()).data.access_token;
    const created = await fetch(`http://127.0.0.1:${port}/items/activity_records`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ title: '夜间巡逻', activity_type: 'patrol', occurred_on: '2026-11-26' }),
    });
    expect(created.status).toBe(200);

    expect(await stop(first.child)).toBe(0);
    expect(await answers()).toBe(false);

    const second = await start();
    expect(second.output()).toContain('schema: up to date');
    expect(second.output()).not.toContain('demo users added');
    const admin = await fetch(`http://127.0.0.1:${port}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@pukou.gov.cn', password: DEMO_PASSWORD }),
    });
    const adminToken = (await admin.json()).data.access_token;
    const kept = await fetch(`http://127.0.0.1:${port}/items/activity_records?filter[title][_eq]=夜间巡逻`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect((await kept.json()).data).toHaveLength(1);
    expect(await stop(second.child)).toBe(0);
    expect(await answers()).toBe(false);
  });

  it('refuses unknown and invalid settings with a clear message', async () => {
    const child = spawn(resolve(PROJECT_ROOT, 'node_modules/.bin/node'), ['scripts/start.ts'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, DATA_DIR: dataDir, PORT: 'eighty', DB_CLEINT: 'pg' },
    });
    let text = '';
    child.stderr!.on('data', (d) => (text += d));
    const code = await new Promise((done) => child.once('exit', done));
    expect(code).toBe(1);
    expect(text).toContain('配置有误 / invalid settings');
    expect(text).toContain('PORT=eighty');
    expect(text).toContain('DB_CLEINT: unknown setting');
  });
});
