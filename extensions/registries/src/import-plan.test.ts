import { describe, expect, it } from 'vitest';
import { makeIdNumber } from './id-number.ts';
import { people } from '../../../schema/collections/people.ts';
import { mapRow, planRow, type PlanContext } from './import-plan.ts';
import { importableFields, mappingOf, mappingProblemsOf } from './record-import-plan.ts';

// People are one registry among the others: their mapping is the registries' own.
const importable = importableFields(people);
const mappingProblems = mappingProblemsOf(people, importable, 'id_number');

const A = makeIdNumber('320111', '1980-01-01', 11);
const B = makeIdNumber('320111', '1985-05-05', 22);
const C = makeIdNumber('320111', '1990-09-09', 33);
const ctx = (): PlanContext => ({
  today: new Date('2026-11-27T00:00:00Z'),
  codes: { ethnicity: new Set(['01', '03']), sex: new Set(['1', '2']) },
  unitPath: '/320111/S01/C001/',
  existing: new Map([
    [
      A,
      {
        id: 1,
        unit_path: '/320111/S01/C001/',
        name: '甲',
        id_number: A,
        phone: '13900000001',
        ethnicity: '01',
        birth_date: '1980-01-01',
        sex: '1',
        is_floating: 0,
      },
    ],
    [B, { id: 2, unit_path: '/320111/S02/C004/', name: '乙', id_number: B }],
    [C, { id: 3, unit_path: '/320111/S01/C001/G01/', name: '丙', id_number: C }],
  ]),
});

describe('an import row', () => {
  const map = mappingOf(people, importable);

  it('is mapped by Chinese labels or field names, with 是/否 as booleans', () => {
    expect(mapRow({ 姓名: '张三', 公民身份号码: ' 1 ', 流动人口: '是', 其他列: 'x' }, map)).toEqual({
      name: '张三',
      id_number: '1',
      is_floating: true,
    });
    expect(mappingProblems({ 姓名: 'name' })).toEqual(['列映射中需要有公民身份号码（id_number）']);
    expect(mappingProblems({ 身份证: 'id_number', 单位: 'unit_path' })).toEqual(['列“单位”映射到的字段“unit_path”不能导入']);
  });

  it('is unchanged when it says what is stored, even in other words for booleans and dates', () => {
    const seen = new Set<string>();
    expect(
      planRow(
        2,
        { name: '甲', id_number: A.toLowerCase(), phone: '13900000001', is_floating: false, birth_date: '1980-01-01' },
        ctx(),
        seen,
      ),
    ).toEqual({ line: 2, action: 'unchanged', id_number: A, id: 1 });
  });

  it('is a change listing the fields that differ; empty cells change nothing', () => {
    const plan = planRow(3, { name: '甲', id_number: A, phone: '13900000002', ethnicity: '03', former_name: null }, ctx(), new Set());
    expect(plan).toMatchObject({ action: 'change', id: 1, changes: { phone: ['13900000001', '13900000002'], ethnicity: ['01', '03'] } });
    expect(plan.record).toMatchObject({ phone: '13900000002', phone_masked: '139****0002', ethnicity: '03' });
    expect(plan.record).not.toHaveProperty('former_name');
  });

  it('is created when new, with the derived fields', () => {
    const D = makeIdNumber('320111', '2000-02-29', 44);
    expect(planRow(4, { name: '丁', id_number: D }, ctx(), new Set())).toMatchObject({
      action: 'create',
      record: { name: '丁', id_number: D, birth_date: '2000-02-29', sex: '2', id_number_masked: expect.stringMatching(/^3201\*+/) },
    });
  });

  it.each([
    [{ name: '坏', id_number: '123' }, '应为18位'],
    [{ name: '乙', id_number: B }, '已在其他辖区登记'],
    [{ name: '丙', id_number: C }, '登记在下级单位'],
    [{ name: '甲', id_number: A, ethnicity: '99' }, '“ethnicity”代码“99”不在代码表中'],
    [{ name: '甲', id_number: A, phone: '12' }, '联系方式应为有效的手机号'],
    [{ name: '甲', id_number: A, is_floating: '也许' }, '应为 是/否'],
  ])('is refused: %j (%s)', (row, reason) => {
    const plan = planRow(5, row, ctx(), new Set());
    expect(plan.action).toBe('refused');
    expect(plan.reason).toContain(reason);
  });

  it('is refused when the number appeared earlier in the file', () => {
    const seen = new Set<string>();
    planRow(2, { name: '甲', id_number: A }, ctx(), seen);
    expect(planRow(3, { name: '甲', id_number: A }, ctx(), seen)).toMatchObject({
      action: 'refused',
      reason: '文件中该身份证号码重复出现',
    });
  });
});
