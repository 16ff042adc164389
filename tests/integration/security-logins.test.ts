// Failed logins (issue 11 family 7, 等保 2.0 三级 登录失败处理): five wrong passwords
// lock an account for fifteen minutes — not for good — and it says until when, in
// Chinese, whatever password comes next; the unit's system administrator is told
// and may unlock it; an address that fails too often waits, whichever account it
// names; every login, failure and lock is in the security audit log; the numbers
// are settings the district's system administrator changes.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../schema/access.ts';
import { SECURITY_DEFAULTS } from '../../schema/collections/security-settings.ts';
import { DEMO_PASSWORD } from '../../directus.config.ts';
import { systemDatabase } from '../database.ts';
import { baseUrl, createReadyUser, errorMessage, login, loginAdmin, unitIds, waitFor, type Session } from '../http.ts';

const PASSWORD = 'Pukou@2026!l';
const STAMP = Date.now().toString(36);
let admin: Session;
let districtSysadmin: Session;
let communitySysadmin: Session;
let ids: Map<string, number>;
let db: ReturnType<typeof systemDatabase>;
const made: string[] = [];

/** A documentation address of this run (the test server believes X-Forwarded-For from loopback, as from a proxy on the host). */
const address = () => `198.51.100.${Math.floor(Math.random() * 250) + 1}`;

async function attempt(email: string, password: string, from: string) {
  const res = await fetch(`${baseUrl()}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
    body: JSON.stringify({ email, password }),
  });
  const body = await res.json().catch(() => null);
  return { status: res.status, body };
}

async function account(name: string): Promise<{ id: string; email: string }> {
  const email = `lock-${name}-${STAMP}@pukou.gov.cn`;
  const answer = await createReadyUser(admin, {
    email,
    password: PASSWORD,
    first_name: name,
    last_name: '锁',
    role: ROLES.find((r) => r.key === 'community-staff')!.id,
    unit: ids.get('/320111/S01/C001/'),
    status: 'active',
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  made.push(answer.body.data.id);
  return { id: answer.body.data.id, email };
}

const lockedUntil = async (id: string) => (await admin.get(`/users/${id}?fields=locked_until,status`)).body.data;
const audit = (email: string) => db('audit_log').where({ actor_email: email }).orderBy('id').select('action', 'outcome', 'ip', 'detail');

async function settle(settings: Partial<typeof SECURITY_DEFAULTS>) {
  const answer = await districtSysadmin.patch('/items/security_settings', settings);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  // Each instance trusts the settings it read for 3 s.
  await new Promise((r) => setTimeout(r, 3_100));
}

beforeAll(async () => {
  admin = await loginAdmin();
  ids = await unitIds(admin);
  [districtSysadmin, communitySysadmin] = await Promise.all([
    login('district-sysadmin@pukou.gov.cn'),
    login('community-sysadmin@pukou.gov.cn'),
  ]);
  db = systemDatabase();
});

afterAll(async () => {
  await districtSysadmin.patch('/items/security_settings', SECURITY_DEFAULTS);
  if (made.length) await admin.send('DELETE', '/users', JSON.stringify(made));
  await db.destroy();
});

describe('an account that fails', () => {
  it('is locked for fifteen minutes at the fifth wrong password, says until when, stays active, and the unit’s administrator is told', async () => {
    const user = await account('five');
    const from = address();
    for (let i = 0; i < 5; i++) {
      const answer = await attempt(user.email, `Wrong@2026-${i}`, from);
      expect(answer.status).toBe(401);
    }
    const state = await waitFor(
      () => lockedUntil(user.id),
      (u) => u.locked_until !== null,
    );
    expect(state.status).toBe('active');
    const until = new Date(state.locked_until).getTime();
    expect(until - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(until - Date.now()).toBeLessThanOrEqual(15 * 60_000);

    // The right password now: refused, with the time in Beijing.
    const right = await attempt(user.email, PASSWORD, from);
    expect(right.status).toBe(401);
    expect(right.body.errors[0].extensions.code).toBe('ACCOUNT_LOCKED');
    expect(right.body.errors[0].message).toMatch(/^账号因连续 5 次登录失败已被锁定，请于 \d{4}-\d\d-\d\d \d\d:\d\d 后再试/);
    expect((await lockedUntil(user.id)).status).toBe('active');

    const rows = await waitFor(
      () => audit(user.email),
      (r) => r.length >= 7,
    );
    expect(rows.map((r) => `${r.action}/${r.outcome}`)).toEqual([
      ...Array(5).fill('login_failed/failure'),
      'account_locked/success',
      'login_failed/refused',
    ]);
    expect(rows.every((r) => r.ip === from)).toBe(true);

    const told = await waitFor(
      () => admin.get(`/notifications?filter[item][_eq]=${user.id}&filter[collection][_eq]=directus_users&fields=subject,recipient.email`),
      (a) => a.body.data.length > 0,
    );
    expect(told.body.data).toContainEqual({ subject: `账号锁定：锁five`, recipient: { email: 'community-sysadmin@pukou.gov.cn' } });
  });

  it('is unlocked by its unit’s system administrator, and the next success clears its count', async () => {
    const user = await account('unlock');
    const from = address();
    for (let i = 0; i < 5; i++) await attempt(user.email, `Wrong@2026-${i}`, from);
    await waitFor(
      () => lockedUntil(user.id),
      (u) => u.locked_until !== null,
    );
    expect((await communitySysadmin.patch(`/users/${user.id}`, { locked_until: null })).status).toBe(200);
    expect((await attempt(user.email, PASSWORD, from)).status).toBe(200);
    const row = await waitFor(
      () => db('directus_users').where({ id: user.id }).first('login_failures'),
      (r) => Number(r.login_failures) === 0,
    );
    expect(Number(row.login_failures)).toBe(0);
    // The audit row is written beside the answer, not before it.
    const logged = await waitFor(
      () => audit(user.email),
      (r) => r.some((a) => a.action === 'login'),
    );
    expect(logged.map((r) => r.action)).toContain('login');
  });

  it('signs in again once the lock has ended', async () => {
    const user = await account('ended');
    await admin.patch(`/users/${user.id}`, { locked_until: new Date(Date.now() - 1000).toISOString() });
    expect((await attempt(user.email, PASSWORD, address())).status).toBe(200);
  });

  it('is never suspended for good (Directus’s own 25-failure rule is off)', async () => {
    expect((await admin.get('/settings?fields=auth_login_attempts')).body.data.auth_login_attempts).toBeNull();
  });
});

describe('the settings', () => {
  it('are the district system administrator’s to change, within their ranges', async () => {
    const before = (await districtSysadmin.get('/items/security_settings')).body.data;
    const wrong = await districtSysadmin.patch('/items/security_settings', { login_max_failures: 0 });
    expect(wrong.status).toBe(400);
    expect(errorMessage(wrong)).toContain('“连续登录失败次数上限”应为整数（3 至 20）');
    expect(await districtSysadmin.patch('/items/security_settings', { login_lock_minutes: 'x' }).then((a) => a.status)).toBe(400);
    expect((await districtSysadmin.get('/items/security_settings')).body.data).toEqual(before);
    expect((await communitySysadmin.patch('/items/security_settings', { login_max_failures: 10 })).status).toBe(403);
  });

  it('decide how many failures lock an account', async () => {
    await settle({ login_max_failures: 3 });
    const user = await account('three');
    const from = address();
    for (let i = 0; i < 3; i++) expect((await attempt(user.email, `Wrong@2026-${i}`, from)).status).toBe(401);
    await waitFor(
      () => lockedUntil(user.id),
      (u) => u.locked_until !== null,
    );
    expect(errorMessage(await attempt(user.email, PASSWORD, from))).toContain('连续 3 次登录失败');
    await settle({ login_max_failures: SECURITY_DEFAULTS.login_max_failures });
  });
});

describe('an address that fails too often', () => {
  it('waits, whichever account it names, while other addresses sign in', async () => {
    await settle({ address_max_failures: 5 });
    const from = address();
    for (let i = 0; i < 5; i++) expect((await attempt(`nobody-${i}-${STAMP}@pukou.gov.cn`, 'Wrong@2026', from)).status).toBe(401);
    const held = await waitFor(
      () => attempt('community-staff@pukou.gov.cn', DEMO_PASSWORD, from),
      (a) => a.status === 429,
    );
    expect(held.status).toBe(429);
    expect(errorMessage(held)).toBe('本地址登录失败次数过多，请 15 分钟后再试');
    expect((await attempt('community-staff@pukou.gov.cn', DEMO_PASSWORD, address())).status).toBe(200);
    const refused = await db('audit_log').where({ action: 'login_failed', outcome: 'refused', ip: from }).select('detail');
    expect(refused.map((r) => (typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail).reason)).toContain('address_limited');
    // The account itself was not counted against: no lock.
    expect(
      (await admin.get('/users?filter[email][_eq]=community-staff@pukou.gov.cn&fields=locked_until')).body.data[0].locked_until,
    ).toBeNull();
    await settle({ address_max_failures: SECURITY_DEFAULTS.address_max_failures });
  });
});
