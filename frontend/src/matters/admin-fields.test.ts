import { describe, expect, it } from 'vitest';
import { fieldModels, type DirectusField } from '../schema/model.ts';
import { adminBody, adminErrors, adminFiles, adminModels, PHONE_KINDS } from './admin-fields.ts';

const zh = (translation: string) => [{ language: 'zh-CN', translation }];
const FIELDS: DirectusField[] = [
  { field: 'title', type: 'string', schema: { max_length: 200 }, meta: { interface: 'input', sort: 1, translations: zh('标题') } },
  {
    field: 'amount',
    type: 'decimal',
    meta: {
      interface: 'input',
      sort: 30,
      translations: zh('涉及金额'),
      validation: { amount: { _between: [0, 1000000] } },
      validation_message: '金额应在0到100万元之间',
    },
  },
  { field: 'foreign', type: 'boolean', meta: { interface: 'boolean', sort: 31, translations: zh('是否涉外') } },
  {
    field: 'scene',
    type: 'string',
    schema: { max_length: 4 },
    meta: {
      interface: 'select-dropdown',
      sort: 32,
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
  { field: 'remark', type: 'string', schema: { max_length: 4 }, meta: { interface: 'input', sort: 33, translations: zh('备注') } },
  { field: 'secret', type: 'string', meta: { interface: 'input', hidden: true, sort: 34 } },
  { field: 'shape', type: 'json', meta: { interface: 'input-code', sort: 35, translations: zh('形状') } },
];
const models = fieldModels(FIELDS, [], 'zh-CN');
const NAMES = ['amount', 'foreign', 'scene', 'remark', 'secret', 'shape'];

describe('the administrator’s fields on the forms', () => {
  it('are the named ones that are shown, in Studio’s order; the phone draws the plain kinds', () => {
    expect(adminModels(models, NAMES).map((m) => m.field)).toEqual(['amount', 'foreign', 'scene', 'remark', 'shape']);
    expect(adminModels(models, NAMES, PHONE_KINDS).map((m) => m.field)).toEqual(['amount', 'foreign', 'scene', 'remark']);
    expect(adminModels(models, undefined)).toEqual([]);
  });

  const phone = adminModels(models, NAMES, PHONE_KINDS);
  it('send what was entered, as the server takes it', () => {
    expect(adminBody(phone, { amount: ' 1250.5 ', scene: 'road', remark: '' })).toEqual({ amount: 1250.5, foreign: false, scene: 'road' });
    expect(adminBody(phone, { foreign: true, scene: 'compound', remark: '夜间' })).toEqual({
      foreign: true,
      scene: 'compound',
      remark: '夜间',
    });
  });

  it('name what is missing or wrong, with the field’s label and the rule’s message', () => {
    expect(adminErrors(phone, {}, {})).toEqual({ scene: '请填写现场类型' });
    expect(adminErrors(phone, { amount: '2000000', scene: 'road', remark: '五个字太长' }, {})).toEqual({
      amount: '金额应在0到100万元之间',
      remark: '备注不能超过4个字',
    });
    expect(adminErrors(phone, { amount: 'abc', scene: 'road' }, {})).toEqual({ amount: '涉及金额格式不正确' });
    expect(adminErrors(phone, { amount: '12', scene: 'road' }, {})).toEqual({});
  });
});

describe('reference fields on the phone', () => {
  const REFS: DirectusField[] = [
    {
      field: 'hydrant',
      type: 'integer',
      meta: { interface: 'select-dropdown-m2o', special: ['m2o'], sort: 1, required: true, translations: zh('涉及消防栓') },
    },
    {
      field: 'scene_photo',
      type: 'uuid',
      meta: { interface: 'file-image', special: ['file'], sort: 2, required: true, translations: zh('现场照片') },
    },
  ];
  const refs = adminModels(
    fieldModels(REFS, [{ collection: 'matters', field: 'hydrant', related_collection: 'fire_hydrants' } as never], 'zh-CN'),
    ['hydrant', 'scene_photo'],
    PHONE_KINDS,
  );
  const photo = new Blob(['jpeg'], { type: 'image/jpeg' });

  it('are drawn on the phone', () => {
    expect(refs.map((m) => [m.field, m.kind])).toEqual([
      ['hydrant', 'm2o'],
      ['scene_photo', 'file'],
    ]);
  });

  it('send a chosen record’s key as the column holds it, and a picked photo beside the report', () => {
    expect(adminBody(refs, { hydrant: '7', scene_photo: photo })).toEqual({ hydrant: 7 });
    expect(adminFiles(refs, { hydrant: '7', scene_photo: photo })).toEqual([{ field: 'scene_photo', blob: photo }]);
    expect(adminFiles(refs, { hydrant: '7' })).toEqual([]);
  });

  it('ask for a required record and a required photo', () => {
    expect(adminErrors(refs, {}, {})).toEqual({ hydrant: '请填写涉及消防栓', scene_photo: '请填写现场照片' });
    expect(adminErrors(refs, { hydrant: '7', scene_photo: photo }, {})).toEqual({});
  });
});
