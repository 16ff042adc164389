// Matters take the administrator's fields (issue 15): fields added to `matters`
// in Studio (here through the same REST API) are accepted by POST /matters/report,
// checked by their Directus rules (type, length, choices, required, the validation
// filter) with refusals naming the field's Chinese label, stored with the matter,
// read as the matter is read (not by another street), and gone again once removed.
// A many-to-one (a person of the registry) and a single photo are references: the
// reporter must be able to read what they name, and a photo joins the attachments.

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReadyUser, errorMessage, login, loginAdmin, unitIds, type Session } from '../http.ts';
import { upload } from '../office-helpers.ts';

const STAMP = Date.now().toString(36);
const AMOUNT = `amount_${STAMP}`,
  FOREIGN = `foreign_${STAMP}`,
  SCENE = `scene_${STAMP}`;
const GRID = '/320111/S01/C001/G01/';
let admin: Session, grid: Session, community: Session, stranger: Session;
let category: number;
let gridId: number;

const zh = (zhCN: string, en: string) => [
  { language: 'zh-CN', translation: zhCN },
  { language: 'en-US', translation: en },
];

const report = (title: string, extra: Record<string, unknown> = {}) => ({
  type: 'event_report',
  title,
  category,
  grid: gridId,
  description: '管理员字段验收',
  [SCENE]: 'road',
  ...extra,
});

/** The matters of this title, as the administrator reads them (nothing stored for a refusal). */
const stored = async (title: string) =>
  (await admin.get(`/items/matters?filter[title][_eq]=${encodeURIComponent(title)}&fields=id,${AMOUNT},${FOREIGN},${SCENE}`)).body
    .data as Record<string, unknown>[];

async function removeFields() {
  for (const field of [AMOUNT, FOREIGN, SCENE]) await admin.delete(`/fields/matters/${field}`);
}

beforeAll(async () => {
  admin = await loginAdmin();
  const ids = await unitIds(admin);
  gridId = ids.get(GRID)!;
  [grid, community] = await Promise.all([login('grid-gridworker@pukou.gov.cn'), login('community-staff@pukou.gov.cn')]);
  const email = 'adminfields-s02@pukou.gov.cn';
  if (!(await admin.get(`/users?filter[email][_eq]=${email}`)).body.data.length) {
    const role = (await admin.get(`/roles?filter[name][_eq]=${encodeURIComponent('街道·专职人员')}&fields=id`)).body.data[0].id;
    await createReadyUser(admin, { email, password: 'Fields@2026x', role, unit: ids.get('/320111/S02/'), status: 'active' });
  }
  stranger = await login(email, 'Fields@2026x');
  category = (await admin.get('/items/matter_categories?filter[code][_eq]=MDJF&fields=id')).body.data[0].id;

  for (const field of [
    {
      field: AMOUNT,
      type: 'decimal',
      schema: { numeric_precision: 12, numeric_scale: 2 },
      meta: {
        interface: 'input',
        width: 'half',
        translations: zh('涉及金额', 'Amount involved'),
        note: '单位：元',
        validation: { [AMOUNT]: { _between: [0, 1000000] } },
        validation_message: '金额应在0到100万元之间',
      },
    },
    {
      field: FOREIGN,
      type: 'boolean',
      schema: {},
      // Studio marks a yes/no field so (Directus then reads SQLite's 0/1 as false/true).
      meta: { interface: 'boolean', special: ['cast-boolean'], width: 'half', translations: zh('是否涉外', 'Foreign') },
    },
    {
      field: SCENE,
      type: 'string',
      schema: { max_length: 20 },
      meta: {
        interface: 'select-dropdown',
        required: true,
        translations: zh('现场类型', 'Scene'),
        options: {
          choices: [
            { text: '道路', value: 'road' },
            { text: '小区', value: 'compound' },
            { text: '商铺', value: 'shop' },
          ],
        },
      },
    },
  ]) {
    const added = await admin.post('/fields/matters', field);
    expect(added.status, JSON.stringify(added.body)).toBe(200);
  }
});

// Other files report matters without these fields.
afterAll(removeFields);

describe('the administrator’s fields of matters', () => {
  it('are listed for the forms: all of them, and those a report fills', async () => {
    const listed = await grid.get('/matters/admin-fields');
    expect(listed.status).toBe(200);
    expect(listed.body.data.report).toEqual([AMOUNT, FOREIGN, SCENE]);
    expect(listed.body.data.fields).toEqual(expect.arrayContaining([AMOUNT, FOREIGN, SCENE]));
    expect(listed.body.data.fields).not.toContain('title');
  });

  it('are stored with a grid worker’s report and read as the matter is read, not by another street', async () => {
    const title = `涉外纠纷 ${STAMP}`;
    const answer = await grid.post('/matters/report', report(title, { [AMOUNT]: 1250.5, [FOREIGN]: true, [SCENE]: 'compound' }));
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const id = answer.body.data.id;
    const [row] = await stored(title);
    expect({ ...row, [AMOUNT]: Number(row![AMOUNT]) }).toEqual({ id, [AMOUNT]: 1250.5, [FOREIGN]: true, [SCENE]: 'compound' });

    // The community it went to reads them; a street that is not on the route sees neither the matter nor its values.
    const read = await community.get(`/items/matters/${id}?fields=${FOREIGN},${SCENE}`);
    expect(read.body.data).toEqual({ [FOREIGN]: true, [SCENE]: 'compound' });
    expect((await stranger.get(`/items/matters/${id}`)).status).toBe(403);
    const listed = await stranger.get(`/items/matters?filter[${SCENE}][_nnull]=true&fields=id,${SCENE}`);
    expect(listed.body.data ?? []).toEqual([]);

    // The matter moves on as any other, keeping them.
    const accepted = await community.post(`/matters/${id}/transition`, { action: 'accept', version: 1 });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect((await stored(title))[0]).toMatchObject({ [FOREIGN]: true, [SCENE]: 'compound' });
  });

  it('may be left out where they are optional (another set of columns), and take yes/no as text', async () => {
    const title = `仅现场类型 ${STAMP}`;
    const answer = await grid.post('/matters/report', report(title, { [FOREIGN]: 'false' }));
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(await stored(title)).toEqual([{ id: answer.body.data.id, [AMOUNT]: null, [FOREIGN]: false, [SCENE]: 'road' }]);
  });

  it.each([
    ['a word as an amount', { [AMOUNT]: '很多' }, '“涉及金额”应为数字'],
    ['an amount the rule refuses', { [AMOUNT]: 2_000_000 }, '“涉及金额”不符合填写要求：金额应在0到100万元之间'],
    ['a negative amount', { [AMOUNT]: -0.01 }, '“涉及金额”不符合填写要求：金额应在0到100万元之间'],
    // Beyond the column where the database says how wide it is (PostgreSQL), else beyond the rule.
    ['an amount beyond the column', { [AMOUNT]: 1e15 }, '“涉及金额”'],
    ['an object as an amount', { [AMOUNT]: { value: 1 } }, '“涉及金额”应为数字'],
    ['yes/no as a word', { [FOREIGN]: 'maybe' }, '“是否涉外”应为是或否'],
    ['yes/no as a list', { [FOREIGN]: [true] }, '“是否涉外”应为是或否'],
    ['a scene not offered', { [SCENE]: 'river' }, '“现场类型”只能是：道路、小区、商铺'],
    ['a huge scene', { [SCENE]: '路'.repeat(100_000) }, '“现场类型”不能超过20个字'],
    ['a nested scene', { [SCENE]: { a: { b: { c: 1 } } } }, '“现场类型”应为文字'],
    ['no scene', { [SCENE]: undefined }, '“现场类型”不能为空'],
    ['an empty scene', { [SCENE]: '' }, '“现场类型”不能为空'],
    ['a field the server decides', { status: 'closed' }, '字段“status”不能由提交方填写'],
    ['a field nobody added', { [`ghost_${STAMP}`]: 1 }, `字段“ghost_${STAMP}”不能由提交方填写`],
  ])('refuses %s, naming the field, and stores nothing', async (name, extra, problem) => {
    const title = `拒绝 ${name} ${STAMP}`;
    const answer = await grid.post('/matters/report', report(title, extra));
    expect(answer.status).toBe(400);
    expect(errorMessage(answer)).toContain(problem);
    expect(await stored(title)).toEqual([]);
  });

  it('refuses __proto__ and the other names every object answers to', async () => {
    const title = `原型 ${STAMP}`;
    const raw = JSON.stringify(report(title)).replace(
      /}$/,
      `,"__proto__":{"${SCENE}":"road","status":"closed"},"constructor":{"prototype":{}}}`,
    );
    const answer = await grid.send('POST', '/matters/report', raw);
    expect(answer.status).toBe(400);
    expect(errorMessage(answer)).toContain('字段“__proto__”不能由提交方填写');
    expect(errorMessage(answer)).toContain('字段“constructor”不能由提交方填写');
    expect(await stored(title)).toEqual([]);
  });

  it('refuses generated wrong values of every field, with a Chinese message naming it, storing nothing', async () => {
    const wrong = fc.oneof(
      fc.constantFrom(AMOUNT).chain((field) =>
        fc.record({
          field: fc.constant(field),
          label: fc.constant('涉及金额'),
          value: fc.oneof(
            fc.string({ minLength: 1 }).filter((s) => !/^-?\d+(\.\d+)?$/.test(s)),
            fc.double({ min: 1_000_000.01, max: 1e9, noNaN: true }),
            fc.double({ min: -1e9, max: -0.01, noNaN: true }),
            fc.array(fc.integer(), { minLength: 1 }),
            fc.object(),
            fc.boolean(),
          ),
        }),
      ),
      fc.record({
        field: fc.constant(FOREIGN),
        label: fc.constant('是否涉外'),
        value: fc.oneof(
          fc.string().filter((s) => !['true', 'false', '0', '1', ''].includes(s)),
          fc.integer({ min: 2 }),
          fc.object(),
          fc.array(fc.boolean(), { minLength: 1 }),
        ),
      }),
      fc.record({
        field: fc.constant(SCENE),
        label: fc.constant('现场类型'),
        value: fc.oneof(
          fc.string({ minLength: 21, maxLength: 5000 }),
          fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !['road', 'compound', 'shop'].includes(s)),
          fc.object({ maxDepth: 4 }),
          fc.array(fc.string(), { minLength: 1 }),
          fc.boolean(),
        ),
      }),
    );
    let n = 0;
    await fc.assert(
      fc.asyncProperty(wrong, async ({ field, label, value }) => {
        const title = `生成 ${STAMP} ${n++}`;
        const answer = await grid.post('/matters/report', report(title, { [field]: value }));
        expect(answer.status, JSON.stringify({ field, value, body: answer.body })).toBe(400);
        expect(errorMessage(answer)).toContain(`“${label}”`);
        expect(await stored(title)).toEqual([]);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 40) },
    );
  });

  it('are no longer taken once the administrator removes them', async () => {
    await removeFields();
    expect((await grid.get('/matters/admin-fields')).body.data).toEqual({ fields: [], report: [] });
    const answer = await grid.post('/matters/report', report(`已删除字段 ${STAMP}`));
    expect(answer.status).toBe(400);
    expect(errorMessage(answer)).toContain(`字段“${SCENE}”不能由提交方填写`);
    const plain = await grid.post('/matters/report', { ...report(`无管理员字段 ${STAMP}`), [SCENE]: undefined });
    expect(plain.status, JSON.stringify(plain.body)).toBe(200);
  });
});

describe('the administrator’s reference fields of matters (a person, a photo)', () => {
  const PERSON = `person_${STAMP}`,
    PHOTO = `photo_${STAMP}`;
  let mine: number, elsewhere: number;
  const referenced = async (title: string) =>
    (
      await admin.get(
        `/items/matters?filter[title][_eq]=${encodeURIComponent(title)}&fields=id,${PERSON},${PHOTO},attachments.directus_files_id`,
      )
    ).body.data as Record<string, unknown>[];
  const personIn = async (path: string) =>
    (await admin.get(`/items/people?filter[unit_path][_starts_with]=${encodeURIComponent(path)}&fields=id&limit=1`)).body.data[0]
      .id as number;

  beforeAll(async () => {
    [mine, elsewhere] = await Promise.all([personIn(GRID), personIn('/320111/S02/')]);
    // As Studio makes them: the key column, then its relation.
    for (const [field, type, iface, special, related, label] of [
      [PERSON, 'integer', 'select-dropdown-m2o', 'm2o', 'people', '当事人'],
      [PHOTO, 'uuid', 'file-image', 'file', 'directus_files', '现场照片'],
    ] as const) {
      const added = await admin.post('/fields/matters', {
        field,
        type,
        schema: {},
        meta: { interface: iface, special: [special], translations: zh(label, field) },
      });
      expect(added.status, JSON.stringify(added.body)).toBe(200);
      const related_to = await admin.post('/relations', {
        collection: 'matters',
        field,
        related_collection: related,
        schema: { on_delete: 'SET NULL' },
      });
      expect(related_to.status, JSON.stringify(related_to.body)).toBe(200);
    }
  });
  afterAll(async () => {
    for (const field of [PERSON, PHOTO]) await admin.delete(`/fields/matters/${field}`);
  });

  it('are offered to a report', async () => {
    expect((await grid.get('/matters/admin-fields')).body.data.report).toEqual(expect.arrayContaining([PERSON, PHOTO]));
  });

  it('store a person the grid worker reads and their own photo, which joins the attachments and is read with the matter', async () => {
    const photo = await upload(grid, 'scene.png', new Uint8Array(256), 'image/png');
    const title = `涉及人员 ${STAMP}`;
    const answer = await grid.post('/matters/report', { ...report(title), [SCENE]: undefined, [PERSON]: mine, [PHOTO]: photo });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(await referenced(title)).toEqual([
      { id: answer.body.data.id, [PERSON]: mine, [PHOTO]: photo, attachments: [{ directus_files_id: photo }] },
    ]);
    // The community handling it reads the photo, as every attachment of a matter it sees.
    expect((await community.get(`/files/${photo}?fields=id`)).status).toBe(200);
  });

  it.each([
    ['a person of another street', () => ({ [PERSON]: elsewhere }), '“当事人”所选的记录不存在或无权查看'],
    ['a person who does not exist', () => ({ [PERSON]: 2_147_483_000 }), '“当事人”所选的记录不存在或无权查看'],
    ['a person written out as a record', () => ({ [PERSON]: { first_name: '新建', id_number: 'x' } }), '“当事人”应为所选记录的编号'],
    ['a list of people', () => ({ [PERSON]: [mine] }), '“当事人”应为所选记录的编号'],
    ['a photo that is not an id', () => ({ [PHOTO]: '../../etc/passwd' }), '“现场照片”'],
    ['a photo no one uploaded', () => ({ [PHOTO]: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f' }), '“现场照片”所选的记录不存在或无权查看'],
  ])('refuse %s, naming the field, and store nothing', async (name, extra, problem) => {
    const title = `拒绝引用 ${name} ${STAMP}`;
    const answer = await grid.post('/matters/report', { ...report(title), [SCENE]: undefined, ...extra() });
    expect(answer.status, JSON.stringify(answer.body)).toBe(400);
    expect(errorMessage(answer)).toContain(problem);
    expect(await referenced(title)).toEqual([]);
  });

  it('refuse a photo someone else uploaded, though the reporter may see it', async () => {
    // The community's own upload, attached to a matter the grid worker sees: readable, but not theirs to attach.
    const theirs = await upload(community, 'theirs.png', new Uint8Array(128), 'image/png');
    const title = `他人照片 ${STAMP}`;
    const answer = await grid.post('/matters/report', { ...report(title), [SCENE]: undefined, [PHOTO]: theirs });
    expect(answer.status).toBe(400);
    expect(errorMessage(answer)).toMatch(/“现场照片”所选的记录不存在或无权查看|不是本人上传/);
    expect(await referenced(title)).toEqual([]);
  });
});
