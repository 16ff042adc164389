// The app in a real browser (Debian's Chromium, headless) against this
// project's Directus with the demo data: sign-in per role, the low-code promise,
// a grid worker's report from a phone, the community's to-do and dispatch,
// refusals, and an offline report sent exactly once. Screenshots of the main
// screens go to .test-data/screenshots. Runs in the sqlite project only: one
// browser suite is enough, the pg project checks the same server code.

import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../directus.config.ts';
import { appBrowser, BROWSER_TESTS, clickForMessage, DESKTOP, eventually, PHONE, screenshot, signIn } from '../browser/chromium.ts';
import { baseUrl, login, loginAdmin, waitFor, type Session } from '../http.ts';

const run = inject('database') === 'sqlite';
const STAMP = Date.now().toString(36);
let admin: Session;

/** Picks an option of the antd Select under the form label. */
async function choose(page: Page, label: string, option: string | RegExp, search?: string) {
  const item = page.locator('.ant-form-item').filter({ has: page.locator(`label[title="${label}"]`) });
  await item.locator('.ant-select-selector').click();
  if (search) await item.locator('input').first().fill(search);
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: option })
    .first()
    .click();
}

async function matterByTitle(title: string) {
  const { body } = await admin.get(
    `/items/matters?filter[title][_eq]=${encodeURIComponent(title)}&fields=id,number,status,version,handler_unit.path,attachments.directus_files_id.width,attachments.directus_files_id.type`,
  );
  return body.data as any[];
}

/** A photo as a phone camera takes it: 3000 × 2000 JPEG. */
const photo = () =>
  sharp({ create: { width: 3000, height: 2000, channels: 3, background: { r: 200, g: 80, b: 40 } } })
    .jpeg({ quality: 95 })
    .toBuffer();

async function report(page: Page, title: string, withPhoto: boolean) {
  await page.getByRole('navigation').getByRole('link', { name: '上报' }).click();
  await page.getByLabel('标题').fill(title);
  await page.getByRole('radio', { name: '治安隐患' }).check();
  await page.getByLabel('事件描述').fill('小区东门路灯损坏，夜间行人摔倒风险。');
  await page.getByLabel('涉及人员').fill('居民张某');
  await page.getByLabel('已采取措施或建议').fill('已设置临时警示牌');
  if (withPhoto) {
    await page.getByTestId('photo-input').setInputFiles({ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: await photo() });
    await page.getByTestId('picked-files').locator('img').waitFor();
  }
  await page.getByTestId('submit-report').click();
}

describe.runIf(run)('the app in a browser', BROWSER_TESTS, () => {
  const { open } = appBrowser();
  beforeAll(async () => {
    admin = await loginAdmin();
  });

  describe('signing in', () => {
    it.each([
      ['community-staff@pukou.gov.cn', '求雨山社区', DESKTOP],
      ['street-head@pukou.gov.cn', '江浦街道', DESKTOP],
      ['district-staff@pukou.gov.cn', '浦口区', DESKTOP],
      ['department-liaison@pukou.gov.cn', '浦口公安分局', DESKTOP],
      ['grid-gridworker@pukou.gov.cn', '第一网格', PHONE],
    ])('%s lands on its home with its unit', async (email, unit, device) => {
      const page = await open(device, email);
      if (device === DESKTOP) await eventually(() => page.getByTestId('identity').textContent()).toContain(unit);
      else await eventually(() => page.locator('main').textContent()).toContain(unit);
      // No token is kept where scripts can read it: the session is an httpOnly cookie.
      // (The words alone are no test: the cached field lists name a user's tokens_valid_after.)
      const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
      const session = (await page.context().cookies()).find((c) => c.name === 'directus_session_token');
      expect(session?.httpOnly).toBe(true);
      expect(stored).not.toContain(session!.value);
      expect(stored).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\.|(access|refresh)_token/);
      await screenshot(page, `home-${email.split('@')[0]}-${device === PHONE ? 'phone' : 'desktop'}`);
    });

    it('refuses a wrong password in Chinese, and sends an expired session back to login with a message', async () => {
      const page = await open(DESKTOP);
      await page.goto('/app/login');
      await page.getByLabel('账号（电子邮箱）').fill('community-staff@pukou.gov.cn');
      await page.getByLabel('密码').fill('wrong-password');
      await page.getByRole('button', { name: '登录' }).click();
      await eventually(() => page.locator('body').textContent()).toContain('账号或密码错误');

      await signIn(page, 'community-staff@pukou.gov.cn', DEMO_PASSWORD);
      await page.context().clearCookies(); // the session ends on the server's side
      await page.goto('/app/matters');
      await page.waitForURL(/\/app\/login/);
      await eventually(() => page.getByTestId('expired').textContent()).toContain('登录已过期，请重新登录');
      await screenshot(page, 'login-expired-desktop');
    });

    it('switches to English and back', async () => {
      const page = await open(DESKTOP, 'community-staff@pukou.gov.cn');
      await page.getByTestId('language-switch').click();
      await eventually(() => page.locator('aside').textContent()).toContain('Workbench');
      await page.getByTestId('language-switch').click();
      await eventually(() => page.locator('aside').textContent()).toContain('工作台');
    });
  });

  describe('the office’s first screen', () => {
    /**
     * A fresh load of the office's home in a context signed in as `email`, service worker blocked (it
     * would serve the scripts from its cache), with the office app's script held until `release()`.
     */
    async function freshHome(email: string) {
      const signedIn = await open(DESKTOP, email);
      const context = await signedIn
        .context()
        .browser()!
        .newContext({
          ...DESKTOP,
          baseURL: baseUrl(),
          locale: 'zh-CN',
          timezoneId: 'Asia/Shanghai',
          serviceWorkers: 'block',
        });
      context.setDefaultTimeout(30_000);
      await context.addCookies(await signedIn.context().cookies());
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      let release = () => {};
      const released = new Promise<void>((done) => {
        release = done;
      });
      await page.route(/\/app\/assets\/office-[^/]*\.js$/, async (route) => {
        await released;
        await route.continue();
      });
      await page.goto('/app/');
      return { page, release, errors, close: () => context.close() };
    }

    it('draws the workbench with its to-dos before the office app is there; the office app then takes its place, menu and all', async () => {
      const { page, release, errors, close } = await freshHome('community-staff@pukou.gov.cn');
      try {
        await page.locator('[data-testid="todo-sign"][aria-busy="false"]').waitFor();
        await eventually(() => page.getByTestId('identity').textContent()).toContain('求雨山社区');
        const rows = await page.locator('.wb-row').count();
        expect(rows, 'the community’s to-dos and documents').toBeGreaterThan(0);
        expect(await page.locator('.ant-menu').count(), 'no menu before the office app').toBe(0);
        await expect.poll(() => page.locator('.sh-menu').isVisible()).toBe(true);
        await screenshot(page, 'first-screen-desktop');
        release();
        await page.locator('.ant-menu').first().waitFor();
        await eventually(() => page.locator('.sh').count()).toBe(0);
        expect(await page.locator('#root').count()).toBe(1);
        // The same workbench, now inside the office layout (other test files share the server and may
        // have given the community a to-do meanwhile: never fewer rows).
        expect(await page.locator('.ant-layout-content .wb-row').count()).toBeGreaterThanOrEqual(rows);
        await screenshot(page, 'first-screen-taken-over-desktop');
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    });

    it('opens a to-do clicked before the office app is there once it has come', async () => {
      const { page, release, errors, close } = await freshHome('community-staff@pukou.gov.cn');
      try {
        const first = page.locator('.wb-row a').first();
        await first.waitFor();
        const href = await first.getAttribute('href');
        await first.click();
        release();
        await page.waitForURL((url) => url.pathname === href);
        await page.getByTestId('timeline').waitFor();
        expect(await page.locator('.sh').count()).toBe(0);
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    });

    it('gives a district leader the dashboard, the office app’s screen', async () => {
      const { page, release, close } = await freshHome('district-leader@pukou.gov.cn');
      try {
        release();
        await page.locator('[data-testid^="figure-"]').first().waitFor();
        expect(await page.getByTestId('todo-sign').count()).toBe(0);
      } finally {
        await close();
      }
    });
  });

  describe('lists', () => {
    it('show community staff the people of their community, although a relation names a code table keyed by code', async () => {
      const staff = await login('community-staff@pukou.gov.cn');
      // The trap the list once fell into: asking for a code table's `id` (it has `code`) fails the whole request.
      expect((await staff.get('/items/people?fields=id,moving_in_reason.id&limit=1')).status).toBe(403);
      const page = await open(DESKTOP, 'community-staff@pukou.gov.cn');
      await page.goto('/app/data/people');
      await eventually(() => page.locator('.ant-table-tbody tr.ant-table-row').count()).toBeGreaterThan(0);
      expect(await page.locator('.ant-notification-notice-error, .ant-message-error').count()).toBe(0);
      // The columns people look for first (the default table layout schema apply writes for Studio and the app).
      const head = await page.locator('thead').textContent();
      for (const title of ['姓名', '性别', '现住地详址']) expect(head).toContain(title);
      expect(head).not.toContain('户号');
      await screenshot(page, 'people-list-community-desktop');
    });

    it('count each matter once, although the rule sees it through every unit it passed', async () => {
      const staff = await login('street-staff@pukou.gov.cn');
      const count = async () => Number((await staff.get('/items/matters?aggregate[count]=*')).body.data[0].count);
      const before = await count();
      const ids = (await staff.get('/items/matters?fields=id&limit=-1')).body.data as { id: number }[];
      const after = await count();
      // The rule reads the matter's own list of the units it passed (no join of their rows): a plain count
      // is right (between the two counts, as other files may report meanwhile; a join counted about twice).
      expect(ids.length).toBeGreaterThanOrEqual(before);
      expect(ids.length).toBeLessThanOrEqual(after);
      expect(ids.length).toBeGreaterThan(10);
      const page = await open(DESKTOP, 'street-staff@pukou.gov.cn');
      await page.goto('/app/data/matters');
      await eventually(() => page.locator('.ant-table-tbody tr.ant-table-row').count()).toBeGreaterThan(0);
      await eventually(() => page.locator('.ant-pagination-item').last().textContent()).toBe(String(Math.ceil(ids.length / 10)));
    });

    it("page a street's matters without counting them all, offering the next page while there is one", async () => {
      const staff = await login('street-staff@pukou.gov.cn');
      // More than a page (other files may add more while this runs: nothing below counts on exact rows).
      expect(Number((await staff.get('/items/matters?aggregate[count]=*')).body.data[0].count)).toBeGreaterThan(10);
      const page = await open(DESKTOP, 'street-staff@pukou.gov.cn');
      const asked: string[] = [];
      page.on('request', (r) => {
        if (r.url().includes('/items/matters?')) asked.push(decodeURIComponent(r.url()));
      });
      await page.goto('/app/matters');
      await eventually(() => page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(10);
      // This page and the next offered: the eleventh row came, so a next page exists.
      const lastPage = async () => Number(await page.locator('.ant-pagination-item').last().textContent());
      await eventually(lastPage).toBeGreaterThanOrEqual(2);
      const firstPage = await page.locator('.ant-table-tbody').textContent();
      await page.locator('.ant-pagination-item-2').click();
      await eventually(async () => (await page.locator('.ant-table-tbody').textContent()) !== firstPage).toBe(true);
      expect(await page.locator('.ant-table-tbody tr.ant-table-row').count()).toBeGreaterThan(0);
      await eventually(lastPage).toBeGreaterThanOrEqual(2);
      expect(asked.length).toBeGreaterThan(1);
      expect(asked.filter((u) => u.includes('aggregate'))).toEqual([]);
      // A community's list still counts (its matters are thousands at most).
      const community = await open(DESKTOP, 'community-staff@pukou.gov.cn');
      const counted: string[] = [];
      community.on('request', (r) => {
        if (r.url().includes('/items/matters?') && decodeURIComponent(r.url()).includes('aggregate')) counted.push(r.url());
      });
      await community.goto('/app/matters');
      await eventually(() => community.locator('.ant-table-tbody tr.ant-table-row').count()).toBeGreaterThan(0);
      await eventually(() => counted.length).toBeGreaterThan(0);
    });
  });

  describe('the low-code promise', () => {
    const field = `weather_${STAMP}`;
    let preset: number | undefined;
    afterAll(async () => {
      if (preset) await admin.delete(`/presets/${preset}`);
      await admin.delete(`/fields/activity_records/${field}`);
    });

    it('shows a field an administrator adds through the API, with its label and choices, and saves it', async () => {
      const added = await admin.post('/fields/activity_records', {
        field,
        type: 'string',
        schema: { max_length: 20 },
        meta: {
          interface: 'select-dropdown',
          width: 'half',
          note: '巡逻时的天气',
          options: {
            choices: [
              { text: '晴', value: 'sunny' },
              { text: '小雨', value: 'rain' },
            ],
          },
          translations: [
            { language: 'zh-CN', translation: '天气情况' },
            { language: 'en-US', translation: 'Weather' },
          ],
        },
      });
      expect(added.status).toBe(200);
      // …and puts it among the list's columns for everyone (the table layout's default in Studio).
      const columns = await admin.post('/presets', {
        collection: 'activity_records',
        layout: 'tabular',
        layout_query: { tabular: { fields: ['title', 'activity_type', 'occurred_on', field] } },
      });
      expect(columns.status).toBe(200);
      preset = columns.body.data.id;

      const page = await open(DESKTOP, 'community-staff@pukou.gov.cn');
      await page.goto('/app/data/activity_records/create');
      await page.locator('label[title="天气情况"]').waitFor();
      await page.waitForLoadState('networkidle');
      await eventually(() => page.locator('.ant-form').textContent()).toContain('巡逻时的天气');
      await choose(page, '活动类型', '巡逻');
      await page.getByLabel('活动日期').fill('2026-11-20');
      await page.getByLabel('活动日期').press('Enter');
      const title = `低代码验收 ${STAMP}`;
      await page.getByLabel('标题').fill(title);
      await choose(page, '天气情况', '小雨');
      expect(await page.getByLabel('标题').inputValue()).toBe(title);
      // Save only once the last choice has closed its list and the date is taken.
      await eventually(() => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').count()).toBe(0);
      await eventually(() => page.getByLabel('活动日期').inputValue()).toBe('2026-11-20');
      await screenshot(page, 'data-create-desktop');
      await page.getByRole('button', { name: '保存' }).click();

      // The detail view after saving, then the list, both show the new field's value.
      await page.waitForURL(/\/data\/activity_records\/show\/\d+/);
      await eventually(() => page.locator(`[data-field="${field}"]`).textContent()).toBe('小雨');
      await screenshot(page, 'data-show-desktop');
      await page.goto('/app/data/activity_records');
      await page.getByPlaceholder('搜索').fill(title);
      await page.getByPlaceholder('搜索').press('Enter');
      const row = page.locator('tr', { hasText: title });
      await eventually(() => row.textContent()).toContain('小雨');
      await eventually(() => page.locator('thead').textContent()).toContain('天气情况');
      await screenshot(page, 'data-list-desktop');

      const stored = await admin.get(`/items/activity_records?filter[title][_eq]=${encodeURIComponent(title)}&fields=${field},unit_path`);
      expect(stored.body.data).toEqual([{ [field]: 'rain', unit_path: '/320111/S01/C001/' }]);
    });
  });

  describe('a collection an administrator made, before its rights are set', () => {
    const collection = `hydrants_${STAMP}`;
    afterAll(async () => {
      await admin.delete(`/collections/${collection}`);
    });

    it('is not in the menu of a user who may not read it, and its page says so in Chinese instead of waiting', async () => {
      const made = await admin.post('/collections', {
        collection,
        meta: { translations: [{ language: 'zh-CN', translation: `消防栓${STAMP}` }] },
        schema: {},
        fields: [
          { field: 'id', type: 'integer', meta: { hidden: true }, schema: { is_primary_key: true, has_auto_increment: true } },
          { field: 'name', type: 'string' },
        ],
      });
      expect(made.status, JSON.stringify(made.body)).toBe(200);
      const page = await open(DESKTOP, 'community-staff@pukou.gov.cn');
      await page.goto('/app/');
      await page.getByTestId('menu-search').fill(`消防栓${STAMP}`);
      await eventually(() => page.locator('body').textContent()).toContain('没有匹配的菜单');
      await page.goto(`/app/data/${collection}`);
      const problem = page.getByTestId('schema-problem');
      await eventually(() => problem.textContent()).toContain('没有读取这类数据的权限');
      expect(await problem.textContent()).toContain('无法打开');
      expect(await page.locator('.ant-spin-spinning').count()).toBe(0);
      await screenshot(page, 'data-not-readable-desktop');
    });
  });

  describe('a report from the grid to the community', () => {
    const title = `路灯损坏 ${STAMP}`;
    let matter: any;

    it('a grid worker reports from a phone with a photo, made smaller before upload', async () => {
      const page = await open(PHONE, 'grid-gridworker@pukou.gov.cn');
      await report(page, title, true);
      await eventually(() => page.getByTestId('toast').textContent()).toContain('上报成功');
      [matter] = await matterByTitle(title);
      expect(matter).toMatchObject({ status: 'pending_acceptance', handler_unit: { path: '/320111/S01/C001/' } });
      expect(matter.attachments).toHaveLength(1);
      expect(matter.attachments[0].directus_files_id).toEqual({ width: 1600, type: 'image/jpeg' });
      // Touch targets of the bottom bar are at least 44 px high, and the page fits 360 px.
      const tab = await page.getByRole('navigation').getByRole('link', { name: '待办' }).boundingBox();
      expect(tab!.height).toBeGreaterThanOrEqual(44);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await screenshot(page, 'report-phone');
    });

    it('the community finds it among its to-dos, accepts it and dispatches it to another grid', async () => {
      const page = await open(DESKTOP, 'community-staff@pukou.gov.cn');
      const todo = page.getByTestId('todo-sign').locator(`[data-number="${matter.number}"]`);
      await todo.waitFor();
      await screenshot(page, 'workbench-desktop');
      await todo.click();
      await page.locator('[data-action="accept"]').click();
      expect(await clickForMessage(page, page.getByRole('button', { name: '确认受理' }), '/transition', '受理成功')).toBe(200);
      await page.locator('[data-action="dispatch"]').click();
      // Not back to the reporting grid: a unit already on the route is refused.
      await choose(page, '下派至（直属下级单位）', '第二网格');
      await page.getByLabel('意见').fill('请网格员核实并联系物业维修');
      expect(await clickForMessage(page, page.getByRole('button', { name: '确认下派' }), '/transition', '下派成功')).toBe(200);
      await eventually(() => page.getByTestId('timeline').textContent()).toContain('请网格员核实并联系物业维修');
      await screenshot(page, 'matter-show-desktop');
      [matter] = await matterByTitle(title);
      expect(matter).toMatchObject({ status: 'pending_sign', handler_unit: { path: '/320111/S01/C001/G02/' } });
    });

    it('a leader is offered no action, and the same action forced through the API is refused', async () => {
      const page = await open(DESKTOP, 'community-leader@pukou.gov.cn');
      await page.goto(`/app/matters/${matter.id}`);
      await eventually(() => page.getByTestId('matter-actions').textContent()).toContain('当前没有可办理的操作');
      expect(await page.locator('[data-action]').count()).toBe(0);
      const leader = await login('community-leader@pukou.gov.cn');
      const forced = await leader.post(`/matters/${matter.id}/transition`, { action: 'dispatch', version: matter.version, target_unit: 1 });
      expect(forced.status).toBe(403);
      expect((await matterByTitle(title))[0]).toMatchObject({ status: 'pending_sign', version: matter.version });
    });

    it('a stale page gets a clear message and reloads when someone else acted first (409)', async () => {
      const grid = await login('grid-gridworker@pukou.gov.cn');
      const raised = await grid.post('/matters/report', {
        type: 'event_report',
        title: `井盖缺失 ${STAMP}`,
        category: 1,
        description: '人行道井盖缺失',
      });
      expect(raised.status).toBe(200);
      const page = await open(DESKTOP, 'community-staff@pukou.gov.cn');
      await page.goto(`/app/matters/${raised.body.data.id}`);
      await page.locator('[data-action="accept"]').waitFor();
      const colleague = await login('community-staff@pukou.gov.cn');
      expect(
        (await colleague.post(`/matters/${raised.body.data.id}/transition`, { action: 'accept', version: raised.body.data.version }))
          .status,
      ).toBe(200);
      await page.locator('[data-action="accept"]').click();
      expect(await clickForMessage(page, page.getByRole('button', { name: '确认受理' }), '/transition', '已被他人处理')).toBe(409);
      await eventually(() => page.locator('[data-action="accept"]').count()).toBe(0);
      await eventually(() => page.locator('[data-action="dispatch"]').count()).toBe(1);
    });
  });

  describe('offline', () => {
    it('keeps a report made without network as 待发送 and sends it exactly once when back online', async () => {
      const page = await open(PHONE, 'grid-gridworker@pukou.gov.cn');
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
      await page.reload();
      await eventually(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
      // Opened online once: the report form's labels and categories are kept on the phone.
      await eventually(() =>
        page.evaluate(() =>
          ['/fields/matters', '/items/matter_categories'].every((path) =>
            Object.keys(localStorage).some((k) => k.startsWith(`zongzhi.cache.${path}`)),
          ),
        ),
      ).toBe(true);
      const title = `离线上报 ${STAMP}`;
      await page.context().setOffline(true);
      // The shell itself loads without a network; the checklist says it needs one.
      await page.reload();
      await eventually(() => page.getByTestId('daily-checklist').textContent()).toContain('当前没有网络，每日必办需联网后查看');
      await page.getByRole('navigation').getByRole('link', { name: '上报' }).waitFor();
      await report(page, title, true);
      await eventually(() => page.getByTestId('outbox').textContent()).toContain(title);
      await eventually(() => page.getByTestId('outbox').textContent()).toContain('待发送');
      await screenshot(page, 'outbox-phone');
      expect(await matterByTitle(title)).toHaveLength(0);

      await page.context().setOffline(false);
      const sent = await waitFor(
        () => matterByTitle(title),
        (list) => list.length > 0,
      );
      expect(sent).toHaveLength(1);
      expect(sent[0].attachments).toHaveLength(1);
      await eventually(() => page.getByTestId('outbox').count()).toBe(0);
      // Another load (another chance to send) sends nothing more.
      await page.reload();
      await page.getByRole('navigation').getByRole('link', { name: '上报' }).click();
      await page.waitForTimeout(1500);
      expect(await matterByTitle(title)).toHaveLength(1);
    }, 120_000);
  });
});
