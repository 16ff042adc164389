import { describe, expect, it } from 'vitest';
import { compareLists, comparisonRows, type OurPerson } from './compare.ts';
import { makeIdNumber } from './id-number.ts';

const [A, B, C, D, E] = [1, 3, 5, 7, 9].map((s) => makeIdNumber('320111', '1988-08-08', s));
const ours: OurPerson[] = [
  { id: 1, id_number: A!, name: '甲', phone: '13900000001', unit_name: '第一网格' },
  { id: 2, id_number: B!, name: '乙', phone: '13900000002', unit_name: '第一网格' },
  { id: 3, id_number: C!, name: '丙', phone: null, unit_name: '第二网格' },
];

describe('comparing a department’s list with the registry', () => {
  // A crafted pair: A agrees, B's phone differs, C is only ours, D only theirs, E theirs and registered elsewhere, one unreadable row.
  const theirs = [
    { line: 2, record: { id_number: A, name: '甲', phone: '13900000001' } },
    { line: 3, record: { id_number: B!.toLowerCase(), name: '乙', phone: '13900000009' } },
    { line: 4, record: { id_number: D, name: '丁', phone: null } },
    { line: 5, record: { id_number: E, name: '戊' } },
    { line: 6, record: { id_number: '123', name: '坏' } },
  ];
  const result = compareLists(ours, theirs, ['name', 'id_number', 'phone'], new Set([E!]));

  it('finds who is only ours, only theirs, and what differs, per unit', () => {
    expect(result.counts).toEqual({ ours: 3, theirs: 5, matched: 2, only_ours: 1, only_theirs: 2, differing: 1, unreadable: 1 });
    expect(result.only_ours).toEqual([{ id: 3, name: '丙', id_number: `3201**********${C!.slice(-4)}`, unit: '第二网格' }]);
    expect(result.only_theirs).toEqual([
      { line: 4, name: '丁', id_number: `3201**********${D!.slice(-4)}`, registered_elsewhere: false },
      { line: 5, name: '戊', id_number: `3201**********${E!.slice(-4)}`, registered_elsewhere: true },
    ]);
    expect(result.differing).toEqual([{ id: 2, line: 3, name: '乙', id_number: `3201**********${B!.slice(-4)}`, unit: '第一网格', fields: { phone: ['13900000002', '13900000009'] } }]);
    expect(result.by_unit).toEqual({ 第一网格: { only_ours: 0, differing: 1 }, 第二网格: { only_ours: 1, differing: 0 } });
  });

  it('never keeps a raw ID number', () => {
    const text = JSON.stringify([result, comparisonRows(result)]);
    for (const number of [A, B, C, D, E]) expect(text).not.toContain(number);
  });

  it('becomes rows the department can read back', () => {
    expect(comparisonRows(result).map((r) => r['类别'])).toEqual(['仅本系统有', '仅对方有', '仅对方有（已在其他辖区登记）', '信息不一致', '对方数据无法识别']);
    expect(comparisonRows(result)[3]!['差异']).toBe('phone：本系统“13900000002”，对方“13900000009”');
  });
});
