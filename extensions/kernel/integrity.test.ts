import { describe, expect, it } from 'vitest';
import { type FieldInfo, fieldRule, lengthLimit, MAX_DEPTH, valueProblem, writeProblems } from './integrity.ts';

const zh = (text: string) => [{ language: 'zh-CN', translation: text }];
const field = (f: Partial<FieldInfo> & { field: string; type: string }): FieldInfo => ({ collection: 'disputes', ...f });

const FIELDS: FieldInfo[] = [
  field({ field: 'id', type: 'integer', schema: { is_primary_key: true, has_auto_increment: true, is_nullable: false } }),
  field({ field: 'title', type: 'string', schema: { max_length: 200, is_nullable: false }, meta: { translations: zh('纠纷名称') } }),
  field({ field: 'note', type: 'text', meta: { translations: zh('备注') } }),
  field({
    field: 'risk_level',
    type: 'string',
    schema: { max_length: 32 },
    meta: {
      interface: 'select-dropdown',
      options: {
        choices: [
          { text: '低', value: 'low' },
          { text: '高', value: 'high' },
        ],
      },
      translations: zh('风险等级'),
    },
  }),
  field({
    field: 'remark_kind',
    type: 'string',
    meta: {
      interface: 'select-dropdown',
      options: { choices: [{ text: '甲', value: 'a' }], allowOther: true },
      translations: zh('备注类型'),
    },
  }),
  field({
    field: 'tags',
    type: 'json',
    meta: { interface: 'select-multiple-checkbox', options: { choices: [{ text: '甲', value: 'a' }] }, translations: zh('标签') },
  }),
  field({ field: 'party_count', type: 'integer', meta: { translations: zh('涉及人数') } }),
  field({ field: 'lock_minutes', type: 'integer', meta: { translations: zh('锁定时长'), options: { min: 1, max: 1440 } } }),
  field({ field: 'big', type: 'bigInteger', meta: { translations: zh('大数') } }),
  field({ field: 'lat', type: 'decimal', schema: { numeric_precision: 10, numeric_scale: 6 }, meta: { translations: zh('纬度') } }),
  field({ field: 'agreement', type: 'boolean', meta: { translations: zh('达成协议') } }),
  field({ field: 'discovered_on', type: 'date', meta: { translations: zh('排查发现日期') } }),
  field({ field: 'resolved_at', type: 'timestamp', meta: { translations: zh('化解时间') } }),
  field({ field: 'starts', type: 'time', meta: { translations: zh('开始时间') } }),
  field({ field: 'owner', type: 'uuid', meta: { translations: zh('负责人'), special: ['m2o'] } }),
  field({ field: 'unit', type: 'integer', schema: { is_nullable: false }, meta: { translations: zh('所属单位'), special: ['m2o'] } }),
  field({ field: 'extra', type: 'json', meta: { translations: zh('附加信息') } }),
  field({ field: 'photos', type: 'alias', meta: { translations: zh('照片'), special: ['m2m'] } }),
  field({ field: 'divider', type: 'alias', meta: { special: ['alias', 'no-data'] } }),
];
const RULES = new Map(FIELDS.map((f) => [f.field, fieldRule(f)]));
const rule = (name: string) => RULES.get(name)!;

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

describe('valueProblem: each type holds what its column can store', () => {
  const cases: [string, unknown, RegExp | null][] = [
    ['title', 't', null],
    ['title', 'x'.repeat(200), null],
    ['title', 'x'.repeat(201), /“纠纷名称”不能超过200个字（现有201个）/],
    // Characters as the database counts them: one emoji is one character, two UTF-16 units.
    ['title', '😀'.repeat(200), null],
    ['title', 42, null],
    ['title', { a: 1 }, /“纠纷名称”应为文字/],
    ['title', ['a'], /应为文字/],
    ['title', true, /应为文字/],
    ['title', 'a\u0000b', /控制字符/],
    ['title', null, /“纠纷名称”不能为空/],
    ['note', 'x'.repeat(70_000), null],
    ['risk_level', 'low', null],
    ['risk_level', '<script>alert(1)</script>', /“风险等级”只能是：低、高（收到“<script>alert\(1\)<\/sc…”）/],
    ['risk_level', 'constructor', /只能是/],
    ['risk_level', null, null],
    ['remark_kind', 'anything', null],
    ['tags', ['a'], null],
    ['tags', ['b'], /“标签”只能是：甲/],
    ['tags', 'a', /应为选项的列表/],
    ['party_count', 3, null],
    ['party_count', '3', null],
    ['party_count', 2_147_483_647, null],
    ['party_count', 2_147_483_648, /整数/],
    ['party_count', -1, null],
    ['party_count', 1.5, /整数/],
    ['party_count', 1e300, /整数/],
    ['party_count', 'abc', /整数/],
    ['party_count', '1e3', /整数/],
    ['lock_minutes', 1, null],
    ['lock_minutes', 1440, null],
    ['lock_minutes', 0, /^“锁定时长”应为整数（1 至 1440）$/],
    ['lock_minutes', 1441, /（1 至 1440）/],
    ['big', 9_007_199_254_740_991, null],
    ['big', 9_007_199_254_740_992, /整数/],
    ['big', '9223372036854775807', null],
    ['big', '9223372036854775808', /整数/],
    ['lat', 32.123456, null],
    ['lat', '32.5', null],
    ['lat', 12_345.6, /整数部分最多4位/],
    ['lat', Number.NaN, /应为数字/],
    ['lat', 'NaN', /应为数字/],
    ['agreement', true, null],
    ['agreement', 'yes', /应为是或否/],
    ['agreement', {}, /应为是或否/],
    ['discovered_on', '2026-11-04', null],
    ['discovered_on', '2024-02-29', null],
    ['discovered_on', '2026-02-30', /“排查发现日期”应为真实的日期/],
    ['discovered_on', '2026-13-01', /真实的日期/],
    ['discovered_on', '0001-01-01', /年份在1900到2100之间/],
    ['discovered_on', '20266-01-01', /真实的日期/],
    ['discovered_on', 1e300, /真实的日期/],
    ['discovered_on', 'abc', /真实的日期/],
    ['resolved_at', '2026-11-26T09:30:00+08:00', null],
    ['resolved_at', '2026-11-26T09:30:00.123Z', null],
    ['resolved_at', '2026-11-26 09:30:00', null],
    ['resolved_at', '2026-11-26T24:30:00Z', /日期时间/],
    ['resolved_at', '2026-11-26T09:30:00+25:00', /日期时间/],
    ['resolved_at', new Date('2026-11-26T09:30:00Z'), null],
    ['resolved_at', new Date(Number.NaN), /日期时间/],
    ['resolved_at', 1_764_000_000_000, /日期时间/],
    ['starts', '09:30', null],
    ['starts', '25:00', /应为时间/],
    ['owner', '0b9f8e1c-3a4d-4e5f-8a9b-0c1d2e3f4a5b', null],
    ['owner', 'not-a-uuid', /“负责人”应为所选记录的编号/],
    ['unit', 12, null],
    ['unit', { name: '新单位' }, null],
    ['unit', 'abc', /“所属单位”应为所选记录的编号/],
    ['unit', [1], /应为所选记录的编号/],
    ['unit', null, /“所属单位”不能为空/],
    ['extra', { a: [1, 2, { b: 'c' }] }, null],
    ['extra', nested(MAX_DEPTH - 1), null],
    ['extra', nested(MAX_DEPTH + 1), /嵌套层级过深/],
    ['extra', { 'a\u0000': 1 }, /控制字符/],
    ['photos', [1, 2], null],
    ['photos', { create: [{ id: 1 }], update: [], delete: [] }, null],
    ['photos', 'x', /“照片”应为关联记录的列表/],
    ['photos', { create: 'x' }, /应各为一个列表/],
  ];
  it.each(cases)('%s = %j', (name, value, expected) => {
    const problem = valueProblem(rule(name), value);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });
});

describe('valueProblem: a JSON field shown on a map keeps a geometry of its kind', () => {
  const field = (options: Record<string, unknown> | null) =>
    fieldRule({
      collection: 'units',
      field: 'boundary',
      type: 'json',
      meta: { interface: 'map', options, translations: [{ language: 'zh-CN', translation: '边界' }] },
    });
  const ring = [
    [118.6, 32.05],
    [118.61, 32.05],
    [118.61, 32.06],
    [118.6, 32.05],
  ];
  it('checks the kind the map interface names, or any geometry when it names none', () => {
    expect(field({ geometryType: 'Polygon' }).geometry).toBe('Polygon');
    expect(field(null).geometry).toBe('any');
    expect(fieldRule({ collection: 'c', field: 'data', type: 'json', meta: { interface: 'input-code' } }).geometry).toBeNull();
    expect(valueProblem(field({ geometryType: 'Polygon' }), { type: 'Polygon', coordinates: [ring] })).toBeNull();
    expect(valueProblem(field({ geometryType: 'Polygon' }), { type: 'Point', coordinates: [118.6, 32] })).toMatch(/^“边界”应为面/);
    expect(valueProblem(field(null), { type: 'Point', coordinates: [118.6, 32] })).toBeNull();
    expect(valueProblem(field(null), { a: 1 })).toMatch(/应为/);
    expect(valueProblem(field({ geometryType: 'Polygon' }), null)).toBeNull();
  });
});

describe('writeProblems: a payload as a whole', () => {
  it('refuses a client-chosen primary key on create, whatever its value, and ignores it on update (Directus drops it)', () => {
    for (const id of [9_007_199_254_740_992, -1, 2_147_483_648, 'abc', 5])
      expect(writeProblems(RULES, { id, title: 't' }, 'create')).toEqual(['“编号”由系统生成，新建时请勿提交']);
    expect(writeProblems(RULES, { id: null, title: 't' }, 'create')).toEqual([]);
    expect(writeProblems(RULES, { id: 5, title: 't' }, 'update')).toEqual([]);
  });

  it('lists every problem, and leaves unknown fields and presentation aliases to Directus', () => {
    expect(writeProblems(RULES, { title: 'x'.repeat(300), risk_level: 'huge', unknown: { any: 1 }, divider: 'x' }, 'create')).toEqual([
      '“纠纷名称”不能超过200个字（现有300个）',
      '“风险等级”只能是：低、高（收到“huge”）',
    ]);
  });

  it('refuses the names every object answers to, which are no field', () => {
    for (const key of ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty'])
      expect(writeProblems(RULES, JSON.parse(`{"${key}": 1, "title": "t"}`), 'update')).toEqual([`字段“${key}”不存在`]);
  });

  it('refuses what is not a record', () => {
    for (const payload of [null, 1, 'x', [1], [], new Date()])
      expect(writeProblems(RULES, payload, 'create')).toEqual(['每条记录应为一个对象（字段名: 值）']);
  });

  it('checks only the fields an administrator or our schema added to a system collection', () => {
    const own = fieldRule({ collection: 'directus_users', field: 'phone', type: 'string', schema: { max_length: 20 } }, true);
    const directus = fieldRule(
      { collection: 'directus_users', field: 'status', type: 'string', meta: { system: true, interface: 'select-dropdown' } },
      true,
    );
    expect(own.unchecked).toBe(false);
    expect(directus.unchecked).toBe(true);
    const rules = new Map([
      ['phone', own],
      ['status', directus],
    ]);
    expect(writeProblems(rules, { phone: '1'.repeat(21), status: 'anything' }, 'update')).toEqual(['“phone”不能超过20个字（现有21个）']);
  });

  it('holds a text to the limit Studio counts down to (softLength) when it is below the column’s length', () => {
    const text = (options: Record<string, unknown> | null, schema: Record<string, unknown> = {}) =>
      lengthLimit({ type: 'text', schema, meta: { interface: 'input-multiline', options } });
    expect(text({ softLength: 2000 })).toBe(2000);
    expect(text(null)).toBe(null);
    for (const softLength of [0, -5, 1.5, '2000', null]) expect(text({ softLength })).toBe(null);
    // A sealed field: the column holds the sealed text, the value is held to its soft length.
    expect(lengthLimit({ type: 'string', schema: { max_length: 255 }, meta: { options: { softLength: 18 } } })).toBe(18);
    expect(lengthLimit({ type: 'string', schema: { max_length: 200 }, meta: { options: { softLength: 500 } } })).toBe(200);
    // A soft length on a string without a column length is only Studio's counter.
    expect(lengthLimit({ type: 'string', schema: { max_length: null }, meta: { options: { softLength: 50 } } })).toBe(null);
    const rule = fieldRule({ collection: 'matters', field: 'people_involved', type: 'text', meta: { options: { softLength: 3 } } });
    expect(writeProblems(new Map([['people_involved', rule]]), { people_involved: '张三、李四' }, 'create')).toEqual([
      '“people_involved”不能超过3个字（现有5个）',
    ]);
  });

  it('a UUID key Directus generates is the server’s too; a code a person types is not', () => {
    const uuidKey = fieldRule({
      collection: 'c',
      field: 'id',
      type: 'uuid',
      schema: { is_primary_key: true },
      meta: { special: ['uuid'] },
    });
    const codeKey = fieldRule({ collection: 'c', field: 'code', type: 'string', schema: { is_primary_key: true, max_length: 16 } });
    expect(uuidKey.serverKey).toBe(true);
    expect(codeKey.serverKey).toBe(false);
    expect(writeProblems(new Map([['code', codeKey]]), { code: 'ZAYH' }, 'create')).toEqual([]);
  });
});
