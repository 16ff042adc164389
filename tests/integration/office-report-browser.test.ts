// 事项登记 in the office app, in a real browser (Debian's Chromium, 1440 × 900): a
// community's staff registers an event, with a field an administrator added to
// matters (issue 15 part 2; here through the REST API, as Studio does), checked first
// by the form and then by the server, whose refusal is shown at the form with what
// was typed kept and nothing stored; an answer lost on the way stores one matter;
// the matter's page shows the field. A street office assigns a task to one of its
// communities, and a matter to a district department (部门交办); a leader is offered
// no form; the English switch speaks English.
// Runs in the sqlite project only, like the other browser suites.

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import zhCN from '../../frontend/src/i18n/zh-CN.ts';
import { appBrowser, BROWSER_TESTS, DESKTOP, eventually, screenshot } from '../browser/chromium.ts';
import { loginAdmin, type Session } from '../http.ts';

const run = inject('database') === 'sqlite';
const STAMP = Date.now().toString(36);
/** A text field an administrator adds to matters: 核查编号. */
const CHECK = `check_no_${STAMP}`;
let admin: Session;

/** Picks an option of the antd Select under the form label. */
async function choose(page: Page, label: string, option: string) {
  const item = page.locator('.ant-form-item').filter({ has: page.locator(`label[title="${label}"]`) });
  await item.locator('.ant-select-selector').click();
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: option })
    .first()
    .click();
  await eventually(() => item.locator('.ant-select-selection-item').textContent()).toBe(option);
  await eventually(() => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').count()).toBe(0);
}

/** The options the antd Select under the form label offers. */
async function optionsOf(page: Page, label: string): Promise<string[]> {
  const item = page.locator('.ant-form-item').filter({ has: page.locator(`label[title="${label}"]`) });
  await item.locator('.ant-select-selector').click();
  const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  await dropdown.locator('.ant-select-item-option').first().waitFor();
  const options = await dropdown.locator('.ant-select-item-option').allTextContents();
  await page.keyboard.press('Escape');
  await eventually(() => dropdown.count()).toBe(0);
  return options;
}

const stored = async (title: string) =>
  (
    await admin.get(
      `/items/matters?filter[title][_eq]=${encodeURIComponent(title)}&fields=id,type,status,urgency,source,client_ref,people_involved,${CHECK},handler_unit.path,unit.path`,
    )
  ).body.data as Record<string, any>[];

/** The form's own error under a field. */
const fieldError = (page: Page, label: string) =>
  page
    .locator('.ant-form-item')
    .filter({ has: page.locator(`label[title="${label}"]`) })
    .locator('.ant-form-item-explain-error');

describe.runIf(run)('事项登记 in the office app', BROWSER_TESTS, () => {
  const app = appBrowser();

  beforeAll(async () => {
    admin = await loginAdmin();
    const added = await admin.post('/fields/matters', {
      field: CHECK,
      type: 'string',
      schema: { max_length: 30 },
      meta: {
        interface: 'input',
        width: 'half',
        note: '核查单上的编号',
        translations: [
          { language: 'zh-CN', translation: '核查编号' },
          { language: 'en-US', translation: 'Check number' },
        ],
        validation: { [CHECK]: { _starts_with: 'HC' } },
        validation_message: '核查编号应以HC开头',
      },
    });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
  });

  // Other files report matters without it.
  afterAll(async () => {
    await admin?.delete(`/fields/matters/${CHECK}`);
  });

  it('community staff register an event with the administrator’s field, refused by the form, then by the server, then stored once', async () => {
    const page = await app.open(DESKTOP, 'community-staff@pukou.gov.cn');
    await page.goto('/app/matters');
    await page.getByTestId('register-matter').click();
    await page.waitForURL(/\/app\/matters\/new$/);
    // Also in the menu, under 事项.
    await eventually(() => page.locator('.ant-layout-sider a[href="/app/matters/new"]').count()).toBeGreaterThan(0);
    await page.getByLabel('核查编号').waitFor();

    // A community raises what goes up and gives tasks to its grids; departments are for the district's and streets' offices.
    expect(await optionsOf(page, '事项类型')).toEqual(['事件上报', '任务分派', '请示', '求助']);
    await eventually(() => page.getByTestId('register-form').textContent()).toContain('将上报至本单位的上级单位');
    const title = `楼道堆物 ${STAMP}`;
    await page.getByLabel('标题', { exact: true }).fill(title);
    await choose(page, '事项分类', '安全隐患');
    await choose(page, '紧急程度', '紧急');
    await choose(page, '来源', '群众来访');
    await page.getByLabel('发生地点').fill('求雨山社区5栋2单元');
    await page.getByLabel('涉及人员').fill('5栋住户张某');
    await page.getByLabel('事件描述').fill('三楼楼道堆放纸箱杂物，堵塞消防通道');
    await page.getByLabel('已采取措施或建议').fill('已口头提醒住户清理');
    // The administrator's field below the fixed ones, with its note; its rule checked in the browser first.
    await eventually(() => page.getByTestId('register-admin-fields').textContent()).toContain('核查单上的编号');
    await page.getByLabel('核查编号').fill('XX-1');
    await page.getByTestId('register-submit').click();
    await eventually(() => fieldError(page, '核查编号').textContent()).toBe('核查编号应以HC开头');
    expect(await stored(title)).toEqual([]);

    // Meanwhile the administrator tightens the rule: the open form still knows the old one, the server the new.
    const tightened = await admin.patch(`/fields/matters/${CHECK}`, {
      meta: { validation: { [CHECK]: { _regex: '^HC[0-9]{6}$' } }, validation_message: '核查编号应为HC加6位数字' },
    });
    expect(tightened.status, JSON.stringify(tightened.body)).toBe(200);
    await page.getByLabel('核查编号').fill('HC-1');
    await page.getByTestId('register-submit').click();
    const refusal = page.getByTestId('register-refusal');
    await eventually(() => refusal.textContent()).toContain('“核查编号”不符合填写要求：核查编号应为HC加6位数字');
    await eventually(() => fieldError(page, '核查编号').textContent()).toContain('核查编号应为HC加6位数字');
    // What was typed stays; nothing was stored.
    expect(await page.getByLabel('标题', { exact: true }).inputValue()).toBe(title);
    expect(await page.getByLabel('事件描述').inputValue()).toBe('三楼楼道堆放纸箱杂物，堵塞消防通道');
    expect(await stored(title)).toEqual([]);
    await screenshot(page, 'office-register-refused');

    // Corrected and sent; the first answer is lost on the way (the server stored the matter): sent again, the
    // same submission id gives that matter, not a second one.
    await page.getByLabel('核查编号').fill('HC202612');
    let lost = false;
    await page.route('**/matters/report', async (route) => {
      if (lost) return route.continue();
      lost = true;
      await route.fetch();
      await route.abort('connectionreset');
    });
    await screenshot(page, 'office-register-form');
    await page.getByTestId('register-submit').click();
    await eventually(() => refusal.textContent()).toContain('网络连接失败');
    expect(await stored(title)).toHaveLength(1);
    await page.getByTestId('register-submit').dblclick();
    await page.waitForURL(/\/app\/matters\/\d+$/);
    const [matter, ...more] = await stored(title);
    expect(more).toEqual([]);
    expect(page.url()).toMatch(new RegExp(`/app/matters/${matter!.id}$`));
    expect(matter).toMatchObject({
      type: 'event_report',
      status: 'pending_acceptance',
      urgency: 'urgent',
      source: 'visit',
      people_involved: '5栋住户张某',
      [CHECK]: 'HC202612',
      unit: { path: '/320111/S01/C001/' },
      handler_unit: { path: '/320111/S01/' },
    });
    expect(matter!.client_ref).toMatch(/^[0-9a-f-]{36}$/);

    // The matter's page shows the administrator's field below the fixed ones.
    await eventually(() => page.locator(`[data-field="${CHECK}"]`).textContent()).toBe('HC202612');
    const labels = await page.locator('.ant-descriptions-item-label').allTextContents();
    expect(labels.indexOf('核查编号')).toBeGreaterThan(labels.indexOf('事件描述'));
  });

  it('a street office assigns a task to one of its communities', async () => {
    const page = await app.open(DESKTOP, 'street-staff@pukou.gov.cn');
    await page.goto('/app/matters/new');
    await page.getByTestId('register-form').waitFor();
    expect(await optionsOf(page, '事项类型')).toEqual(expect.arrayContaining(['事件上报', '任务分派']));
    await choose(page, '事项类型', '任务分派');
    // The communities of 江浦街道, nothing of another street.
    expect(await optionsOf(page, '承办单位（直属下级单位）')).toEqual(['求雨山社区', '象山社区', '惠济社区']);
    await choose(page, '承办单位（直属下级单位）', '象山社区');
    const title = `排查沿街商铺消防隐患 ${STAMP}`;
    await page.getByLabel('标题', { exact: true }).fill(title);
    await choose(page, '事项分类', '安全隐患');
    await choose(page, '来源', '上级交办');
    await page.getByLabel('事件描述').fill('请于本周内完成辖区沿街商铺消防隐患排查并反馈');
    await screenshot(page, 'office-register-task');
    await page.getByTestId('register-submit').click();
    await page.waitForURL(/\/app\/matters\/\d+$/);
    const [matter, ...more] = await stored(title);
    expect(more).toEqual([]);
    expect(matter).toMatchObject({
      type: 'task',
      status: 'pending_sign',
      source: 'superior',
      unit: { path: '/320111/S01/' },
      handler_unit: { path: '/320111/S01/C002/' },
      [CHECK]: null,
    });
    await eventually(() => page.locator('[data-field="handler_unit"]').textContent()).toBe('象山社区');
  });

  it('a street office assigns a matter to a district department it may not read (部门交办)', async () => {
    const page = await app.open(DESKTOP, 'street-staff@pukou.gov.cn');
    // The units list of a street shows its own subtree only: the departments come from /matters/report-targets.
    const readable = await page.evaluate(async () => {
      const answer = await fetch('/items/units?filter[kind][_neq]=office&fields=id', { credentials: 'include' });
      return (await answer.json()).data?.length ?? -1;
    });
    expect(readable).toBe(0);
    await page.goto('/app/matters/new');
    await page.getByTestId('register-form').waitFor();
    expect(await optionsOf(page, '事项类型')).toEqual(expect.arrayContaining(['事件上报', '任务分派', '部门交办']));
    await choose(page, '事项类型', '部门交办');
    expect(await optionsOf(page, '承办单位（职能部门或成员单位）')).toEqual(
      expect.arrayContaining(['浦口公安分局', '区城市管理局', '大联勤指挥中心']),
    );
    await choose(page, '承办单位（职能部门或成员单位）', '区城市管理局');
    const title = `沿街占道经营整治 ${STAMP}`;
    await page.getByLabel('标题', { exact: true }).fill(title);
    await choose(page, '事项分类', '安全隐患');
    await page.getByLabel('事件描述').fill('江浦街道珠江路沿线占道经营反复出现，请城管局牵头整治');
    await page.getByTestId('register-submit').click();
    await page.waitForURL(/\/app\/matters\/\d+$/);
    const [matter, ...more] = await stored(title);
    expect(more).toEqual([]);
    expect(matter).toMatchObject({
      type: 'department_assignment',
      status: 'pending_sign',
      unit: { path: '/320111/S01/' },
      handler_unit: { path: '/320111/CGJ/' },
    });
  });

  it('offers a leader no form, no button and no menu entry', async () => {
    const page = await app.open(DESKTOP, 'street-leader@pukou.gov.cn');
    await page.goto('/app/matters');
    await eventually(() => page.locator('.ant-table-row, .ant-empty').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('register-matter').count()).toBe(0);
    expect(await page.locator('a[href="/app/matters/new"]').count()).toBe(0);
    await page.goto('/app/matters/new');
    await eventually(() => page.getByTestId('register-closed').textContent()).toContain('领导账号只能查阅和批示，不能登记事项');
  });

  it('speaks English after the switch, with no Chinese words of its own', async () => {
    const page = await app.open(DESKTOP, 'community-staff@pukou.gov.cn');
    await page.evaluate(() => localStorage.setItem('zongzhi.locale', 'en-US'));
    await page.goto('/app/matters/new');
    const form = page.getByTestId('register-form');
    await eventually(() => form.textContent()).toContain('It goes to the unit above yours.');
    await page.getByLabel('Check number').waitFor();
    const text = (await page.locator('body').textContent()) ?? '';
    for (const shown of ['Register a matter', 'Goes to', 'Title', 'Description', 'Register']) expect(text).toContain(shown);
    const own = [...Object.values(zhCN.register), zhCN.matters.toParent, zhCN.menu.registerMatter];
    expect(own.filter((words) => text.includes(words))).toEqual([]);
    expect(await optionsOf(page, 'Type')).toEqual(['Event report', 'Task', 'Request for instructions', 'Request for help']);
  });
});
