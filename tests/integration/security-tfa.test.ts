// Two factors for administrators (issue 11 family 9): with the setting on, the
// Directus administrator's policy and every 系统管理员 role (the two-factor policy)
// ask for a one-time code; an administrator who has none set up is signed in for
// nothing but setting it up (/account/tfa), and signs in with the code afterwards.
// Other roles are not asked. The demo runs with the setting off (ENFORCE_TFA).

import { readPolicies } from '@directus/sdk';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ROLES } from '../../schema/access.ts';
import { POLICIES } from '../../schema/index.ts';
import { applySchema } from '../../schema/apply.ts';
import { login as loginClient, type AdminClient } from '../../scripts/lib/directus.ts';
import { systemDatabase } from '../database.ts';
import { baseUrl, callAs, createReadyUser, errorMessage, login, loginAdmin, unitIds, waitFor, type Session } from '../http.ts';
import { currentCode } from '../totp.ts';

const PASSWORD = 'Pukou@2026!f';
const STAMP = Date.now().toString(36);
const TWO_FACTOR = POLICIES.find((p) => p.key === 'two-factor')!.id;
let admin: Session;
let client: AdminClient;
let ids: Map<string, number>;
let db: ReturnType<typeof systemDatabase>;
const made: string[] = [];

const call = callAs;

async function signIn(email: string, otp?: string) {
  const res = await fetch(`${baseUrl()}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD, ...(otp ? { otp } : {}) }),
  });
  return { status: res.status, body: await res.json().catch(() => null) };
}

async function account(name: string, role: string): Promise<string> {
  const email = `tfa-${name}-${STAMP}@pukou.gov.cn`;
  const answer = await createReadyUser(admin, {
    email,
    password: PASSWORD,
    role: ROLES.find((r) => r.key === role)!.id,
    unit: ids.get('/320111/S01/C001/'),
    status: 'active',
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  made.push(answer.body.data.id);
  return email;
}

const policyTfa = async () =>
  Object.fromEntries(
    (
      (await client.request(readPolicies({ fields: ['id', 'admin_access', 'enforce_tfa'], limit: -1 }))) as {
        id: string;
        admin_access: boolean;
        enforce_tfa: boolean;
      }[]
    )
      .filter((p) => p.admin_access || p.id === TWO_FACTOR)
      .map((p) => [p.admin_access ? 'administrator' : 'two-factor', p.enforce_tfa]),
  );

beforeAll(async () => {
  admin = await loginAdmin();
  ids = await unitIds(admin);
  const { url, adminEmail, adminPassword } = inject('directus');
  client = await loginClient(url, adminEmail, adminPassword);
  db = systemDatabase();
});

afterAll(async () => {
  await admin.patch(`/policies/${TWO_FACTOR}`, { enforce_tfa: false });
  if (made.length) await admin.send('DELETE', '/users', JSON.stringify(made));
  await db.destroy();
});

describe('the setting', () => {
  it('asks the Directus administrator and the system administrators for two factors, and the demo’s setting asks no one', async () => {
    expect(await policyTfa()).toEqual({ administrator: false, 'two-factor': false });
    // The tokens of this file were issued before: they keep working while the setting is on.
    const on = await applySchema(client, { enforceTfa: true });
    try {
      expect(on.updated).toEqual(expect.arrayContaining([expect.stringContaining('enforce_tfa'), expect.stringContaining('双因素认证')]));
      expect(await policyTfa()).toEqual({ administrator: true, 'two-factor': true });
    } finally {
      await applySchema(client, { enforceTfa: false });
    }
    expect(await policyTfa()).toEqual({ administrator: false, 'two-factor': false });
    const sysadminRoles = ROLES.filter((r) => r.job === 'sysadmin');
    expect(sysadminRoles.map((r) => r.level).sort()).toEqual(['community', 'district', 'street']);
    for (const role of ROLES) expect(role.policies.includes(TWO_FACTOR), role.key).toBe(role.job === 'sysadmin');
  });
});

describe('an administrator without a one-time code set up, with the setting on', () => {
  let email: string;
  let secret: string;

  beforeAll(async () => {
    expect((await admin.patch(`/policies/${TWO_FACTOR}`, { enforce_tfa: true })).status).toBe(200);
    email = await account('sysadmin', 'community-sysadmin');
  });

  it('reaches nothing but setting it up', async () => {
    const signed = await signIn(email);
    expect(signed.status).toBe(200);
    const token = signed.body.data.access_token;
    const status = await call(token, 'GET', '/account/status');
    expect(status.body.data).toMatchObject({ must_setup_tfa: true, must_change_password: false, tfa_enabled: false });
    expect(status.body.data.reason).toContain('动态口令');
    expect((await call(token, 'GET', '/users/me')).status).toBe(401);
    expect((await call(token, 'GET', '/items/units?limit=1')).status).toBe(403);
    const stranger = `tfa-made-${STAMP}@pukou.gov.cn`;
    const role = ROLES.find((r) => r.key === 'community-staff')!.id;
    const made = await call(token, 'POST', '/users', { email: stranger, password: PASSWORD, role, unit: ids.get('/320111/S01/C001/') });
    expect(made.status).toBe(403);
    expect((await admin.get(`/users?filter[email][_eq]=${stranger}&fields=id`)).body.data).toEqual([]);
  });

  it('sets it up with the password and a code of the new key, and then works', async () => {
    const token = (await signIn(email)).body.data.access_token;
    const wrong = await call(token, 'POST', '/account/tfa/generate', { password: 'Wrong@2026x' });
    expect(wrong.status).toBe(400);
    expect(errorMessage(wrong)).toBe('密码不正确');
    const made = await call(token, 'POST', '/account/tfa/generate', { password: PASSWORD });
    expect(made.status).toBe(200);
    secret = made.body.data.secret;
    expect(made.body.data.otpauth_url).toMatch(/^otpauth:\/\/totp\//);
    expect(errorMessage(await call(token, 'POST', '/account/tfa/enable', { secret, otp: '000000' }))).toContain('动态口令不正确');
    expect((await call(token, 'POST', '/account/tfa/enable', { secret, otp: 12 })).status).toBe(400);
    const enabled = await call(token, 'POST', '/account/tfa/enable', { secret, otp: await currentCode(secret) });
    expect(enabled.status, JSON.stringify(enabled.body)).toBe(200);
    const me = await waitFor(
      () => call(token, 'GET', '/users/me?fields=email'),
      (a) => a.status === 200,
    );
    expect(me.body.data.email).toBe(email);
    const rows = await waitFor(
      () => db('audit_log').where({ action: 'tfa_enabled', actor_email: email }).select('outcome'),
      (r) => r.length >= 2,
    );
    expect(rows.map((r) => r.outcome).sort()).toEqual(['failure', 'success']);
  });

  it('signs in with the code from now on', async () => {
    const without = await signIn(email);
    expect(without.status).toBe(401);
    expect(without.body.errors[0].extensions.code).toBe('INVALID_OTP');
    const withCode = await signIn(email, await currentCode(secret));
    expect(withCode.status).toBe(200);
    expect((await call(withCode.body.data.access_token, 'GET', '/account/status')).body.data).toMatchObject({
      must_setup_tfa: false,
      tfa_enabled: true,
    });
  });

  it('asks nothing of other roles', async () => {
    const staff = await account('staff', 'community-staff');
    const signed = await signIn(staff);
    expect((await call(signed.body.data.access_token, 'GET', '/users/me?fields=email')).body.data.email).toBe(staff);
    expect((await login('community-staff@pukou.gov.cn')).token).toBeTruthy();
  });
});
