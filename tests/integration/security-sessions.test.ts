// Suspended means out, logging out means out (security issue, family 6): an access
// token stops working the moment its account is suspended, its password reset or its
// user logs out — not 15 minutes later — for bearer tokens and the app's session
// cookie alike, and each event is in the security audit log.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../schema/access.ts';
import { systemDatabase } from '../database.ts';
import { baseUrl, createReadyUser, errorMessage, loginAdmin, unitIds, waitFor, type Session } from '../http.ts';

const PASSWORD = 'Pukou@2026!s';
const STAMP = Date.now().toString(36);
let admin: Session;
let ids: Map<string, number>;
let db: ReturnType<typeof systemDatabase>;

/** A grid worker of this file's own, with a fresh account. */
async function account(name: string): Promise<{ id: string; email: string }> {
  const email = `sess-${name}-${STAMP}@pukou.gov.cn`;
  const made = await createReadyUser(admin, {
    email,
    password: PASSWORD,
    role: ROLES.find((r) => r.key === 'grid-grid_worker')!.id,
    unit: ids.get('/320111/S01/C001/G01/'),
    status: 'active',
  });
  expect(made.status, JSON.stringify(made.body)).toBe(200);
  return { id: made.body.data.id, email };
}

async function signIn(email: string, mode: 'json' | 'session' = 'json') {
  const res = await fetch(`${baseUrl()}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD, mode }),
  });
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(200);
  return {
    token: body.data?.access_token as string | undefined,
    refresh: body.data?.refresh_token as string | undefined,
    cookie: res.headers.get('set-cookie'),
  };
}

async function asBearer(token: string, path: string, init: RequestInit = {}) {
  const res = await fetch(baseUrl() + path, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } });
  return { status: res.status, body: await res.json().catch(() => null) };
}

/** Waits for the start of the next whole second (tokens carry their issue time in seconds). */
const nextSecond = () => new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 20));

const auditRows = async (action: string, item: string) =>
  (await db('audit_log').where({ action }).select('item_ids', 'actor')).filter(
    (r) => JSON.stringify(r.item_ids ?? '').includes(item) || r.actor === item,
  );

beforeAll(async () => {
  admin = await loginAdmin();
  ids = await unitIds(admin);
  db = systemDatabase();
});

afterAll(async () => {
  await db?.destroy();
});

describe('suspended means out', () => {
  it('a bearer token stops at once when the account is suspended, and stays stopped after it is active again', async () => {
    const { id, email } = await account('suspend');
    const { token } = await signIn(email);
    expect((await asBearer(token!, '/users/me?fields=id')).status).toBe(200);
    const matters = Number((await admin.get('/items/matters?aggregate[count]=*')).body.data[0].count);

    expect((await admin.patch(`/users/${id}`, { status: 'suspended' })).status).toBe(200);
    const refused = await asBearer(token!, '/items/people?limit=1&fields=id_number');
    expect(refused.status).toBe(401);
    expect(refused.body.errors[0].message).toContain('账号已停用');
    const report = await asBearer(token!, '/matters/report', {
      method: 'POST',
      body: JSON.stringify({ type: 'event_report', title: '停用后上报', category: 1, description: '不应保存' }),
    });
    expect(report.status).toBe(401);
    expect(Number((await admin.get('/items/matters?aggregate[count]=*')).body.data[0].count)).toBe(matters);
    expect(
      await waitFor(
        () => auditRows('user_changed', id),
        (rows) => rows.length > 0,
        5_000,
      ),
    ).not.toHaveLength(0);

    // Active again: the old token stays revoked, a new login works (tokens carry their issue
    // time to the second: one issued in the second of the suspension waits that second out).
    expect((await admin.patch(`/users/${id}`, { status: 'active' })).status).toBe(200);
    expect((await asBearer(token!, '/users/me')).status).toBe(401);
    await nextSecond();
    const again = await signIn(email);
    expect((await asBearer(again.token!, '/users/me?fields=id')).status).toBe(200);
  });

  it('the app’s session cookie ends with the suspension too', async () => {
    const { id, email } = await account('cookie');
    const { cookie } = await signIn(email, 'session');
    const session = cookie!.split(';')[0]!;
    const read = () => fetch(`${baseUrl()}/users/me?fields=id`, { headers: { cookie: session } }).then((r) => r.status);
    expect(await read()).toBe(200);
    expect((await admin.patch(`/users/${id}`, { status: 'archived' })).status).toBe(200);
    expect(await read()).toBe(401);
  });

  it('a password reset by an administrator ends the account’s tokens', async () => {
    const { id, email } = await account('reset');
    const { token } = await signIn(email);
    expect((await admin.patch(`/users/${id}`, { password: 'Pukou@2026!t' })).status).toBe(200);
    const refused = await asBearer(token!, '/users/me');
    expect(refused.status).toBe(401);
    expect(
      await waitFor(
        () => auditRows('password_reset', id),
        (rows) => rows.length > 0,
        5_000,
      ),
    ).not.toHaveLength(0);
  });
});

describe('logging out means out', () => {
  it('the access token of a logged-out user no longer works; the logout is in the audit log', async () => {
    const { id, email } = await account('logout');
    const { token, refresh } = await signIn(email);
    expect((await asBearer(token!, '/users/me?fields=id')).status).toBe(200);
    const out = await fetch(`${baseUrl()}/auth/logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refresh_token: refresh, mode: 'json' }),
    });
    expect(out.status).toBe(204);
    const refused = await asBearer(token!, '/users/me');
    expect(refused.status).toBe(401);
    expect(errorMessage({ status: refused.status, body: refused.body })).toContain('重新登录');
    // The audit row is written just after the answer.
    const logged = () => db('audit_log').where({ action: 'logout', actor: id }).count({ n: '*' });
    expect(Number((await waitFor(logged, (rows) => Number(rows[0]!.n) > 0, 5_000))[0]!.n)).toBeGreaterThan(0);
    // Signing in again works (after the second of the logout).
    await nextSecond();
    const again = await signIn(email);
    expect((await asBearer(again.token!, '/users/me?fields=id')).status).toBe(200);
  });
});
