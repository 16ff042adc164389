// A collection an administrator makes (消防栓, as Studio makes it: the collections API)
// and puts under the jurisdiction rule with a row of 辖区规则: bad rules are refused
// with nothing stored; a rule in force gives the collection its unit, its path and the
// path's index, lists it to the users who may read it under its folder with its
// Chinese name, and the same permission table as a built-in collection holds on it
// (preset 社区和网格录入、上级只读), and nothing of another jurisdiction is countable
// in it; the preset changes, schema apply keeps it, and
// deleting the rule takes the rights off and keeps the data.

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { applySchema } from '../../schema/apply.ts';
import { ENTRY_PRESETS } from '../../schema/ruled-collections.ts';
import { login as adminClient } from '../../scripts/lib/directus.ts';
import { systemDatabase } from '../database.ts';
import { appBrowser, BROWSER_TESTS, DESKTOP, eventually, screenshot } from '../browser/chromium.ts';
import { jurisdictionTable, leakChecks, rightsWhereEntering } from '../jurisdiction-table.ts';
import { errorMessage, login, loginAdmin, unitIds, waitFor, type Session } from '../http.ts';

const NAME = `fire_hydrants_${Date.now().toString(36)}`;
const RULES = '/items/jurisdiction_rules';
let admin: Session;

const rule = async () => (await admin.get(`${RULES}/${NAME}`)).body?.data ?? null;
/** The rule's state once the hook has applied the change (it runs after the rule is stored). */
const stateBecomes = (state: string) =>
  waitFor(
    () => rule(),
    (r) => r?.state === state,
    30_000,
  ).then((r) => expect(r?.state).toBe(state));
const fieldNames = async () => ((await admin.get(`/fields/${NAME}`)).body.data as { field: string }[]).map((f) => f.field).sort();

beforeAll(async () => {
  admin = await loginAdmin();
  const made = await admin.post('/collections', {
    collection: NAME,
    meta: {
      icon: 'fire_hydrant',
      group: 'folder_base',
      translations: [
        { language: 'zh-CN', translation: '消防栓' },
        { language: 'en-US', translation: 'Fire hydrants' },
      ],
    },
    schema: {},
    fields: [
      {
        field: 'id',
        type: 'integer',
        meta: { hidden: true, readonly: true, interface: 'input' },
        schema: { is_primary_key: true, has_auto_increment: true },
      },
      {
        field: 'title',
        type: 'string',
        meta: { interface: 'input', translations: [{ language: 'zh-CN', translation: '名称' }] },
        schema: { max_length: 255 },
      },
    ],
  });
  expect(made.status, JSON.stringify(made.body)).toBe(200);
  // A row stored before the rule: kept, and seen by no one below the administrator until it has a unit.
  expect((await admin.post(`/items/${NAME}`, { title: '规则前的消防栓' })).status).toBe(200);
});

afterAll(async () => {
  await admin.delete(`${RULES}/${NAME}`);
  await admin.delete(`/collections/${NAME}`);
});

describe('a rule that cannot be', () => {
  const raw = (body: string) => admin.send('POST', RULES, body);
  it.each([
    ['no preset', { collection: NAME }, '请选择录入层级'],
    ['an unknown preset', { collection: NAME, entry: 'everyone' }, '录入层级'],
    ['a preset of another type', { collection: NAME, entry: ['every_level'] }, ''],
    ['a preset as an operator', { collection: NAME, entry: { _eq: 'every_level' } }, ''],
    ['the state', { collection: NAME, entry: 'every_level', state: '已生效' }, '由系统填写'],
    ['a field it has not', { collection: NAME, entry: 'every_level', levels: ['grid'] }, '没有字段'],
    ['a collection of the system', { collection: 'directus_users', entry: 'every_level' }, '系统自带'],
    ['a built-in collection', { collection: 'people', entry: 'every_level' }, '系统自带'],
    ['a folder', { collection: 'folder_base', entry: 'every_level' }, '系统自带'],
    ['a collection that does not exist', { collection: 'no_such_things', entry: 'every_level' }, '不存在'],
    ['a name that is no name', { collection: 'Fire Hydrants!', entry: 'every_level' }, ''],
    ['a huge name', { collection: 'x'.repeat(100_000), entry: 'every_level' }, ''],
    ['a nested value', { collection: { a: { b: { c: [NAME] } } }, entry: 'every_level' }, ''],
    ['a number', { collection: 42, entry: 'every_level' }, ''],
  ])('%s is refused and nothing is stored', async (_what, body, message) => {
    const answer = await admin.post(RULES, body);
    expect(answer.status, JSON.stringify(answer.body)).toBe(400);
    if (message) expect(errorMessage(answer)).toContain(message);
    expect(await rule()).toBeNull();
    expect(await fieldNames()).toEqual(['id', 'title']);
  });

  it('refuses a prototype smuggled in the JSON', async () => {
    const answer = await raw(`{"collection":"${NAME}","__proto__":{"entry":"every_level"}}`);
    expect(answer.status).toBe(400);
    expect(await rule()).toBeNull();
  });

  it('is not for a unit’s system administrator (the Directus administrator keeps the data model)', async () => {
    const district = await login('district-sysadmin@pukou.gov.cn');
    const answer = await district.post(RULES, { collection: NAME, entry: 'every_level' });
    expect(answer.status).toBe(403);
    expect(await rule()).toBeNull();
  });
});

describe('a rule in force: 社区和网格录入、上级只读', () => {
  beforeAll(async () => {
    const made = await admin.post(RULES, { collection: NAME, entry: 'community_and_grid' });
    expect(made.status, JSON.stringify(made.body)).toBe(200);
    await stateBecomes(`已生效：${ENTRY_PRESETS.community_and_grid.zh}`);
  });

  it('gives the collection the unit relation, the derived path and the path index', async () => {
    expect(await fieldNames()).toEqual(['id', 'title', 'unit', 'unit_path']);
    const relation = (await admin.get(`/relations/${NAME}/unit`)).body.data;
    expect(relation.related_collection).toBe('units');
    const db = systemDatabase();
    try {
      const indexes =
        db.client.config.client === 'pg'
          ? (await db.raw('SELECT indexname AS name FROM pg_indexes WHERE tablename = ?', [NAME])).rows
          : await db.raw(`PRAGMA index_list("${NAME}")`);
      expect(indexes.map((i: { name: string }) => i.name)).toContain(`${NAME}_unit_path_prefix_idx`);
    } finally {
      await db.destroy();
    }
  });

  it('is listed to a community in its folder with its Chinese name, and its unit is preset', async () => {
    const staff = await login('community-staff@pukou.gov.cn');
    const listed = (await staff.get(`/collections/${NAME}`)).body.data;
    expect(listed.meta.group).toBe('folder_base');
    expect(listed.meta.translations).toContainEqual({ language: 'zh-CN', translation: '消防栓' });
    const made = await staff.post(`/items/${NAME}?fields=id,unit_path`, { title: '一号消防栓' });
    expect(made.status, JSON.stringify(made.body)).toBe(200);
    expect(made.body.data.unit_path).toBe('/320111/S01/C001/');
    // Another street sees nothing of it; the row stored before the rule has no unit and is seen by no one.
    const elsewhere = await login('street-staff@pukou.gov.cn');
    const seen = (await elsewhere.get(`/items/${NAME}?fields=title&limit=-1`)).body.data.map((r: { title: string }) => r.title);
    expect(seen).toContain('一号消防栓');
    expect(seen).not.toContain('规则前的消防栓');
    expect((await admin.delete(`/items/${NAME}/${made.body.data.id}`)).status).toBe(204);
  });

  it('refers only to what the user may read: a person of another street is refused, nothing stored', async () => {
    expect((await admin.post(`/fields/${NAME}`, { field: 'person', type: 'integer', meta: { special: ['m2o'] } })).status).toBe(200);
    expect((await admin.post('/relations', { collection: NAME, field: 'person', related_collection: 'people' })).status).toBe(200);
    try {
      const personIn = async (path: string) =>
        (await admin.get(`/items/people?filter[unit_path][_starts_with]=${path}&fields=id&limit=1`)).body.data[0].id as number;
      const staff = await login('community-staff@pukou.gov.cn');
      const foreign = await staff.post(`/items/${NAME}`, { title: '越界消防栓', person: await personIn('/320111/S02/') });
      expect(foreign.status).toBe(400);
      expect(errorMessage(foreign)).toContain('不在您的辖区内');
      expect((await admin.get(`/items/${NAME}?filter[title][_eq]=${encodeURIComponent('越界消防栓')}`)).body.data).toEqual([]);
      const own = await staff.post(`/items/${NAME}`, { title: '本社区消防栓', person: await personIn('/320111/S01/C001/') });
      expect(own.status, JSON.stringify(own.body)).toBe(200);
      await admin.delete(`/items/${NAME}/${own.body.data.id}`);
    } finally {
      await admin.delete(`/fields/${NAME}/person`);
    }
  });

  // In the app, in a real browser (the browser suites run in the sqlite project only).
  describe.runIf(inject('database') === 'sqlite')('in the app', BROWSER_TESTS, () => {
    const app = appBrowser();
    it('is in a community’s menu under 基础信息 and filled in with the unit preset', async () => {
      const page = await app.open(DESKTOP, 'community-staff@pukou.gov.cn');
      await page.goto('/app/');
      await page.locator('li.ant-menu-submenu', { hasText: '基础信息' }).first().click();
      await page.locator(`a[href$="/data/${NAME}"]`).first().waitFor();
      expect(await page.locator(`a[href$="/data/${NAME}"]`).first().textContent()).toContain('消防栓');
      await page.goto(`/app/data/${NAME}/create`);
      await page.getByLabel('名称').fill('二号消防栓');
      // The unit is preset to the user's own, shown by its name.
      await eventually(() => page.locator('.ant-form').textContent()).toContain('求雨山社区');
      await screenshot(page, 'ruled-collection-create');
      await page.getByRole('button', { name: '保存' }).click();
      await page.waitForURL(new RegExp(`/data/${NAME}/show/\\d+`));
      const stored = (await admin.get(`/items/${NAME}?filter[title][_eq]=${encodeURIComponent('二号消防栓')}&fields=id,unit_path`)).body
        .data;
      expect(stored).toEqual([{ id: expect.any(Number), unit_path: '/320111/S01/C001/' }]);
      await admin.delete(`/items/${NAME}/${stored[0].id}`);
    });
  });

  jurisdictionTable(
    () => ({ collection: NAME, titleField: 'title', record: (unit, title) => ({ unit, title }) }),
    rightsWhereEntering(ENTRY_PRESETS.community_and_grid.levels),
  );

  describe('nothing of another jurisdiction is countable', () => {
    leakChecks(() => ({ collection: NAME, titleField: 'title', record: (unit, title) => ({ unit, title }) }));
  });
});

describe('a rule changed, applied again and taken off', () => {
  it('lets the district enter its own data once the preset says every level', async () => {
    const district = await login('district-staff@pukou.gov.cn');
    const district320111 = (await unitIds(admin)).get('/320111/')!;
    expect((await district.post(`/items/${NAME}`, { unit: district320111, title: '区级消防栓' })).status).toBe(403);
    expect((await admin.patch(`${RULES}/${NAME}`, { entry: 'every_level' })).status).toBe(200);
    await stateBecomes(`已生效：${ENTRY_PRESETS.every_level.zh}`);
    const made = await district.post(`/items/${NAME}`, { unit: district320111, title: '区级消防栓' });
    expect(made.status, JSON.stringify(made.body)).toBe(200);
  });

  it('keeps its collection: a rule cannot be moved to another', async () => {
    const answer = await admin.patch(`${RULES}/${NAME}`, { collection: 'people' });
    expect(answer.status).toBe(400);
    expect(errorMessage(answer)).toContain('不能更改');
    expect((await rule()).entry).toBe('every_level');
  });

  it('is kept by schema apply, which then finds nothing to do', async () => {
    const { url, adminEmail, adminPassword } = inject('directus');
    const client = await adminClient(url, adminEmail, adminPassword);
    await applySchema(client, { enforceTfa: false });
    expect(await applySchema(client, { enforceTfa: false })).toEqual({ created: [], updated: [], deleted: [], skipped: [] });
    const staff = await login('community-staff@pukou.gov.cn');
    expect((await staff.get(`/items/${NAME}?limit=1`)).status).toBe(200);
  });

  it('takes the rights off when deleted, and keeps the collection, its fields and its data', async () => {
    const staff = await login('community-staff@pukou.gov.cn');
    const before = (await admin.get(`/items/${NAME}?aggregate[count]=*`)).body.data[0].count;
    expect((await admin.delete(`${RULES}/${NAME}`)).status).toBe(204);
    await waitFor(
      () => staff.get(`/items/${NAME}?limit=1`),
      (a) => a.status === 403,
      30_000,
    ).then((a) => expect(a.status).toBe(403));
    expect((await staff.get(`/collections/${NAME}`)).status).toBe(403);
    expect((await admin.get(`/items/${NAME}?aggregate[count]=*`)).body.data[0].count).toBe(before);
    expect(await fieldNames()).toEqual(['id', 'title', 'unit', 'unit_path']);
  });
});
