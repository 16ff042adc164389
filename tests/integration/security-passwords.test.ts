// Passwords (issue 11 family 8, 等保 2.0 三级 身份鉴别): the rule (8 or more
// characters of three kinds) holds on every door that sets one; a password set by
// someone else — a new account, an administrator's reset — must be changed at the
// next sign-in before anything else, as must one older than the setting (90 days);
// the owner changes it through /account/password with the current one, never to
// one of the last five; each change is in the security audit log.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../schema/access.ts';
import { PASSWORD_POLICY_PATTERN, PASSWORD_RULE_TEXT } from '../../extensions/kernel/password-rule.ts';
import { systemDatabase } from '../database.ts';
import { baseUrl, callAs, errorMessage, login, loginAdmin, unitIds, type Session } from '../http.ts';

const STAMP = Date.now().toString(36);
let admin: Session;
let sysadmin: Session;
let ids: Map<string, number>;
let db: ReturnType<typeof systemDatabase>;
const made: string[] = [];
const email = (name: string) => `pw-${name}-${STAMP}@pukou.gov.cn`;

const newAccount = (name: string, password: string) => ({
  email: email(name),
  password,
  first_name: name,
  last_name: '密',
  role: ROLES.find((r) => r.key === 'community-staff')!.id,
  unit: ids.get('/320111/S01/C001/'),
  status: 'active',
});

const call = callAs;

/** A change ends the account's tokens up to the start of the next whole second (a token's time is in seconds). */
const nextSecond = () => new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 20));

async function change(s: Session, current: string, next: string) {
  const answer = await call(s.token, 'POST', '/account/password', { current_password: current, password: next });
  if (answer.status === 200) await nextSecond();
  return answer;
}

beforeAll(async () => {
  admin = await loginAdmin();
  ids = await unitIds(admin);
  sysadmin = await login('community-sysadmin@pukou.gov.cn');
  db = systemDatabase();
});

afterAll(async () => {
  if (made.length) await admin.send('DELETE', '/users', JSON.stringify(made));
  await db.destroy();
});

describe('the password rule', () => {
  it.each(['1', 'abcdefgh', 'Abcdefg1'.slice(0, 7), '12345678', 'abcd1234'])(
    'refuses %j for a new account, storing nothing',
    async (password) => {
      const answer = await sysadmin.post('/users', newAccount(`weak${password.length}`, password));
      expect(answer.status).toBe(400);
      expect(errorMessage(answer)).toBe(PASSWORD_RULE_TEXT);
      expect((await admin.get(`/users?filter[email][_eq]=${email(`weak${password.length}`)}&fields=id`)).body.data).toEqual([]);
    },
  );

  it('refuses it for a reset too, and Directus holds the same rule as its project setting', async () => {
    const staff = (await admin.get('/users?filter[email][_eq]=community-staff@pukou.gov.cn&fields=id')).body.data[0].id;
    const answer = await sysadmin.patch(`/users/${staff}`, { password: 'short1' });
    expect(answer.status).toBe(400);
    expect(errorMessage(answer)).toBe(PASSWORD_RULE_TEXT);
    expect((await admin.get('/settings?fields=auth_password_policy')).body.data.auth_password_policy).toBe(PASSWORD_POLICY_PATTERN);
  });
});

describe('a password set by someone else', () => {
  let user: string;
  const first = 'Given@2026x';

  it('must be changed at first sign-in: until then the account reaches nothing but 修改密码', async () => {
    const answer = await sysadmin.post('/users', newAccount('first', first));
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    user = answer.body.data.id;
    made.push(user);
    const s = await login(email('first'), first);
    const status = await call(s.token, 'GET', '/account/status');
    expect(status.status).toBe(200);
    expect(status.body.data).toMatchObject({ must_change_password: true, reason: '首次登录或管理员重置密码后，请先修改密码' });
    // Every other door: as if not signed in.
    expect((await call(s.token, 'GET', '/users/me')).status).toBe(401);
    expect((await call(s.token, 'GET', '/items/people?limit=1')).status).toBe(403);
    expect((await call(s.token, 'GET', '/items/matters?limit=1')).status).toBe(403);
    expect([401, 403]).toContain((await call(s.token, 'GET', '/registries/people/lookup?id_number=320111199001011239')).status);
    expect([401, 403]).toContain((await call(s.token, 'POST', '/matters/report', { title: 'x' })).status);
  });

  it('is changed with the current one, to one that keeps the rule, and then the owner signs in afresh', async () => {
    const s = await login(email('first'), first);
    expect(errorMessage(await change(s, 'Wrong@2026x', 'Mine@2026xy'))).toBe('原密码不正确');
    expect(errorMessage(await change(s, first, 'weakweak'))).toBe(PASSWORD_RULE_TEXT);
    expect(errorMessage(await change(s, first, first))).toBe('新密码不能与原密码相同');
    expect((await call(s.token, 'POST', '/account/password', { current_password: first, password: { $ne: 1 } })).status).toBe(400);
    const done = await change(s, first, 'Mine@2026xy');
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.data.message).toBe('密码已修改，请用新密码重新登录');
    // The old token has ended; the new password works, and the account works.
    expect((await call(s.token, 'GET', '/account/status')).status).toBe(401);
    await expect(login(email('first'), first)).rejects.toThrow();
    const again = await login(email('first'), 'Mine@2026xy');
    expect((await call(again.token, 'GET', '/users/me?fields=email')).body.data.email).toBe(email('first'));
    expect((await call(again.token, 'GET', '/account/status')).body.data.must_change_password).toBe(false);
    const rows = await db('audit_log').where({ action: 'password_changed', actor: user }).select('outcome');
    expect(rows.map((r) => r.outcome).sort()).toEqual(['failure', 'success']);
  });

  it('may not be one of the last five', async () => {
    let current = 'Mine@2026xy';
    for (const next of ['Mine@2026x2', 'Mine@2026x3']) {
      const s = await login(email('first'), current);
      expect((await change(s, current, next)).status).toBe(200);
      current = next;
    }
    const s = await login(email('first'), current);
    const reused = await change(s, current, 'Mine@2026xy');
    expect(reused.status).toBe(400);
    expect(errorMessage(reused)).toBe('新密码不能与最近 5 次使用过的密码相同');
    expect((await change(s, current, 'Given@2026x')).status).toBe(400);
    expect(Number((await db('password_history').where({ user }).count({ n: '*' }))[0]!.n)).toBeLessThanOrEqual(5);
  });

  it('is set by an administrator’s reset: to be changed again at the next sign-in', async () => {
    expect((await sysadmin.patch(`/users/${user}`, { password: 'Reset@2026x' })).status).toBe(200);
    await nextSecond();
    const s = await login(email('first'), 'Reset@2026x');
    expect((await call(s.token, 'GET', '/account/status')).body.data.must_change_password).toBe(true);
    expect((await call(s.token, 'GET', '/users/me')).status).toBe(401);
  });
});

describe('an old password', () => {
  it('must be changed once older than the setting', async () => {
    const answer = await sysadmin.post('/users', newAccount('old', 'Older@2026x'));
    made.push(answer.body.data.id);
    await admin.patch(`/users/${answer.body.data.id}`, {
      must_change_password: false,
      password_changed_at: new Date(Date.now() - 91 * 86_400_000).toISOString(),
    });
    const s = await login(email('old'), 'Older@2026x');
    const status = await call(s.token, 'GET', '/account/status');
    expect(status.body.data).toMatchObject({ must_change_password: true, reason: '密码已使用超过 90 天，请修改密码' });
    expect((await call(s.token, 'GET', '/items/units?limit=1')).status).toBe(403);
  });

  it('cannot be waived by a unit’s system administrator (the flag is not theirs to write)', async () => {
    const id = made.at(-1)!;
    expect((await sysadmin.patch(`/users/${id}`, { must_change_password: false })).status).toBe(403);
  });
});
