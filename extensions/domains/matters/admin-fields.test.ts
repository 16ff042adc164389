import { describe, expect, it } from 'vitest';
import { type AdminFieldInfo, adminFields, adminValues, FILES, filesOf, isAdminField, OWN_FIELDS, referencesOf } from './admin-fields.ts';
import { parseReport } from './report.ts';

const zh = (translation: string) => [{ language: 'zh-CN', translation }];
/** Fields as an administrator adds them in Studio (GET /fields/matters). */
const ADDED: AdminFieldInfo[] = [
  {
    collection: 'matters',
    field: 'amount',
    type: 'decimal',
    schema: { numeric_precision: 12, numeric_scale: 2, is_nullable: true },
    meta: {
      interface: 'input',
      translations: zh('涉及金额'),
      sort: 2,
      validation: { amount: { _between: [0, 1000000] } },
      validation_message: '金额应在0到100万元之间',
    },
  },
  {
    collection: 'matters',
    field: 'foreign',
    type: 'boolean',
    schema: { is_nullable: true },
    meta: { interface: 'boolean', sort: 3, translations: zh('是否涉外') },
  },
  {
    collection: 'matters',
    field: 'scene',
    type: 'string',
    schema: { max_length: 20, is_nullable: true },
    meta: {
      interface: 'select-dropdown',
      sort: 1,
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
];
const NOT_FILLED: AdminFieldInfo[] = [
  { collection: 'matters', field: 'title', type: 'string', schema: { max_length: 200 }, meta: { interface: 'input' } },
  { collection: 'matters', field: 'checked_by', type: 'string', schema: {}, meta: { readonly: true } },
  { collection: 'matters', field: 'internal', type: 'string', schema: {}, meta: { hidden: true } },
  { collection: 'matters', field: 'stamp', type: 'timestamp', schema: {}, meta: { special: ['date-updated'] } },
  { collection: 'matters', field: 'owner_unit', type: 'integer', schema: {}, meta: { special: ['m2o'] } },
  { collection: 'matters', field: 'notes_group', type: 'alias', schema: null, meta: { special: ['alias', 'no-data', 'group'] } },
  { collection: 'matters', field: 'secret', type: 'hash', schema: {}, meta: { special: ['hash'] } },
  { collection: 'matters', field: 'odd name', type: 'string', schema: {}, meta: {} },
];
const FIELDS = adminFields([...NOT_FILLED, ...ADDED]);
const NOW = new Date('2026-11-26T10:00:00+08:00');
const good = { type: 'event_report', title: '井盖缺失', category: 3, description: '路口井盖缺失' };

describe('which fields are the administrator’s', () => {
  it('knows ours from schema/ (also the lists other collections keep on matters)', () => {
    for (const field of ['title', 'status', 'unit_path', 'client_ref', 'steps', 'participants', 'attachments', 'date_created'])
      expect(OWN_FIELDS.has(field)).toBe(true);
    expect(isAdminField('amount')).toBe(true);
    expect(isAdminField('title')).toBe(false);
  });

  it('lets a report fill only the plain, visible, writable ones, in Studio’s order', () => {
    expect(FIELDS.map((f) => [f.field, f.label, f.required])).toEqual([
      ['scene', '现场类型', true],
      ['amount', '涉及金额', false],
      ['foreign', '是否涉外', false],
    ]);
  });
});

describe('adminValues', () => {
  it('stores checked values as the columns take them', () => {
    expect(adminValues({ scene: 'road', amount: '1250.50', foreign: 'true' }, FIELDS)).toEqual({
      values: { scene: 'road', amount: '1250.50', foreign: true },
      problems: [],
    });
  });

  it('asks for a required field and leaves out optional blanks', () => {
    expect(adminValues({ amount: '' }, FIELDS)).toEqual({ values: {}, problems: ['“现场类型”不能为空'] });
  });

  it.each([
    ['a word as an amount', { amount: '很多' }, '“涉及金额”应为数字'],
    ['an amount beyond the column', { amount: 1e12 }, '“涉及金额”超出范围（整数部分最多10位）'],
    ['an amount the rule refuses', { amount: 2_000_000 }, '“涉及金额”不符合填写要求：金额应在0到100万元之间'],
    ['a negative amount', { amount: -1 }, '“涉及金额”不符合填写要求：金额应在0到100万元之间'],
    ['an object as yes/no', { foreign: { a: 1 } }, '“是否涉外”应为是或否'],
    ['a choice that is not offered', { scene: 'river' }, '“现场类型”只能是：道路、小区（收到“river”）'],
    ['a huge text', { scene: 'x'.repeat(100_000) }, '“现场类型”不能超过20个字（现有100000个）'],
  ])('refuses %s, naming the field', (_name, change, problem) => {
    const found = adminValues({ scene: 'road', ...change }, FIELDS);
    expect(found.problems).toEqual([problem]);
  });

  it('evaluates $NOW-free rules as Directus does, and a broken rule refuses rather than lets through', () => {
    const [broken] = adminFields([
      {
        collection: 'matters',
        field: 'code',
        type: 'string',
        schema: {},
        meta: { translations: zh('编码'), validation: { code: { _regex: '(' } } },
      },
    ]);
    expect(adminValues({ code: 'a' }, [broken!]).problems).toEqual(['“编码”不符合填写要求']);
  });
});

describe('parseReport with the administrator’s fields', () => {
  it('takes them into the report', () => {
    const parsed = parseReport({ ...good, scene: 'compound', amount: 12.5, foreign: false }, NOW, FIELDS);
    expect(parsed).toMatchObject({ ok: true, report: { title: '井盖缺失', extra: { scene: 'compound', amount: 12.5, foreign: false } } });
  });

  it('still refuses unknown keys, fields the server decides and keys every object answers to', () => {
    const body = JSON.parse('{"__proto__": {"x": 1}}') as Record<string, unknown>;
    const parsed = parseReport(
      { ...good, scene: 'road', ...body, constructor: 1, status: 'closed', checked_by: 'me', internal: 'x', stamp: '2026-01-01' },
      NOW,
      FIELDS,
    );
    expect(parsed.ok ? [] : parsed.problems).toEqual([
      '字段“__proto__”不能由提交方填写',
      '字段“constructor”不能由提交方填写',
      '字段“status”不能由提交方填写',
      '字段“checked_by”不能由提交方填写',
      '字段“internal”不能由提交方填写',
      '字段“stamp”不能由提交方填写',
    ]);
  });

  it('refuses them where no administrator’s field is offered (patrols, 大联勤)', () => {
    expect(parseReport({ ...good, scene: 'road' }, NOW)).toEqual({ ok: false, problems: ['字段“scene”不能由提交方填写'] });
  });
});

describe('reference fields (a many-to-one, a single file)', () => {
  const REFERENCES: AdminFieldInfo[] = [
    {
      collection: 'matters',
      field: 'hydrant',
      type: 'integer',
      schema: { is_nullable: true },
      meta: { interface: 'select-dropdown-m2o', special: ['m2o'], sort: 1, translations: zh('涉及消防栓') },
    },
    {
      collection: 'matters',
      field: 'scene_photo',
      type: 'uuid',
      schema: { is_nullable: true },
      meta: { interface: 'file-image', special: ['file'], sort: 2, translations: zh('现场照片') },
    },
    // A key column whose relation is gone names nothing that could be checked.
    { collection: 'matters', field: 'orphan', type: 'integer', schema: {}, meta: { special: ['m2o'], sort: 3 } },
    // A file field must point to the files.
    { collection: 'matters', field: 'odd_file', type: 'uuid', schema: {}, meta: { special: ['file'], sort: 4 } },
  ];
  const related: Record<string, string> = { hydrant: 'fire_hydrants', scene_photo: FILES, odd_file: 'fire_hydrants' };
  const fields = adminFields(REFERENCES, OWN_FIELDS, (f) => related[f] ?? null);
  const PHOTO = '0b3a1f52-3c1e-4c5f-9a53-2d4b1f7e6a10';

  it('are filled only with their relation known, a file only when it points to the files', () => {
    expect(fields.map((f) => [f.field, f.related])).toEqual([
      ['hydrant', 'fire_hydrants'],
      ['scene_photo', FILES],
    ]);
    // Without the live schema's relations (as before) none is offered.
    expect(adminFields(REFERENCES)).toEqual([]);
  });

  it('take a key of the field’s type and name what must be readable', () => {
    const found = adminValues({ hydrant: 7, scene_photo: PHOTO }, fields);
    expect(found).toEqual({ values: { hydrant: 7, scene_photo: PHOTO }, problems: [] });
    expect(referencesOf(found.values, fields)).toEqual([
      { field: 'hydrant', label: '涉及消防栓', collection: 'fire_hydrants', key: 7 },
      { field: 'scene_photo', label: '现场照片', collection: FILES, key: PHOTO },
    ]);
    expect(filesOf(found.values, fields)).toEqual([PHOTO]);
    expect(referencesOf({ hydrant: null }, fields)).toEqual([]);
  });

  it.each([
    ['a nested object (a write into the other collection)', { hydrant: { id: 1, name: 'x' } }, '“涉及消防栓”应为所选记录的编号'],
    ['a list of keys', { hydrant: [1, 2] }, '“涉及消防栓”应为所选记录的编号'],
    ['text as a key', { hydrant: '7 OR 1=1' }, '“涉及消防栓”应为所选记录的编号'],
    ['a file that is not an id', { scene_photo: '../../etc/passwd' }, '“现场照片”'],
  ])('refuse %s', (_name, change, problem) => {
    const found = adminValues(change, fields);
    expect(found.problems).toHaveLength(1);
    expect(found.problems[0]).toContain(problem);
  });

  it('put a file among the matter’s attachments once', () => {
    const parsed = parseReport({ ...good, scene_photo: PHOTO, attachments: [PHOTO] }, NOW, fields);
    expect(parsed).toMatchObject({ ok: true, report: { attachments: [PHOTO], extra: { scene_photo: PHOTO } } });
  });
});
