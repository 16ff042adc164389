// 修改密码 in a real browser (issue 11 family 8): an account whose password an
// administrator set signs in, lands on 修改密码 and nowhere else, is held to the
// password rule on the screen, changes it, is sent to sign in with the new one, and
// then works — on the office screen and on the phone; and a locked account is told
// on the login page until when. Runs once, in the sqlite project
// (the browser suites are shared between the two projects to balance them).

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ROLES } from '../../schema/access.ts';
import { appBrowser, BROWSER_TESTS, DESKTOP, eventually, PHONE, screenshot, signIn } from '../browser/chromium.ts';
import { POLICIES } from '../../schema/index.ts';
import { loginAdmin, unitIds, waitFor, type Session } from '../http.ts';
import { currentCode } from '../totp.ts';

const run = inject('database') === 'sqlite';
const TWO_FACTOR = POLICIES.find((p) => p.key === 'two-factor')!.id;
const STAMP = Date.now().toString(36);
const GIVEN = 'Given@2026x';
const MINE = 'Mine@2026xy';
let admin: Session;
let ids: Map<string, number>;
const made: string[] = [];

async function account(name: string, role: string, unit: string): Promise<string> {
  const email = `acct-${name}-${STAMP}@pukou.gov.cn`;
  const answer = await admin.post('/users', {
    email,
    password: GIVEN,
    first_name: name,
    last_name: '新',
    role: ROLES.find((r) => r.key === role)!.id,
    unit: ids.get(unit),
    status: 'active',
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  made.push(answer.body.data.id);
  return email;
}

describe.runIf(run)('修改密码', BROWSER_TESTS, () => {
  const app = appBrowser();

  beforeAll(async () => {
    admin = await loginAdmin();
    ids = await unitIds(admin);
  });

  afterAll(async () => {
    await admin.patch(`/policies/${TWO_FACTOR}`, { enforce_tfa: false });
    if (made.length) await admin.send('DELETE', '/users', JSON.stringify(made));
  });

  it('office: a new account changes the password an administrator gave it before anything else', async () => {
    const email = await account('office', 'community-staff', '/320111/S01/C001/');
    const page = await app.open(DESKTOP);
    await signIn(page, email, GIVEN);
    await page.waitForURL(/\/app\/password(\?|$)/);
    await eventually(() => page.getByTestId('password-reason').textContent()).toBe('首次登录或管理员重置密码后，请先修改密码');
    // Another screen sends it back here.
    await page.goto('/app/matters');
    await page.waitForURL(/\/app\/password(\?|$)/);

    await page.getByLabel('原密码').fill(GIVEN);
    await page.getByLabel('新密码', { exact: true }).fill('weakweak');
    await page.getByLabel('确认新密码').fill('weakweak');
    await page.getByRole('button', { name: '确认修改' }).click();
    await eventually(() => page.getByTestId('password-page').textContent()).toContain('至少 3 类');
    await page.getByLabel('新密码', { exact: true }).fill(MINE);
    await page.getByLabel('确认新密码').fill(MINE);
    await screenshot(page, 'password-office');
    await page.getByRole('button', { name: '确认修改' }).click();
    await page.waitForURL(/\/app\/login$/);
    await eventually(() => page.getByTestId('password-changed').textContent()).toBe('密码已修改，请用新密码重新登录');

    await signIn(page, email, MINE);
    await eventually(() => page.getByTestId('identity').textContent()).toContain('新office');
    expect(page.url()).not.toMatch(/password/);
  });

  it('phone: the same, on the phone’s own screen', async () => {
    const email = await account('phone', 'grid-grid_worker', '/320111/S01/C001/G01/');
    const page = await app.open(PHONE);
    await signIn(page, email, GIVEN);
    await page.waitForURL(/\/app\/password(\?|$)/);
    await eventually(() => page.getByTestId('password-reason').textContent()).toContain('请先修改密码');
    await page.getByLabel('原密码').fill('Wrong@2026x');
    await page.getByLabel('新密码', { exact: true }).fill(MINE);
    await page.getByLabel('确认新密码').fill(MINE);
    await page.getByRole('button', { name: '确认修改' }).click();
    await eventually(() => page.getByRole('alert').textContent()).toBe('原密码不正确');
    await page.getByLabel('原密码').fill(GIVEN);
    await screenshot(page, 'password-phone');
    await page.getByRole('button', { name: '确认修改' }).click();
    await page.waitForURL(/\/app\/login$/);
    await eventually(() => page.getByTestId('password-changed').textContent()).toBe('密码已修改，请用新密码重新登录');
    // Tokens of the second of the change no longer count; a person takes longer than that to type.
    await new Promise((r) => setTimeout(r, 1100));
    await signIn(page, email, MINE);
    await page.getByRole('link', { name: '我的' }).click();
    await eventually(() => page.getByTestId('change-password').isVisible()).toBe(true);
  });

  it('the login page says until when an account is locked', async () => {
    const email = await account('locked', 'community-staff', '/320111/S01/C001/');
    const id = made.at(-1)!;
    await admin.patch(`/users/${id}`, { locked_until: new Date(Date.now() + 10 * 60_000).toISOString() });
    const page = await app.open(DESKTOP);
    await page.goto('/app/login');
    await page.getByLabel('账号（电子邮箱）').fill(email);
    await page.getByLabel('密码').fill(GIVEN);
    await page.getByRole('button', { name: '登录' }).click();
    await eventually(() => page.locator('.ant-notification, .ant-alert, [role="alert"]').first().textContent()).toMatch(
      /已被锁定，请于 .* 后再试/,
    );
    const state = await waitFor(
      () => admin.get(`/users/${id}?fields=status`),
      (a) => a.status === 200,
    );
    expect(state.body.data.status).toBe('active');
  });

  it('an administrator sets up one-time codes on 绑定动态口令 and signs in with them', async () => {
    expect((await admin.patch(`/policies/${TWO_FACTOR}`, { enforce_tfa: true })).status).toBe(200);
    const email = await account('tfa', 'community-sysadmin', '/320111/S01/C001/');
    await admin.patch(`/users/${made.at(-1)}`, { must_change_password: false });
    const page = await app.open(DESKTOP);
    await signIn(page, email, GIVEN);
    await page.waitForURL(/\/app\/tfa(\?|$)/);
    // Twice in full runs on a busy machine the screen was not there after 30 s: say where the page was instead.
    await page
      .getByTestId('tfa-page')
      .waitFor({ timeout: 60_000 })
      .catch(async (error: Error) => {
        await screenshot(page, 'tfa-missing');
        throw new Error(`绑定动态口令 not shown; the page is at ${page.url()}: ${error.message}`);
      });
    await page.getByLabel('登录密码').fill(GIVEN);
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByTestId('tfa-qr').waitFor();
    const secret = (await page.getByTestId('tfa-secret').textContent())!.trim();
    await screenshot(page, 'tfa-office');
    await page.getByLabel('动态口令').fill(await currentCode(secret));
    await page.getByRole('button', { name: '绑定' }).click();
    await eventually(() => page.getByTestId('tfa-done').textContent()).toContain('动态口令已绑定');

    // The next sign-in asks for the code.
    const again = await app.open(DESKTOP);
    await again.goto('/app/login');
    await again.getByLabel('账号（电子邮箱）').fill(email);
    await again.getByLabel('密码').fill(GIVEN);
    await again.getByRole('button', { name: '登录' }).click();
    const otp = again.getByLabel('动态口令');
    await otp.waitFor();
    await again.getByLabel('密码').fill(GIVEN);
    await otp.fill(await currentCode(secret));
    await again.getByRole('button', { name: '登录' }).click();
    await again.waitForURL((url) => !url.pathname.endsWith('/login'));
    await eventually(() => again.getByTestId('identity').textContent()).toContain('新tfa');
  });
});
