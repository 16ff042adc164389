// Directus Studio's own screens, driven in a real browser as the administrator (issue 15):
// a field added to 事项 in 设置 → 数据模型 (with its Chinese name) is offered to the
// phone's report form and stored with a grid worker's report; a collection made there
// (消防栓, with a many-to-one 所属单位 to 单位 and a text field) exists with its relation
// and joins the jurisdiction rule through a row of 辖区规则 made in the content module;
// the working-day calendar, a deadline policy, a matter category and a reminder template
// are each opened, changed and saved in the content module, the change read back through
// the REST API and then undone; the flow editor offers our four operations, and a flow of the
// administrator's gets a 工作日期限 step there that counts working days when the flow runs. Every step a
// guide shows is photographed and checked not blank: under .test-data/admin-guide in the
// suite, into the guide's own folder with `npm run admin-guide`
// (ADMIN_GUIDE_IMAGES=docs/admin-guide/images, docs/admin-guide.md).

import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PROJECT_ROOT } from '../../directus.config.ts';
import { flowId, operationId } from '../../flows/index.ts';
import { BROWSER_TESTS, eventually, launch, studioPage } from '../browser/chromium.ts';
import { type Answer, login, loginAdmin, type Session, unitIds } from '../http.ts';

// In the SQLite project with the other browser suites; the PostgreSQL one runs the crawl (the two groups balanced).
const run = inject('database') === 'sqlite';
const OUT = resolve(PROJECT_ROOT, process.env.ADMIN_GUIDE_IMAGES ?? '.test-data/admin-guide');
const STAMP = Date.now().toString(36);
// Names of their own in the suite (other files share the server); the guide's run has a server of its own and shows the plain ones.
const SUFFIX = process.env.ADMIN_GUIDE_IMAGES ? '' : `_${STAMP}`;
const FIELD = `hazard_source${SUFFIX}`;
const COLLECTION = `fire_hydrants${SUFFIX}`;
const GRID = '/320111/S01/C001/G01/';

let admin: Session, grid: Session;
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let page: Page;
const cleanup: (() => Promise<Answer>)[] = [];

/** The last drawer opened (Studio stacks them). */
const drawer = () => page.locator('.v-drawer').last();
/** The save (✓) button in the header of a drawer or of the page. */
const saveButton = (scope: Locator | Page) => scope.locator('.header-bar .actions button:has([data-icon="check"])').first();

/** Waits for the page to be still, photographs it as the guide shows it, and checks the picture is not blank. */
async function picture(name: string) {
  await page.waitForLoadState('networkidle', { timeout: 20_000 }).catch(() => undefined);
  await page
    .locator('.v-progress-circular, .v-skeleton-loader')
    .first()
    .waitFor({ state: 'detached', timeout: 15_000 })
    .catch(() => undefined);
  // Drawers slide in and menus fade for a fraction of a second.
  await page.waitForTimeout(600);
  const shot = await page.screenshot({ path: resolve(OUT, `${name}.jpg`), type: 'jpeg', quality: 75 });
  const stats = await sharp(shot).stats();
  expect(stats.entropy, `${name}: not blank`).toBeGreaterThan(1);
  expect(Math.max(...stats.channels.map((c) => c.stdev)), `${name}: not one colour`).toBeGreaterThan(10);
}

/** Opens a Studio select (its input is read-only; the box around it takes the click) and picks an option. */
async function choose(scope: Locator | Page, placeholder: string, option: string) {
  await scope.locator(`.v-input:has(input[placeholder="${placeholder}"])`).first().click();
  await page.locator('#menu-outlet .v-list-item').filter({ hasText: option }).first().click();
}

/** 创建字段 on a data model page: the interface chosen, the key typed; photographed, then saved. */
async function createField(collection: string, interfaceName: string, key: string, shot: string, more?: () => Promise<void>) {
  await page.goto(`/admin/settings/data-model/${collection}`);
  await page.getByText('创建字段', { exact: true }).first().click();
  await drawer().getByText(interfaceName, { exact: true }).first().click();
  await drawer().getByPlaceholder('唯一列名称...').fill(key);
  if (more) await more();
  await picture(shot);
  await drawer().getByRole('button', { name: '保存', exact: true }).click();
  // The new field joins the list of the model's fields.
  await page.locator('.v-drawer').waitFor({ state: 'detached' });
  await page.getByText(key, { exact: true }).first().waitFor({ state: 'visible' });
}

/** A name's translation (zh-CN) added in a list of translations: 新建, the language, the words, ✓. */
async function addChinese(section: Locator, words: string) {
  await section.getByRole('button', { name: '新建', exact: true }).click();
  const form = drawer();
  // A field's name is offered in zh-CN first, a collection's in en-US.
  const language = form.locator('input[placeholder="选择语言..."]').first();
  await language.waitFor({ state: 'visible' });
  if (!(await language.inputValue()).includes('Chinese (Simplified)')) await choose(form, '选择语言...', 'Chinese (Simplified)');
  await expect.poll(() => language.inputValue()).toBe('Chinese (Simplified)');
  await form.getByPlaceholder('输入翻译...').first().fill(words);
  return form;
}

describe.runIf(run)('Studio, as the district’s administrator', BROWSER_TESTS, () => {
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    admin = await loginAdmin();
    grid = await login('grid-gridworker@pukou.gov.cn');
    browser = await launch();
    const { adminEmail, adminPassword } = inject('directus');
    ({ context, page } = await studioPage(browser, adminEmail, adminPassword));
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  }, 600_000);

  // What the tests made goes (other files share the server): the newest first.
  afterAll(async () => {
    for (const step of cleanup.reverse()) {
      const answer = await step().catch((error) => ({ status: 0, body: String(error) }));
      if (answer.status >= 300 || answer.status === 0) console.error(`cleanup: ${answer.status} ${JSON.stringify(answer.body)}`);
    }
    await context?.close();
    await browser?.close();
  });

  it('adds a field to 事项 that a grid worker’s report fills and the server stores', async () => {
    cleanup.push(() => admin.delete(`/fields/matters/${FIELD}`));
    await page.goto('/admin/settings/data-model/matters');
    await page.getByText('创建字段', { exact: true }).first().waitFor({ state: 'visible' });
    await picture('matters-data-model');

    await createField('matters', 'Input', FIELD, 'matters-field-new');
    await eventually(async () => (await admin.get(`/fields/matters/${FIELD}`)).status).toBe(200);

    // Its Chinese name: the field opened, 字段 → 字段名称翻译 → 新建 (zh-CN is offered first), saved.
    await page.goto(`/admin/settings/data-model/matters/${FIELD}`);
    await drawer().getByText('字段', { exact: true }).first().click();
    const section = drawer().locator('.field', { hasText: '字段名称翻译' }).first();
    const translation = await addChinese(section, '隐患来源');
    await picture('matters-field-translation');
    await saveButton(translation).click();
    await drawer().locator('.field', { hasText: '字段名称翻译' }).getByText('隐患来源').first().waitFor({ state: 'visible' });
    await picture('matters-field-named');
    await saveButton(drawer()).click();
    await page.locator('.v-drawer').waitFor({ state: 'detached' });
    await eventually(async () => (await admin.get(`/fields/matters/${FIELD}`)).body.data?.meta?.translations).toEqual([
      { language: 'zh-CN', translation: '隐患来源' },
    ]);

    // The phone's report form asks for it; a report carrying it is stored with it.
    await eventually(async () => (await grid.get('/matters/admin-fields')).body.data?.report).toContain(FIELD);
    expect((await grid.get('/matters/admin-fields')).body.data.fields).toContain(FIELD);
    const ids = await unitIds(admin);
    const category = (await admin.get('/items/matter_categories?filter[code][_eq]=ZAYH&fields=id')).body.data[0].id;
    const title = `消防通道堵塞 ${STAMP}`;
    const reported = await grid.post('/matters/report', {
      type: 'event_report',
      title,
      category,
      grid: ids.get(GRID),
      description: 'Studio 新增字段验收',
      [FIELD]: '群众反映',
    });
    expect(reported.status, JSON.stringify(reported.body)).toBe(200);
    const stored = await admin.get(`/items/matters/${reported.body.data.id}?fields=title,${FIELD}`);
    expect(stored.body.data).toEqual({ title, [FIELD]: '群众反映' });
  });

  it('creates 消防栓 with 所属单位 related to 单位, and puts it under the jurisdiction rule', async () => {
    cleanup.push(() => admin.delete(`/collections/${COLLECTION}`));
    await page.goto('/admin/settings/data-model');
    await page.locator('a[href="/admin/settings/data-model/+"]').first().waitFor({ state: 'visible' });
    await picture('data-model');
    await page.locator('a[href="/admin/settings/data-model/+"]').first().click();
    await drawer().getByPlaceholder('唯一的表名...').fill(COLLECTION);
    await picture('collection-new');
    await drawer().locator('.header-bar .actions button:has([data-icon="arrow_forward"])').click();
    await drawer().getByText('启用并重命名这些可选字段').waitFor({ state: 'visible' });
    await saveButton(drawer()).click();
    await page.waitForURL((url) => url.pathname === `/admin/settings/data-model/${COLLECTION}`);

    // Its Chinese name: 模型名称的翻译 → 新建, zh-CN, 消防栓; then the model saved.
    const names = page.locator('.field', { hasText: '模型名称的翻译' }).first();
    const translation = await addChinese(names, '消防栓');
    await picture('collection-translation');
    await saveButton(translation).click();
    await names.getByText('消防栓').first().waitFor({ state: 'visible' });
    await saveButton(page).click();
    await eventually(async () => (await admin.get(`/collections/${COLLECTION}`)).body.data?.meta?.translations?.[0]?.translation).toBe(
      '消防栓',
    );

    // 所属单位: a many-to-one to 单位 (units); then a plain text field.
    await createField(COLLECTION, '多对一', 'unit', 'collection-unit-field', async () => {
      await drawer().getByPlaceholder('数据模型...').fill('units');
    });
    await createField(COLLECTION, 'Input', 'location', 'collection-text-field');
    await picture('collection-fields');

    const collection = await admin.get(`/collections/${COLLECTION}`);
    expect(collection.status).toBe(200);
    const relation = await admin.get(`/relations/${COLLECTION}/unit`);
    expect(relation.status, JSON.stringify(relation.body)).toBe(200);
    expect(relation.body.data).toMatchObject({ collection: COLLECTION, field: 'unit', related_collection: 'units' });
    const fields = (await admin.get(`/fields/${COLLECTION}`)).body.data.map((f: { field: string; type: string }) => [f.field, f.type]);
    expect(fields).toEqual(
      expect.arrayContaining([
        ['unit', 'integer'],
        ['location', 'string'],
      ]),
    );

    // 系统管理 → 辖区规则: a row naming the collection, 录入层级 chosen in words; the system adds the rest.
    cleanup.push(() => admin.delete(`/items/jurisdiction_rules/${COLLECTION}`));
    await page.goto('/admin/content/jurisdiction_rules/+');
    await choose(page, '选择模型', '消防栓');
    await choose(page, '选择一个条目...', '社区和网格录入、上级只读');
    await picture('jurisdiction-rule-new');
    await saveButton(page).click();
    await page.waitForURL((url) => url.pathname === '/admin/content/jurisdiction_rules');
    await eventually(async () => (await admin.get(`/items/jurisdiction_rules/${COLLECTION}`)).body.data?.state).toBe(
      '已生效：社区和网格录入、上级只读',
    );
    await page.reload();
    await page.getByText('已生效：社区和网格录入、上级只读').first().waitFor({ state: 'visible' });
    await picture('jurisdiction-rules');
    const ruled = (await admin.get(`/fields/${COLLECTION}`)).body.data.map((f: { field: string }) => f.field);
    expect(ruled).toEqual(expect.arrayContaining(['unit', 'unit_path', 'location']));

    // A new 消防栓 in the content module: 所属单位 to choose, the path the system's.
    await page.goto(`/admin/content/${COLLECTION}/+`);
    await page.locator('.v-form input[field="location"]').waitFor({ state: 'visible' });
    await picture('collection-item-new');
    // Applying the rule changes the schema: on a busy machine this test once took 100 s.
  }, 300_000);

  // Each list as Studio shows it, one item opened, a value changed and saved, read back, then undone.
  it.each([
    {
      collection: 'calendar_days',
      title: '工作日历',
      field: 'name',
      filter: 'filter[kind][_eq]=workday',
      change: (v: string) => `${v}（已核）`,
    },
    {
      collection: 'deadline_policies',
      title: '时限标准',
      field: 'max_extension_days',
      filter: 'filter[matter_type][_eq]=event_report&filter[urgency][_eq]=normal',
      change: (v: string) => String(Number(v) + 1),
    },
    {
      collection: 'matter_categories',
      title: '事项分类',
      field: 'name',
      filter: 'filter[code][_eq]=ZAYH',
      change: (v: string) => `${v}（试）`,
    },
    {
      collection: 'reminder_templates',
      title: '提醒模板',
      field: 'subject',
      filter: 'filter[kind][_eq]=half',
      change: (v: string) => `${v}，请抓紧`,
    },
  ])('edits $title ($collection) in the content module', async ({ collection, field, filter, change }) => {
    const [item] = (await admin.get(`/items/${collection}?${filter}&fields=id,${field}&limit=1`)).body.data as Record<string, unknown>[];
    expect(item).toBeDefined();
    const before = item![field];
    cleanup.push(() => admin.patch(`/items/${collection}/${item!.id}`, { [field]: before }));

    await page.goto(`/admin/content/${collection}`);
    await page.locator('.v-table tbody tr, .v-table .table-row').first().waitFor({ state: 'visible' });
    await picture(`${collection}-list`);

    await page.goto(`/admin/content/${collection}/${item!.id}`);
    const input = page.locator(`.v-form input[field="${field}"], .v-form textarea[field="${field}"]`).first();
    await eventually(() => input.inputValue()).toBe(String(before));
    const after = change(String(before));
    await input.fill(after);
    await picture(`${collection}-item`);
    await saveButton(page).click();
    await page.waitForURL((url) => url.pathname === `/admin/content/${collection}`);
    const read = async () => String((await admin.get(`/items/${collection}/${item!.id}?fields=${field}`)).body.data?.[field]);
    await eventually(read).toBe(after);

    // Undone at once (the other files read these), and the undo checked.
    expect((await admin.patch(`/items/${collection}/${item!.id}`, { [field]: before })).status).toBe(200);
    expect(await read()).toBe(String(before));
  });

  it('offers our four operations in the flow editor', async () => {
    await page.goto(`/admin/settings/flows/${flowId('terminal-loss')}`);
    await page.getByText('通知单位').first().waitFor({ state: 'visible' });
    await picture('flow-editor');
    await page.goto(`/admin/settings/flows/${flowId('terminal-loss')}/+`);
    for (const name of ['工作日期限', '通知单位', '派发事项', '预警'])
      await page.getByText(name, { exact: true }).first().waitFor({ state: 'visible' });
    // Ours follow Directus's own in the list.
    await page.getByText('工作日期限', { exact: true }).first().scrollIntoViewIfNeeded();
    await picture('flow-operations');
    // A shipped flow's 通知单位 step opened: its options in Chinese.
    await page.goto(`/admin/settings/flows/${flowId('terminal-loss')}/${operationId('terminal-loss', 'tell')}`);
    await page.getByText('只通知这些岗位').first().waitFor({ state: 'visible' });
    await picture('flow-operation-options');
  });

  it('builds a flow of its own with 工作日期限 in the editor, which counts working days when run', async () => {
    // The administrator's flow, a webhook answering with its last step (made through the API); its step is added in the editor.
    const made = await admin.post('/flows', {
      name: `三个工作日后的期限${SUFFIX}`,
      status: 'active',
      trigger: 'webhook',
      accountability: 'all',
      options: { method: 'POST', return: '$last', error_on_reject: true },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(200);
    const flow = made.body.data.id as string;
    cleanup.push(() => admin.delete(`/flows/${flow}`));
    // The trigger's "+" opens the new step's drawer: our operation chosen, its working days typed, ✓, then the flow saved.
    await page.goto(`/admin/settings/flows/${flow}`);
    await page.locator('[data-icon^="add_circle"]').first().click();
    await drawer().getByText('工作日期限', { exact: true }).first().click();
    const days = drawer().locator('.field', { hasText: '工作日数' }).locator('input').first();
    await days.waitFor({ state: 'visible' });
    await days.fill('3');
    await picture('flow-build-operation');
    await saveButton(drawer()).click();
    await page.locator('.v-drawer').waitFor({ state: 'detached' });
    await saveButton(page).click();
    // Studio stores the step, then links the trigger to it.
    await eventually(async () => (await admin.get(`/flows/${flow}?fields=operation.type,operation.options`)).body.data.operation).toEqual(
      expect.objectContaining({ type: 'workday-deadline', options: expect.objectContaining({ days: 3 }) }),
    );
    await page.goto(`/admin/settings/flows/${flow}`);
    await page.getByText('工作日期限').first().waitFor({ state: 'visible' });
    await picture('flow-build-saved');
    // Run, it answers the deadline three working days on, on the district's calendar.
    const before = Date.now();
    const answer = await admin.post(`/flows/trigger/${flow}`, {});
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toMatchObject({ days: 3 });
    expect(Date.parse(answer.body.deadline)).toBeGreaterThan(before + 86_400_000);
  });
});
