// The grid worker's phone app in a real browser (Debian's Chromium, 360 × 740):
// the daily must-do checklist (每日必办) ticked from the phone and recorded by the
// server, with its refusals (a note too long, an item done meanwhile, no network);
// the report form's missing fields; and the light first load (no antd, no Refine).
// Runs in the sqlite project only, like frontend-browser.test.ts.

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CALENDAR_2026 } from '../../seed/matters.ts';
import { DEMO_PASSWORD } from '../../directus.config.ts';
import { isWorkingDay, localDateOf, makeCalendar } from '../../extensions/kernel/working-days.ts';
import { appBrowser, BROWSER_TESTS, DESKTOP, eventually, PHONE, screenshot, signIn } from '../browser/chromium.ts';
import { login, loginAdmin, type Session } from '../http.ts';
import { demoSessions } from '../office-helpers.ts';

const run = inject('database') === 'sqlite';
const STAMP = Date.now().toString(36);
const today = localDateOf(new Date());
const working = isWorkingDay(makeCalendar(CALENDAR_2026.map((d) => ({ date: d.date, kind: d.kind }))), today);
let admin: Session;
describe.runIf(run)('the phone app', BROWSER_TESTS, () => {
  const app = appBrowser();
  const phone = (email?: string) => app.open(PHONE, email);

  describe('每日必办', () => {
    const titles = { patrol: `巡查本网格 ${STAMP}`, visit: `走访独居老人 ${STAMP}`, check: `检查消防通道 ${STAMP}` };
    let grid: Session;
    const addedTemplates: number[] = [];
    const checkOf = async (title: string) =>
      (
        await admin.get(
          `/items/daily_checks?filter[template][title][_eq]=${encodeURIComponent(title)}&filter[day][_eq]=${today}&fields=id,done,note,user.email`,
        )
      ).body.data as { id: number; done: boolean; note: string | null; user: { email: string } }[];

    beforeAll(async () => {
      let community: Session;
      ({ admin, community, grid } = await demoSessions());
      for (const [title, kind] of [
        [titles.patrol, 'patrol'],
        [titles.visit, 'visit'],
        [titles.check, 'check'],
      ]) {
        const added = await community.post('/items/daily_task_templates', {
          title,
          kind,
          instructions: kind === 'visit' ? '独居老人李某，珠江路12号' : null,
        });
        expect(added.status).toBe(200);
        addedTemplates.push(added.body.data.id);
      }
    });

    // The items added here go with their checks: other files count the demo grid worker's checklist.
    afterAll(async () => {
      for (const id of addedTemplates) expect((await admin.delete(`/items/daily_task_templates/${id}`)).status).toBe(204);
    });

    it.runIf(working)('a grid worker sees today’s items on the phone, ticks one with a note, and the server records it', async () => {
      const page = await phone('grid-gridworker@pukou.gov.cn');
      const patrol = page.locator(`[data-daily-item="${titles.patrol}"]`);
      await patrol.waitFor();
      await eventually(() => page.getByTestId('daily-checklist').textContent()).toContain('独居老人李某，珠江路12号');
      expect(await patrol.getAttribute('data-done')).toBe('false');

      // A note over 1000 characters is refused on the phone; nothing is recorded.
      await patrol.getByRole('button', { name: '办理' }).click();
      await patrol.getByLabel('办理情况（选填）').fill('长'.repeat(1001));
      await patrol.getByTestId('daily-confirm').click();
      await eventually(() => patrol.textContent()).toContain('办理情况不能超过1000个字');
      expect((await checkOf(titles.patrol))[0]).toMatchObject({ done: false, note: null });

      await patrol.getByLabel('办理情况（选填）').fill('网格内无异常');
      await patrol.getByTestId('daily-confirm').click();
      await eventually(() => page.getByTestId('toast').textContent()).toContain(`已办理：${titles.patrol}`);
      await eventually(() => patrol.getAttribute('data-done')).toBe('true');
      await screenshot(page, 'daily-phone');
      const [recorded] = await checkOf(titles.patrol);
      expect(recorded).toMatchObject({ done: true, note: '网格内无异常', user: { email: 'grid-gridworker@pukou.gov.cn' } });

      // After a reload the item is still done (the server's record, not the page's memory).
      await page.reload();
      await eventually(() => page.locator(`[data-daily-item="${titles.patrol}"]`).getAttribute('data-done')).toBe('true');
    });

    it.runIf(working)(
      'says so in Chinese when an item was done meanwhile (409) or there is no network, and records nothing twice',
      async () => {
        const page = await phone('grid-gridworker@pukou.gov.cn');
        const visit = page.locator(`[data-daily-item="${titles.visit}"]`);
        await visit.waitFor();
        // The same worker ticks it on another device first.
        const [open] = await checkOf(titles.visit);
        expect((await grid.post(`/office/daily/${open!.id}/done`, { note: '另一台手机办理' })).status).toBe(200);
        await visit.getByRole('button', { name: '办理' }).click();
        await visit.getByTestId('daily-confirm').click();
        await eventually(() => page.getByTestId('toast').textContent()).toContain('未能办理：该事项已办理');
        await eventually(() => visit.getAttribute('data-done')).toBe('true');
        expect((await checkOf(titles.visit))[0]).toMatchObject({ done: true, note: '另一台手机办理' });

        const check = page.locator(`[data-daily-item="${titles.check}"]`);
        await page.context().setOffline(true);
        await check.getByRole('button', { name: '办理' }).click();
        await check.getByTestId('daily-confirm').click();
        await eventually(() => page.getByTestId('toast').textContent()).toContain('当前没有网络，未能办理，请联网后再试');
        expect(await check.getAttribute('data-done')).toBe('false');
        await page.context().setOffline(false);
        expect((await checkOf(titles.check))[0]).toMatchObject({ done: false });
      },
    );

    it.runIf(working)('refuses, through the API, ticking another worker’s item', async () => {
      const other = await login('community-staff@pukou.gov.cn');
      const [item] = await checkOf(titles.check);
      expect((await other.post(`/office/daily/${item!.id}/done`, {})).status).toBe(403);
      expect((await checkOf(titles.check))[0]).toMatchObject({ done: false });
    });
  });

  describe('the report form and the session', () => {
    it('names every missing field in Chinese and sends nothing', async () => {
      const page = await phone('grid-gridworker@pukou.gov.cn');
      const sent: string[] = [];
      page.on('request', (r) => r.method() === 'POST' && sent.push(new URL(r.url()).pathname));
      await page.getByRole('navigation').getByRole('link', { name: '上报' }).click();
      await page.getByTestId('submit-report').click();
      const alerts = page.getByRole('alert');
      await eventually(() => alerts.allTextContents()).toEqual(['请填写标题', '请选择事项分类', '请填写事件描述']);
      await eventually(() => page.getByTestId('toast').textContent()).toContain('请按提示补全上报内容');
      await page.getByLabel('纬度').fill('95');
      await page.getByTestId('submit-report').click();
      await eventually(() => alerts.allTextContents()).toContain('纬度应在 -90 到 90 之间');
      expect(sent.filter((p) => p.startsWith('/matters') || p.startsWith('/files'))).toEqual([]);
      await screenshot(page, 'report-errors-phone');
    });

    it('sends a visitor without a session to the login, and an expired session there with a message', async () => {
      const page = await phone();
      await page.goto('/app/report');
      await page.waitForURL(/\/app\/login$/);
      await signIn(page, 'grid-gridworker@pukou.gov.cn', DEMO_PASSWORD);
      await page.getByRole('navigation').waitFor();
      await page.context().clearCookies();
      await page.goto('/app/todos');
      await page.waitForURL(/\/app\/login$/);
      await eventually(() => page.getByTestId('expired').textContent()).toContain('登录已过期，请重新登录');
      await page.getByLabel('账号（电子邮箱）').fill('grid-gridworker@pukou.gov.cn');
      await page.getByLabel('密码').fill('wrong-password');
      await page.getByRole('button', { name: '登录' }).click();
      await eventually(() => page.getByRole('alert').first().textContent()).toContain('账号或密码错误');
      await screenshot(page, 'login-phone');
    });

    it('loads no antd and no Refine for the phone tabs, and the office app for a matter on the phone', async () => {
      const page = await phone('grid-gridworker@pukou.gov.cn');
      await page.getByRole('navigation').getByRole('link', { name: '待办' }).click();
      await page.getByTestId('phone-todos').waitFor();
      expect(await page.locator('[class*="ant-"]').count()).toBe(0);
      // A matter's detail is the office app's screen, in the phone layout with the same tabs.
      const raised = await (await login('grid-gridworker@pukou.gov.cn')).post('/matters/report', {
        type: 'event_report',
        title: `手机详情 ${STAMP}`,
        category: 1,
        description: '测试',
      });
      expect(raised.status).toBe(200);
      await page.goto(`/app/matters/${raised.body.data.id}`);
      await eventually(() => page.locator('body').textContent()).toContain(`手机详情 ${STAMP}`);
      await page.getByRole('navigation').getByRole('link', { name: '每日必办' }).click();
      await page.getByTestId('daily-checklist').waitFor();
      expect(await page.locator('[class*="ant-"]').count()).toBe(0);
    });
  });

  // Issue 15: fields an administrator adds to matters in Studio (here through the REST API).
  describe('the administrator’s fields on the report form and the matter page', () => {
    const amount = `amount_${STAMP}`;
    const scene = `scene_${STAMP}`;
    const person = `person_${STAMP}`;
    const photoField = `photo_${STAMP}`;
    beforeAll(async () => {
      admin ??= await loginAdmin();
      const zh = (translation: string) => [{ language: 'zh-CN', translation }];
      for (const field of [
        {
          field: amount,
          type: 'decimal',
          schema: { numeric_precision: 12, numeric_scale: 2 },
          meta: {
            interface: 'input',
            translations: zh('涉及金额'),
            note: '单位：元',
            validation: { [amount]: { _between: [0, 1000000] } },
            validation_message: '金额应在0到100万元之间',
          },
        },
        {
          field: scene,
          type: 'string',
          schema: { max_length: 20 },
          meta: {
            interface: 'select-dropdown',
            required: true,
            translations: zh('现场类型'),
            options: {
              choices: [
                { text: '道路', value: 'road' },
                { text: '小区', value: 'compound' },
              ],
            },
          },
        },
      ])
        expect((await admin.post('/fields/matters', field)).status).toBe(200);
      // References, as Studio makes them: a person of the registry and a photo of their own.
      for (const [field, type, iface, special, related, label] of [
        [person, 'integer', 'select-dropdown-m2o', 'm2o', 'people', '当事人'],
        [photoField, 'uuid', 'file-image', 'file', 'directus_files', '现场照片'],
      ] as const) {
        expect(
          (
            await admin.post('/fields/matters', {
              field,
              type,
              schema: {},
              meta: { interface: iface, special: [special], translations: zh(label) },
            })
          ).status,
        ).toBe(200);
        expect((await admin.post('/relations', { collection: 'matters', field, related_collection: related })).status).toBe(200);
      }
    });
    // Other files report matters without them.
    afterAll(async () => {
      for (const field of [amount, scene, person, photoField]) await admin.delete(`/fields/matters/${field}`);
    });

    it('a grid worker fills them on the phone, checked by their rules, and the office’s matter page shows them', async () => {
      const page = await phone('grid-gridworker@pukou.gov.cn');
      await page.getByRole('navigation').getByRole('link', { name: '上报' }).click();
      const title = `管理员字段 ${STAMP}`;
      await page.getByLabel('标题').fill(title);
      await page.getByRole('radio', { name: '治安隐患' }).check();
      await page.getByLabel('事件描述').fill('商铺门前积水');
      // Below the fixed fields, with their labels, notes and choices from the metadata.
      await page.getByLabel('涉及金额').waitFor();
      await eventually(() => page.locator('form').textContent()).toContain('单位：元');
      await page.getByLabel('涉及金额').fill('3000000');
      await page.getByTestId('submit-report').click();
      const alerts = page.getByRole('alert');
      await eventually(() => alerts.allTextContents()).toEqual(['金额应在0到100万元之间', '请填写现场类型']);
      await page.getByLabel('涉及金额').fill('1250.5');
      await page.getByRole('radio', { name: '小区', exact: true }).check();
      await screenshot(page, 'report-admin-fields-phone');
      await page.getByTestId('submit-report').click();
      await eventually(() => page.getByTestId('toast').textContent()).toContain('上报成功');
      const [stored] = (
        await admin.get(`/items/matters?filter[title][_eq]=${encodeURIComponent(title)}&fields=id,${amount},${scene},handler_unit.path`)
      ).body.data;
      expect({ ...stored, [amount]: Number(stored[amount]) }).toMatchObject({ [amount]: 1250.5, [scene]: 'compound' });

      // The community the report went to reads them on the matter's page, below the fixed fields.
      const office = await app.open(DESKTOP, 'community-staff@pukou.gov.cn');
      await office.goto(`/app/matters/${stored.id}`);
      await eventually(() => office.locator(`[data-field="${scene}"]`).textContent()).toBe('小区');
      await eventually(() => office.locator(`[data-field="${amount}"]`).textContent()).toBe('1250.5');
      const labels = await office.locator('.ant-descriptions-item-label').allTextContents();
      expect(labels.indexOf('涉及金额')).toBeGreaterThan(labels.indexOf('事件描述'));
      await screenshot(office, 'matter-admin-fields-desktop');
    });

    it('a grid worker chooses a person of the grid and takes a photo for the fields of their own; the matter keeps both', async () => {
      const people = (
        await admin.get(
          `/items/people?filter[unit_path][_starts_with]=${encodeURIComponent('/320111/S01/C001/G01/')}&fields=id,name&sort=id&limit=1`,
        )
      ).body.data as { id: number; name: string }[];
      const page = await phone('grid-gridworker@pukou.gov.cn');
      await page.getByRole('navigation').getByRole('link', { name: '上报' }).click();
      const title = `管理员引用字段 ${STAMP}`;
      await page.getByLabel('标题').fill(title);
      await page.getByRole('radio', { name: '治安隐患' }).check();
      await page.getByLabel('事件描述').fill('楼道堆放杂物');
      await page.getByRole('radio', { name: '道路', exact: true }).check();
      // The list offers the people the grid worker may read, by the registry's display template.
      const select = page.locator(`select[data-field="${person}"]`);
      await eventually(() => select.locator('option').count()).toBeGreaterThan(1);
      await eventually(() => select.locator(`option[value="${people[0]!.id}"]`).textContent()).toContain(people[0]!.name);
      await select.selectOption(String(people[0]!.id));
      await page.locator(`input[type="file"][data-field="${photoField}"]`).setInputFiles({
        name: 'scene.png',
        mimeType: 'image/png',
        buffer: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'),
      });
      await page.getByAltText('现场照片').waitFor();
      await page.getByTestId('submit-report').click();
      await eventually(() => page.getByTestId('toast').textContent()).toContain('上报成功');
      const [stored] = (
        await admin.get(
          `/items/matters?filter[title][_eq]=${encodeURIComponent(title)}&fields=id,${person},${photoField},attachments.directus_files_id`,
        )
      ).body.data;
      expect(stored[person]).toBe(people[0]!.id);
      expect(stored[photoField]).toMatch(/^[0-9a-f-]{36}$/);
      // The photo is also among the matter's attachments (whoever sees the matter sees it).
      expect(stored.attachments).toEqual([{ directus_files_id: stored[photoField] }]);
      // The community's matter page names the person as the registry shows people.
      const office = await app.open(DESKTOP, 'community-staff@pukou.gov.cn');
      await office.goto(`/app/matters/${stored.id}`);
      await eventually(() => office.locator(`[data-field="${person}"]`).textContent()).toContain(people[0]!.name);
    });
  });
});
