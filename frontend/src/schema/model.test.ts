import { describe, expect, it } from 'vitest';
import {
  displayTemplates,
  fieldModels,
  formFields,
  presetLayout,
  queryFields,
  readableFrom,
  tableFields,
  template,
  type DirectusField,
} from './model.ts';

const label = (zh: string, en: string) => [
  { language: 'zh-CN', translation: zh },
  { language: 'en-US', translation: en },
];
const FIELDS: DirectusField[] = [
  { field: 'id', type: 'integer', schema: { is_primary_key: true }, meta: { hidden: true, sort: 1 } },
  { field: 'title', type: 'string', meta: { interface: 'input', required: true, sort: 3, translations: label('标题', 'Title') } },
  {
    field: 'kind',
    type: 'string',
    meta: {
      interface: 'select-dropdown',
      width: 'half',
      sort: 2,
      note: '选一个',
      options: { choices: [{ text: '会议', value: 'meeting' }] },
      translations: label('类型', 'Kind'),
    },
  },
  {
    field: 'unit',
    type: 'integer',
    meta: {
      interface: 'select-dropdown-m2o',
      special: ['m2o'],
      sort: 4,
      options: { template: '{{name}}' },
      translations: label('所属单位', 'Unit'),
    },
  },
  { field: 'content', type: 'text', meta: { interface: 'input-multiline', sort: 5 } },
  {
    field: 'date_created',
    type: 'timestamp',
    meta: { interface: 'datetime', special: ['date-created'], readonly: true, hidden: true, sort: 9 },
  },
  { field: 'photos', type: 'alias', meta: { interface: 'files', special: ['files'], sort: 6 } },
];
const RELATIONS = [{ collection: 'x', field: 'unit', related_collection: 'units' }];

describe('field metadata as screens see it', () => {
  const models = fieldModels(FIELDS, RELATIONS, 'zh-CN');

  it('orders by sort, labels in the user’s language, reads width, note, choices and the relation', () => {
    expect(models.map((m) => m.field)).toEqual(['id', 'kind', 'title', 'unit', 'content', 'photos', 'date_created']);
    const kind = models.find((m) => m.field === 'kind')!;
    expect(kind).toMatchObject({ label: '类型', kind: 'select', span: 12, note: '选一个', choices: [{ text: '会议', value: 'meeting' }] });
    expect(models.find((m) => m.field === 'unit')).toMatchObject({ kind: 'm2o', related: { collection: 'units', template: '{{name}}' } });
    expect(fieldModels(FIELDS, RELATIONS, 'en-US').find((m) => m.field === 'title')!.label).toBe('Title');
    expect(models.find((m) => m.field === 'content')!.label).toBe('content');
  });

  it('leaves ids and stamps out of forms, long text out of tables', () => {
    expect(formFields(models).map((m) => m.field)).toEqual(['kind', 'title', 'unit', 'content', 'photos']);
    expect(tableFields(models).map((m) => m.field)).toEqual(['kind', 'title', 'unit']);
  });

  it("lists the columns chosen in Studio, the user's own before the role's before everyone's", () => {
    const everyone = { user: null, role: null, layout_query: { tabular: { fields: ['title', 'kind'] } } };
    const role = { user: null, role: 'r1', layout_query: { tabular: { fields: ['unit', 'content', 'missing'] } } };
    expect(presetLayout([everyone]).fields).toEqual(['title', 'kind']);
    expect(presetLayout([everyone, role]).fields).toEqual(['unit', 'content', 'missing']);
    expect(presetLayout([{ user: 'u1', role: null, layout_query: null }, everyone]).fields).toEqual(['title', 'kind']);
    expect(presetLayout([]).fields).toBeNull();
    // Among equals the latest saved; the order and the filter come with the columns.
    const later = {
      id: 9,
      user: null,
      role: null,
      filter: { status: { _eq: 'open' } },
      layout_query: { tabular: { fields: ['kind'], sort: ['-date'] } },
    };
    expect(presetLayout([{ ...everyone, id: 3 }, later])).toEqual({
      fields: ['kind'],
      sort: ['-date'],
      filter: { status: { _eq: 'open' } },
    });
    expect(presetLayout([{ id: 4, user: null, role: null, filter: {}, layout_query: null }])).toEqual({
      fields: null,
      sort: null,
      filter: null,
    });
    expect(presetLayout([{ id: 5, user: null, role: null, layout_query: { tabular: { fields: [1, '', 'title'] } } }]).fields).toEqual([
      'title',
    ]);
    // Long text and unknown fields stay out; nothing usable falls back to the first columns.
    expect(tableFields(models, 8, ['unit', 'content', 'missing', 'title']).map((m) => m.field)).toEqual(['unit', 'title']);
    expect(tableFields(models, 8, ['missing']).map((m) => m.field)).toEqual(['kind', 'title', 'unit']);
  });

  it('expands relations by their display template when fetching', () => {
    expect(queryFields(formFields(models))).toEqual([
      'id',
      'kind',
      'title',
      'unit.id',
      'unit.name',
      'content',
      'photos.directus_files_id.id',
      'photos.directus_files_id.title',
      'photos.directus_files_id.type',
    ]);
    expect(template('{{number}} {{title}}').render({ number: 'SJ-1', title: '积水' })).toBe('SJ-1 积水');
    expect(template('{{unit.name}}').render({ unit: { name: '求雨山社区' } })).toBe('求雨山社区');
  });

  it('expands a relation only as far as the user may read it, else asks for the stored key (a list never fails whole)', () => {
    // As GET /permissions/me answers: units readable in part, code tables not at all.
    const readable = readableFrom({
      units: { read: { access: 'partial', fields: ['id', 'name', 'path'] } },
      directus_files: { read: { access: 'full', fields: ['*'] } },
    });
    const fields = queryFields(formFields(models), readable);
    expect(fields).toContain('unit.name');
    const noUnits = readableFrom({ units: { read: { access: 'none' } } });
    expect(queryFields(formFields(models), noUnits)).toContain('unit');
    expect(queryFields(formFields(models), noUnits)).not.toContain('unit.name');
    const onlyId = readableFrom({ units: { read: { access: 'partial', fields: ['id'] } } });
    expect(queryFields(formFields(models), onlyId).filter((f) => f.startsWith('unit'))).toEqual(['unit.id']);
    // A collection named like an object's own property is no permission.
    expect(readableFrom({})('constructor')).toBeNull();
  });

  it('asks for a related code table by its own key (code), never an id it lacks', () => {
    const [reason] = fieldModels(
      [
        {
          field: 'moving_in_reason',
          type: 'string',
          meta: { interface: 'select-dropdown-m2o', special: ['m2o'], options: { template: '{{name}}' } },
        },
      ],
      [
        {
          collection: 'people',
          field: 'moving_in_reason',
          related_collection: 'code_moving_in_reason',
          schema: { foreign_key_column: 'code' },
        },
      ],
      'zh-CN',
    );
    expect(reason!.related).toEqual({ collection: 'code_moving_in_reason', template: '{{name}}', key: 'code' });
    expect(queryFields([reason!])).toEqual(['id', 'moving_in_reason.code', 'moving_in_reason.name']);
    expect(template(null, 'code').render({ code: '01' })).toBe('01');
  });

  it('carries validation and conditions, reads every half width, and keeps a hidden field a condition may show', () => {
    const [code, reason] = fieldModels(
      [
        {
          field: 'code',
          type: 'string',
          meta: {
            interface: 'input',
            width: 'half-left',
            sort: 1,
            validation: { _and: [{ code: { _regex: '^\\d+$' } }] },
            validation_message: '只能是数字',
          },
        },
        {
          field: 'reason',
          type: 'string',
          meta: { interface: 'input', hidden: true, sort: 2, conditions: [{ rule: { kind: { _eq: 'x' } }, hidden: false }] },
        },
        {
          field: 'secret',
          type: 'string',
          meta: { interface: 'input', hidden: true, sort: 3, conditions: [{ rule: { kind: { _eq: 'x' } }, readonly: true }] },
        },
      ],
      [],
      'zh-CN',
    );
    expect(code).toMatchObject({
      span: 12,
      validation: { _and: [{ code: { _regex: '^\\d+$' } }] },
      validationMessage: '只能是数字',
      conditions: [],
    });
    expect(reason).toMatchObject({ hidden: true, validation: null, conditions: [{ hidden: false }] });
    expect(
      formFields(
        fieldModels(
          [
            {
              field: 'reason',
              type: 'string',
              meta: { interface: 'input', hidden: true, conditions: [{ rule: { kind: { _eq: 'x' } }, hidden: false }] },
            },
            {
              field: 'secret',
              type: 'string',
              meta: { interface: 'input', hidden: true, conditions: [{ rule: { kind: { _eq: 'x' } }, readonly: true }] },
            },
          ],
          [],
          'zh-CN',
        ),
      ).map((m) => m.field),
    ).toEqual(['reason']);
  });
});

describe('default list columns', () => {
  it('are the collection’s own fields before those inside groups (whose sort restarts within the group)', () => {
    const models = fieldModels(
      [
        { field: 'household_number', type: 'string', meta: { interface: 'input', sort: 1, group: 'group_registered' } },
        { field: 'name', type: 'string', meta: { interface: 'input', sort: 3 } },
        { field: 'sex', type: 'string', meta: { interface: 'input', sort: 4 } },
      ],
      [],
      'zh-CN',
    );
    expect(tableFields(models, 2).map((m) => m.field)).toEqual(['name', 'sex']);
  });
});

describe('text limits in forms', () => {
  it('are the server’s: a column’s length, or a long text’s softLength set in Studio', () => {
    const models = fieldModels(
      [
        { field: 'title', type: 'string', schema: { max_length: 200 }, meta: { interface: 'input' } },
        { field: 'note', type: 'text', meta: { interface: 'input-multiline', options: { softLength: 2000 } } },
        { field: 'free', type: 'text', meta: { interface: 'input-multiline' } },
        { field: 'count', type: 'integer', schema: { max_length: null }, meta: { interface: 'input' } },
      ],
      [],
      'zh-CN',
    );
    expect(Object.fromEntries(models.map((m) => [m.field, m.maxLength]))).toEqual({ title: 200, note: 2000, free: null, count: null });
  });
});

describe('a relation without a template of its own', () => {
  const fields: DirectusField[] = [
    { field: 'person', type: 'integer', meta: { interface: 'select-dropdown-m2o', special: ['m2o'] } },
    { field: 'grid', type: 'integer', meta: { interface: 'select-dropdown-m2o', special: ['m2o'], options: { template: '{{code}}' } } },
  ];
  const relations = [
    { collection: 'matters', field: 'person', related_collection: 'people' },
    { collection: 'matters', field: 'grid', related_collection: 'units' },
  ] as never[];
  const templates = displayTemplates([
    { collection: 'people', meta: { display_template: '{{name}} {{id_number_masked}}' } },
    { collection: 'units', meta: { display_template: '{{name}}' } },
    { collection: 'plain', meta: null },
  ]);

  it('shows its records by its collection’s display template, as Studio does; its own template comes first', () => {
    expect(templates).toEqual({ people: '{{name}} {{id_number_masked}}', units: '{{name}}' });
    const models = fieldModels(fields, relations, 'zh-CN', templates);
    const [person, grid] = ['person', 'grid'].map((f) => models.find((m) => m.field === f));
    expect(person!.related).toEqual({ collection: 'people', template: '{{name}} {{id_number_masked}}', key: 'id' });
    expect(grid!.related!.template).toBe('{{code}}');
    expect(fieldModels(fields, relations, 'zh-CN').find((m) => m.field === 'person')!.related!.template).toBeNull();
    expect(displayTemplates(undefined)).toEqual({});
  });
});
