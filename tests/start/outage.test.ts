// PostgreSQL restarted under a running system: while it is down every request is answered
// 503 with a Chinese message and Retry-After (the phone and the app send again), not 500;
// once it is back the system answers again by itself, without a restart, and what was
// stored before is there. On a PostgreSQL server of the test's own (initdb in a temporary
// folder), so that stopping it touches no other test, holding a prepared system
// (tests/setup/prepared-pg.ts).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSettings } from '../../directus.config.ts';
import { OUTAGE_MESSAGES } from '../../extensions/kernel/outage.ts';
import { freePort, pgAdmin } from '../../scripts/lib/local.ts';
import { privatePostgres, type PrivateServer } from '../../scripts/lib/private-servers.ts';
import { startSystem, stopSystem, type System } from '../../scripts/lib/system.ts';
import { PREPARED_ADMIN, preparedSystem, signIn } from '../setup/prepared-pg.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'zongzhi-outage-'));
const ADMIN = PREPARED_ADMIN;
let postgres: PrivateServer;
let system: System;
let base = '';
let token = '';

async function call(path: string, init: { method?: string; json?: unknown } = {}) {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}${path}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json().catch(() => null)) as any };
}

beforeAll(async () => {
  postgres = await privatePostgres();
  await pgAdmin(postgres.url, 'CREATE DATABASE zongzhi');
  const url = new URL(postgres.url);
  url.pathname = '/zongzhi';
  await preparedSystem(url.toString(), dataDir);
  const settings = readSettings({
    DATA_DIR: dataDir,
    DATABASE_URL: url.toString(),
    HOST: '127.0.0.1',
    PORT: String(await freePort()),
    DEMO: 'false',
    ENFORCE_TFA: 'false',
    ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: 'fatal',
  });
  system = await startSystem(settings);
  base = system.directus.url;
  token = await signIn(base, ADMIN);
}, 400_000);

afterAll(async () => {
  if (system) await stopSystem(system);
  await postgres?.remove();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('PostgreSQL restarted under a running system', () => {
  it('answers 503 in Chinese while the database is down, and again by itself once it is back', async () => {
    const made = await call('/users', { method: 'POST', json: { email: 'before@pukou.gov.cn', first_name: '停库前' } });
    expect(made.status, JSON.stringify(made.body)).toBe(200);

    await postgres.crash();
    for (const request of [call('/items/units'), call('/users', { method: 'POST', json: { email: 'down@pukou.gov.cn' } })]) {
      const answer = await request;
      expect(answer.status, JSON.stringify(answer.body)).toBe(503);
      expect(answer.retryAfter).toBe('3');
      expect(answer.body.errors[0].message).toBe(OUTAGE_MESSAGES.unavailable);
      expect(answer.body.errors[0].extensions.code).toBe('DATABASE_UNAVAILABLE');
    }

    await postgres.start();
    const back = Date.now();
    await expect.poll(async () => (await call('/items/units')).status, { timeout: 30_000, interval: 250 }).toBe(200);
    console.log(`outage: answering again ${Date.now() - back} ms after PostgreSQL was back`);
    const kept = await call('/users?filter[email][_eq]=before@pukou.gov.cn&fields=first_name');
    expect(kept.body.data).toEqual([{ first_name: '停库前' }]);
    expect((await call('/users', { method: 'POST', json: { email: 'after@pukou.gov.cn' } })).status).toBe(200);
  });
});
