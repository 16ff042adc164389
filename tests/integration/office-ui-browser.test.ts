// The office side in a real browser (Debian's Chromium, headless) against this
// project's Directus with the demo data: a validation rule and a condition an
// administrator adds through the API take effect in the generated form; rich text
// and a map point are edited and shown (and stored HTML is sanitised on display);
// the matters list filters by deadline light and handling unit; the unit tree and
// the user administration of a unit's system administrator. Runs in the sqlite
// project only, like the other browser suite; screenshots go to .test-data/screenshots.

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { localDayStart } from '../../extensions/kernel/working-days.ts';
import { ROLES } from '../../schema/access.ts';
import { appBrowser, BROWSER_TESTS, DESKTOP, eventually, PHONE, screenshot } from '../browser/chromium.ts';
import { baseUrl, login, loginAdmin, unitIds, waitFor, type Session } from '../http.ts';

const run = inject('database') === 'sqlite';
const STAMP = Date.now().toString(36);
let admin: Session;
let units: Map<string, number>;
const formItem = (page: Page, label: string) => page.locator('.ant-form-item').filter({ has: page.locator(`label[title="${label}"]`) });

/** Picks an option of the antd Select (or TreeSelect) under the form label. */
async function choose(page: Page, label: string, option: string) {
  await formItem(page, label).locator('.ant-select-selector').click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByText(option, { exact: true }).first().click();
  await eventually(() => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').count()).toBe(0);
}

async function fillDate(page: Page, label: string, date: string) {
  await page.getByLabel(label).fill(date);
  await page.getByLabel(label).press('Enter');
  await eventually(() => page.getByLabel(label).inputValue()).toBe(date);
}

async function recordsTitled(title: string) {
  const answer = await admin.get(`/items/activity_records?filter[title][_eq]=${encodeURIComponent(title)}&fields=*&limit=-1`);
  expect(answer.status).toBe(200);
  return answer.body.data as Record<string, any>[];
}

/** A browser flow on a busy two-core machine. */
const SLOW = 180_000;

describe.runIf(run)('the office side in a browser', BROWSER_TESTS, () => {
  const app = appBrowser();
  const open = (email: string) => app.open(DESKTOP, email);
  beforeAll(async () => {
    admin = await loginAdmin();
    units = await unitIds(admin);
  });

  describe('validation and conditions from the field metadata', () => {
    const badge = `badge_${STAMP}`;
    const escort = `escort_${STAMP}`;
    const titles: string[] = [];
    afterAll(async () => {
      for (const t of titles) for (const r of await recordsTitled(t)) await admin.delete(`/items/activity_records/${r.id}`);
      await admin.delete(`/fields/activity_records/${badge}`);
      await admin.delete(`/fields/activity_records/${escort}`);
    });

    it(
      'checks a rule and shows a field only when its condition holds, as an administrator set them in Studio',
      async () => {
        const rule = await admin.post('/fields/activity_records', {
          field: badge,
          type: 'string',
          schema: { max_length: 20 },
          meta: {
            interface: 'input',
            width: 'half',
            translations: [
              { language: 'zh-CN', translation: '巡逻证号' },
              { language: 'en-US', translation: 'Patrol badge' },
            ],
            validation: { _and: [{ [badge]: { _regex: '^[A-Z]{2}\\d{4}$' } }] },
            validation_message: '巡逻证号须为两个大写字母加四位数字',
          },
        });
        expect(rule.status).toBe(200);
        const condition = await admin.post('/fields/activity_records', {
          field: escort,
          type: 'string',
          schema: { max_length: 50 },
          meta: {
            interface: 'input',
            width: 'half',
            hidden: true,
            translations: [
              { language: 'zh-CN', translation: '陪同民警' },
              { language: 'en-US', translation: 'Escorting officer' },
            ],
            conditions: [{ name: '巡逻时填写', rule: { _and: [{ activity_type: { _eq: 'patrol' } }] }, hidden: false, required: true }],
          },
        });
        expect(condition.status).toBe(200);

        const page = await open('community-staff@pukou.gov.cn');
        await page.goto('/app/data/activity_records/create');
        await page.locator('label[title="巡逻证号"]').waitFor();
        expect(await page.locator('label[title="陪同民警"]').count()).toBe(0);

        // A meeting: the escort stays hidden, the minutes (a condition in our own schema) appear.
        await choose(page, '活动类型', '会议');
        await page.locator('label[title="会议纪要"]').waitFor();
        expect(await page.locator('label[title="陪同民警"]').count()).toBe(0);
        // A patrol: the escort appears and is required; the minutes go.
        await choose(page, '活动类型', '巡逻');
        await page.locator('label[title="陪同民警"]').waitFor();
        expect(await page.locator('label[title="会议纪要"]').count()).toBe(0);

        const title = `规则与条件 ${STAMP}`;
        titles.push(title);
        await fillDate(page, '活动日期', '2026-11-21');
        await page.getByLabel('标题').fill(title);
        await page.getByLabel('巡逻证号').fill('pk12');
        // Coming back to the tab (as after looking something up elsewhere) keeps what was typed.
        await page.evaluate(() => window.dispatchEvent(new Event('visibilitychange')));
        await page.waitForTimeout(1500);
        expect(await page.getByLabel('标题').inputValue()).toBe(title);
        await page.getByRole('button', { name: '保存' }).click();
        await eventually(() => formItem(page, '巡逻证号').textContent()).toContain('巡逻证号须为两个大写字母加四位数字');
        await eventually(() => formItem(page, '陪同民警').textContent()).toContain('请填写陪同民警');
        await screenshot(page, 'office-form-rules-desktop');
        expect(page.url()).toContain('/create');
        expect(await recordsTitled(title)).toHaveLength(0);

        await page.getByLabel('巡逻证号').fill('PK0012');
        await page.getByLabel('陪同民警').fill('李警官');
        await eventually(() => formItem(page, '巡逻证号').locator('.ant-form-item-explain-error').count()).toBe(0);
        await page.getByRole('button', { name: '保存' }).click();
        await page.waitForURL(/\/data\/activity_records\/show\/\d+/);
        await eventually(() => page.locator(`[data-field="${badge}"]`).textContent()).toBe('PK0012');
        await eventually(() => page.locator(`[data-field="${escort}"]`).textContent()).toBe('李警官');
        const [stored] = await recordsTitled(title);
        expect(stored).toMatchObject({ [badge]: 'PK0012', [escort]: '李警官', activity_type: 'patrol' });
      },
      SLOW,
    );

    it('is enforced by the server too: a bad value through the API is refused and not stored', async () => {
      const staff = await login('community-staff@pukou.gov.cn');
      const title = `规则绕过 ${STAMP}`;
      titles.push(title);
      const answer = await staff.post('/items/activity_records', {
        title,
        activity_type: 'patrol',
        occurred_on: '2026-11-21',
        [badge]: 'pk12',
      });
      expect(answer.status).toBe(400);
      expect(await recordsTitled(title)).toHaveLength(0);
    });
  });

  describe('rich text and a map point', () => {
    const summary = `summary_${STAMP}`;
    const spot = `spot_${STAMP}`;
    const community = () => units.get('/320111/S01/C001/')!;
    const title = `富文本与位置 ${STAMP}`;
    afterAll(async () => {
      for (const r of await recordsTitled(title)) await admin.delete(`/items/activity_records/${r.id}`);
      await admin.delete(`/fields/activity_records/${summary}`);
      await admin.delete(`/fields/activity_records/${spot}`);
      await admin.patch(`/items/units/${community()}`, { centre_lat: null, centre_lng: null });
    });

    it(
      'edits bold text and sets a point by a click on our own reference map; shows both, sanitised',
      async () => {
        expect(
          (
            await admin.post('/fields/activity_records', {
              field: summary,
              type: 'text',
              meta: { interface: 'input-rich-text-html', translations: [{ language: 'zh-CN', translation: '活动摘要' }] },
            })
          ).status,
        ).toBe(200);
        // A GeoJSON point in a JSON column, as Studio's map interface offers it: geometry columns need
        // Spatialite on SQLite (PostGIS on PostgreSQL), which a plain installation lacks.
        const point = {
          field: spot,
          type: 'json',
          meta: {
            interface: 'map',
            options: { geometryType: 'Point', geometryFormat: 'geojson' },
            translations: [{ language: 'zh-CN', translation: '活动地点坐标' }],
          },
        };
        expect((await admin.post('/fields/activity_records', point)).status).toBe(200);
        // A reference point of our own data: the community's centre (test data, not real geography).
        expect((await admin.patch(`/items/units/${community()}`, { centre_lat: 32.06, centre_lng: 118.63 })).status).toBe(200);

        const page = await open('community-staff@pukou.gov.cn');
        const loaded: string[] = [];
        page.on('request', (r) => loaded.push(r.url()));
        await page.goto('/app/data/activity_records/create');
        await page.locator('label[title="活动摘要"]').waitFor();
        await choose(page, '活动类型', '走访');
        await fillDate(page, '活动日期', '2026-11-22');
        await page.getByLabel('标题').fill(title);
        const area = page.getByTestId('rich-text-area');
        await area.click();
        await page.keyboard.type('走访独居老人');
        await page.keyboard.press('Control+A');
        await page.getByRole('button', { name: '加粗' }).click();

        // The map is drawn from our reference point; a click in the middle sets the point.
        const map = page.getByTestId('point-map');
        await map.waitFor();
        await eventually(() => map.textContent()).toContain('求雨山社区');
        const box = (await map.boundingBox())!;
        await map.click({ position: { x: box.width / 2, y: box.height / 2 } });
        await page.getByTestId('point-marker').waitFor();
        await eventually(() => page.getByLabel('纬度').inputValue()).toMatch(/^32\.0\d+/);
        await screenshot(page, 'office-richtext-map-desktop');
        await page.getByRole('button', { name: '保存' }).click();
        await page.waitForURL(/\/data\/activity_records\/show\/\d+/);
        await eventually(() => page.locator(`[data-field="${summary}"] b, [data-field="${summary}"] strong`).textContent()).toBe(
          '走访独居老人',
        );
        await page.locator(`[data-field="${spot}"] [data-testid="point-marker"]`).waitFor();

        const [stored] = await recordsTitled(title);
        expect(stored![summary]).toMatch(/<(b|strong)>走访独居老人<\/(b|strong)>/);
        const [lon, lat] = stored![spot].coordinates;
        expect(Math.abs(lat - 32.06)).toBeLessThan(0.01);
        expect(Math.abs(lon - 118.63)).toBeLessThan(0.01);
        // Nothing came from outside this server (no tiles, no CDN).
        expect(loaded.filter((u) => !u.startsWith(baseUrl()) && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual([]);

        // HTML written by another client is cleaned before it is shown.
        const hostile =
          '<p>好</p><img src=x onerror="window.__xss=1"><script>window.__xss=2</script><a href="javascript:window.__xss=3">链接</a>';
        expect((await admin.patch(`/items/activity_records/${stored!.id}`, { [summary]: hostile })).status).toBe(200);
        await page.reload();
        await eventually(() => page.locator(`[data-field="${summary}"]`).textContent()).toContain('好');
        const shown = await page.locator(`[data-field="${summary}"]`).innerHTML();
        expect(shown).not.toMatch(/<img|<script|javascript:|onerror/);
        expect(await page.evaluate(() => (window as any).__xss)).toBeUndefined();
      },
      SLOW,
    );
  });

  describe('the matters list', () => {
    const titles = { overdue: `超期 ${STAMP}`, red: `到期 ${STAMP}`, yellow: `临期 ${STAMP}`, green: `正常 ${STAMP}` };
    const hours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

    it(
      'filters by deadline light and by handling unit',
      async () => {
        const grid = await login('grid-gridworker@pukou.gov.cn');
        const category = (await admin.get('/items/matter_categories?filter[code][_eq]=MDJF&fields=id')).body.data[0].id;
        const ids: Record<string, number> = {};
        for (const [light, title] of Object.entries(titles)) {
          // 特急: deadlines in minutes and hours, so the lights are wall-clock fractions whatever the day.
          const reported = await grid.post('/matters/report', {
            type: 'event_report',
            title,
            category,
            urgency: 'extra_urgent',
            description: '灯色筛选测试',
          });
          expect(reported.status).toBe(200);
          ids[light] = reported.body.data.id;
        }
        // Deadlines set as the reminder tests do: passed before today (China time), passed today (at its midnight), 90 % used, 10 % used.
        const today = localDayStart(new Date()).getTime();
        const before = (ms: number) => new Date(today - ms).toISOString();
        await admin.patch(`/items/matters/${ids.overdue}`, { sign_due_at: before(3_600_000), due_at: before(3_600_000) });
        await admin.patch(`/items/matters/${ids.red}`, { sign_due_at: before(0), due_at: before(0) });
        await admin.patch(`/items/matters/${ids.yellow}`, { date_created: hours(-9), sign_due_at: hours(1), due_at: hours(40) });
        await admin.patch(`/items/matters/${ids.green}`, { sign_due_at: hours(9), due_at: hours(40) });
        const yellow = (await admin.get(`/items/matters/${ids.yellow}?fields=status,date_created,sign_due_at`)).body.data;
        expect(Date.parse(yellow.date_created)).toBeLessThan(Date.now() - 8 * 3_600_000);
        // Deadlines changed by hand: the worker's scan brings the stored light (yellow_at) up to date.
        await waitFor(
          () => admin.get(`/items/matters/${ids.yellow}?fields=yellow_at`),
          (a) => Date.parse(a.body.data.yellow_at) <= Date.now(),
        );

        const page = await open('street-staff@pukou.gov.cn');
        await page.goto('/app/matters');
        await page.getByPlaceholder('编号、标题、内容').fill(STAMP);
        await page.getByPlaceholder('编号、标题、内容').press('Enter');
        const rows = () => page.locator('.ant-table-tbody tr.ant-table-row').allTextContents();
        await eventually(async () => (await rows()).length).toBe(4);

        for (const [light, label] of [
          ['overdue', '已超期'],
          ['red', '已到期'],
          ['yellow', '临期'],
          ['green', '正常'],
        ] as const) {
          await page.getByTestId('filter-light').click();
          await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByText(label, { exact: true }).click();
          await eventually(async () => (await rows()).join('|')).toContain(titles[light]);
          await eventually(async () => (await rows()).length).toBe(1);
        }
        await screenshot(page, 'office-matters-filters-desktop');
        await page.getByTestId('filter-light').hover();
        await page.getByTestId('filter-light').locator('.ant-select-clear').click();
        await eventually(async () => (await rows()).length).toBe(4);

        // Handled by 求雨山社区: found under it and under the street, not under 象山社区.
        for (const [unit, count] of [
          ['象山社区', 0],
          ['求雨山社区', 4],
        ] as const) {
          await page.getByTestId('filter-unit').click();
          await page.keyboard.type(unit);
          await page
            .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree-node-content-wrapper')
            .filter({ hasText: new RegExp(`^${unit}$`) })
            .click();
          await eventually(async () => (await rows()).length).toBe(count);
        }
      },
      SLOW,
    );
  });

  describe('a registry list', () => {
    it(
      'opens with the columns people look for, filters by a shown field and by unit, and exports through an approved request',
      async () => {
        const page = await open('community-staff@pukou.gov.cn');
        await page.goto('/app/data/people');
        const head = page.locator('.ant-table-thead');
        await eventually(() => head.textContent()).toContain('姓名');
        const columns = await head.textContent();
        for (const title of ['身份证号码（脱敏）', '性别', '现住地详址', '所属单位']) expect(columns).toContain(title);
        expect(columns).not.toContain('户号');
        const rows = page.locator('.ant-table-tbody tr.ant-table-row');
        await eventually(() => rows.count()).toBeGreaterThan(5);

        // 性别 is a code table: the filter offers its words; every row shown is then 女.
        await page.locator('[data-filter="sex"] .ant-select-selector').click();
        await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByText('女', { exact: true }).click();
        await page.keyboard.press('Escape');
        await eventually(async () => {
          const texts = await rows.allTextContents();
          return texts.length > 0 && texts.every((r) => r.includes('女') && !r.includes('男'));
        }).toBe(true);
        // The unit and those below: the first grid only.
        await page.getByTestId('filter-unit').click();
        await page.keyboard.type('求雨山社区第二网格');
        await page
          .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree-node-content-wrapper')
          .filter({ hasText: /^求雨山社区第二网格$/ })
          .click();
        await eventually(async () => {
          const texts = await rows.allTextContents();
          return texts.length > 0 && texts.every((r) => r.includes('求雨山社区第二网格'));
        }).toBe(true);
        await screenshot(page, 'data-list-filters-desktop');

        // 申请导出: a reason, sent to the street for approval.
        const reason = `网格核对 ${STAMP}`;
        await page.getByTestId('ask-export').click();
        await page.getByPlaceholder('写明导出用途').fill(reason);
        await page.getByRole('button', { name: /确\s*定|OK/ }).click();
        await page.waitForURL(/\/app\/exports/);
        const request = page.locator('tr', { hasText: reason });
        await eventually(() => request.locator('[data-state]').getAttribute('data-state')).toBe('pending');

        const head2 = await open('street-head@pukou.gov.cn');
        await head2.goto('/app/exports');
        await head2.locator('tr', { hasText: reason }).locator('[data-step="approve"]').click();
        await eventually(() => head2.locator('tr', { hasText: reason }).locator('[data-state]').getAttribute('data-state')).toBe(
          'approved',
        );

        await page.reload();
        const [file] = await Promise.all([
          page.waitForEvent('download', { timeout: 60_000 }),
          request.getByTestId('download-xlsx').click(),
        ]);
        expect(file.suggestedFilename()).toMatch(/^实有人口-\d+\.xlsx$/);
        await eventually(() => request.locator('[data-state]').getAttribute('data-state')).toBe('generated');
      },
      SLOW,
    );
  });

  describe('a refusal', () => {
    it('is said in Chinese, with the server’s own account behind 详情', async () => {
      const staff = await login('community-staff@pukou.gov.cn');
      const made = await staff.post('/items/activity_records', {
        activity_type: 'visit',
        occurred_on: '2026-11-20',
        title: `将被删除 ${STAMP}`,
      });
      expect(made.status).toBe(200);
      const page = await open('community-staff@pukou.gov.cn');
      await page.goto(`/app/data/activity_records/edit/${made.body.data.id}`);
      await eventually(() => page.getByLabel('标题').inputValue()).toBe(`将被删除 ${STAMP}`);
      await page.getByLabel('标题').fill(`改过 ${STAMP}`);
      // Gone before the save: Directus refuses the update (it no longer exists for anyone).
      expect((await admin.delete(`/items/activity_records/${made.body.data.id}`)).status).toBe(204);
      await page.getByRole('button', { name: '保存' }).click();
      const refusal = page.getByTestId('refusal');
      await eventually(() => refusal.textContent()).toContain('没有权限');
      expect(await refusal.textContent()).not.toMatch(/permission/i);
      await refusal.getByTestId('refusal-detail-link').click();
      await eventually(() => page.getByTestId('refusal-detail').textContent()).toMatch(/HTTP 403 · FORBIDDEN · .*permission/);
      await screenshot(page, 'refusal-detail-desktop');
    });
  });

  describe('lists on a phone', () => {
    it(
      'are cards: the title, key fields with their labels and the light; a tap opens the record',
      async () => {
        const page = await app.open(PHONE, 'community-staff@pukou.gov.cn');
        // The demo's disputes of 求雨山社区, as a list of cards, not a squeezed table.
        await page.goto('/app/data/disputes');
        const cards = page.getByTestId('list-card');
        await eventually(() => cards.count()).toBeGreaterThan(0);
        expect(await page.locator('.ant-table').count()).toBe(0);
        const first = await cards.first().innerText();
        expect(first).toMatch(/纠纷类型|风险等级|状态/);
        // Fits the phone: nothing wider than the screen.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
        await screenshot(page, 'phone-disputes-cards');
        // The record's actions are on the card; 查看 opens it.
        await cards.first().locator('.list-card-actions button').first().click();
        await page.waitForURL(/\/app\/data\/disputes\/show\//);
        await eventually(() => page.locator('.ant-descriptions').count()).toBe(1);

        // Matters: the title, status, handler and deadline, the light beside the title; a tap opens the matter.
        await page.goto('/app/matters');
        await eventually(() => cards.count()).toBeGreaterThan(0);
        expect(await cards.first().locator('.list-card-head .ant-badge, .list-card-head [data-light]').count()).toBeGreaterThan(0);
        await cards.first().click();
        await page.waitForURL(/\/app\/matters\/\d+/);
        await screenshot(page, 'phone-matter-from-card');
      },
      SLOW,
    );
  });

  describe('units and users', () => {
    const email = `ui-user-${STAMP}@pukou.gov.cn`;
    afterAll(async () => {
      const found = (await admin.get(`/users?filter[email][_eq]=${email}&fields=id`)).body.data;
      for (const u of found) await admin.delete(`/users/${u.id}`);
    });

    it(
      'shows the unit tree with staff and grids, as far as the user may read',
      async () => {
        const page = await open('community-staff@pukou.gov.cn');
        await page.goto('/app/units');
        await eventually(() => page.getByTestId('unit-title').textContent()).toBe('求雨山社区');
        // Only the own community and below: no street, no other community.
        const tree = page.getByTestId('unit-tree');
        await eventually(() => tree.textContent()).toContain('求雨山社区');
        expect(await tree.textContent()).not.toContain('江浦街道');
        expect(await tree.textContent()).not.toContain('象山社区');
        await page.getByRole('tab', { name: /人员/ }).click();
        await eventually(() => page.getByTestId('unit-staff').textContent()).toContain('专职人员');
        await page.getByRole('tab', { name: /网格/ }).click();
        await eventually(() => page.locator('.ant-tabs-tabpane-active').textContent()).toContain('第一网格');
        // A staff member is not offered user administration.
        expect(await page.getByRole('button', { name: '管理本单位用户' }).count()).toBe(0);
        await screenshot(page, 'office-units-desktop');
      },
      SLOW,
    );

    it(
      'lets a community system administrator create a grid worker below it, offering only the roles it may give',
      async () => {
        const page = await open('community-sysadmin@pukou.gov.cn');
        await page.goto('/app/units');
        await page.getByRole('button', { name: '管理本单位用户' }).click();
        await page.waitForURL(/\/app\/users\?unit=/);
        await page.getByRole('button', { name: '新建用户' }).click();
        const dialog = page.getByRole('dialog');
        await dialog.getByLabel('姓', { exact: true }).fill('周');
        await dialog.getByLabel('名', { exact: true }).fill('测试');
        await dialog.getByLabel('电子邮箱（登录账号）').fill(email);
        await dialog.getByLabel('初始密码').fill('Grid@2026x');
        await dialog.getByTestId('user-role').click();
        const options = await page
          .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
          .allTextContents();
        expect(options).toContain('网格·网格员');
        expect(options.some((o) => o.startsWith('街道·') || o.startsWith('区·'))).toBe(false);
        // A role chosen by its option's title, until the select shows it and its list has closed (a click
        // that met the list while it still moved, on a busy machine, chose nothing and left it open).
        const openList = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
        const chooseRole = async (role: string) => {
          await eventually(async () => {
            if ((await openList.count()) === 0) await dialog.getByTestId('user-role').click();
            await openList
              .locator(`.ant-select-item-option[title="${role}"]`)
              .click({ timeout: 3000 })
              .catch(() => undefined);
            return (await dialog.getByTestId('user-role').textContent()) ?? '';
          }).toContain(role);
          if (await openList.count()) await dialog.locator('.ant-modal-title').click();
          await eventually(() => openList.count()).toBe(0);
        };
        // A street role cannot even be chosen; a community role for a grid is refused by the server in Chinese.
        await chooseRole('社区·专职人员');
        await dialog.getByTestId('user-unit').click();
        await page.keyboard.type('第一网格');
        await page
          .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree-node-content-wrapper')
          .filter({ hasText: /第一网格$/ })
          .first()
          .click();
        await dialog.getByRole('button', { name: '保存' }).click();
        // The server's refusal as a message; a failure shows what the form said instead (a field it found wanting).
        const said = async () =>
          [
            await page
              .locator('.ant-message')
              .textContent({ timeout: 1000 })
              .catch(() => ''),
            ...(await dialog.locator('.ant-form-item-explain-error').allTextContents()),
            `单位：${await dialog.getByTestId('user-unit').textContent()}`,
          ].join(' | ');
        await eventually(said).toContain('不适用于');
        expect((await admin.get(`/users?filter[email][_eq]=${email}`)).body.data).toHaveLength(0);

        await chooseRole('网格·网格员');
        await dialog.getByRole('button', { name: '保存' }).click();
        await eventually(() => page.getByTestId('user-table').textContent()).toContain(email);
        const [stored] = (await admin.get(`/users?filter[email][_eq]=${email}&fields=role,unit_path,status`)).body.data;
        expect(stored).toMatchObject({
          role: ROLES.find((r) => r.key === 'grid-grid_worker')!.id,
          unit_path: '/320111/S01/C001/G01/',
          status: 'active',
        });

        // Disabled from the list.
        await page.getByTestId('user-table').locator('tr', { hasText: email }).getByRole('button', { name: '停用' }).click();
        await eventually(async () => (await admin.get(`/users?filter[email][_eq]=${email}&fields=status`)).body.data[0].status).toBe(
          'suspended',
        );
        await screenshot(page, 'office-users-desktop');
      },
      SLOW,
    );
  });

  describe('the audit log', () => {
    it(
      'is listed and filtered by the district system administrator, and offered to no one else',
      async () => {
        const page = await open('district-sysadmin@pukou.gov.cn');
        await page.goto('/app/audit');
        const table = page.getByTestId('audit-table');
        await eventually(() => table.locator('tbody tr.ant-table-row').count()).toBeGreaterThan(0);
        await page.getByTestId('audit-action').click();
        // The list of events is long (antd renders only what is in view): narrowed by typing.
        await page.keyboard.type('数据模型');
        await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByText('数据模型变更', { exact: true }).click();
        await page.keyboard.press('Escape');
        await eventually(async () => {
          const events = await table.locator('tbody tr.ant-table-row td:nth-child(2)').allTextContents();
          return events.length > 0 && events.every((e) => e === '数据模型变更');
        }).toBe(true);
        await screenshot(page, 'office-audit-desktop');

        const staff = await open('street-staff@pukou.gov.cn');
        await staff.goto('/app/');
        await eventually(() => staff.locator('.ant-layout-sider').textContent()).toContain('工作台');
        expect(await staff.locator('.ant-layout-sider').textContent()).not.toContain('安全审计');
      },
      SLOW,
    );
  });
});
