import { describe, expect, it } from 'vitest';
import { compareLists, comparisonRows, plainKey, type OurRecord } from './compare.ts';
import { makeIdNumber } from './id-number.ts';

const [A, B, C, D, E] = [1, 3, 5, 7, 9].map((s) => makeIdNumber('320111', '1988-08-08', s));
const ours: OurRecord[] = [
  { id: 1, id_number: A!, name: '甲', phone: '13900000001', unit_name: '第一网格' },
  { id: 2, id_number: B!, name: '乙', phone: '13900000002', unit_name: '第一网格' },
  { id: 3, id_number: C!, name: '丙', phone: null, unit_name: '第二网格' },
];

describe('comparing a department’s list of people with the registry', () => {
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
    expect(result.only_ours).toEqual([{ id: 3, name: '丙', key: `3201**********${C!.slice(-4)}`, unit: '第二网格' }]);
    expect(result.only_theirs).toEqual([
      { line: 4, name: '丁', key: `3201**********${D!.slice(-4)}`, registered_elsewhere: false },
      { line: 5, name: '戊', key: `3201**********${E!.slice(-4)}`, registered_elsewhere: true },
    ]);
    expect(result.differing).toEqual([
      {
        id: 2,
        line: 3,
        name: '乙',
        key: `3201**********${B!.slice(-4)}`,
        unit: '第一网格',
        // Personal numbers masked: the result is stored.
        fields: { phone: ['139****0002', '139****0009'] },
      },
    ]);
    expect(result.by_unit).toEqual({ 第一网格: { only_ours: 0, differing: 1 }, 第二网格: { only_ours: 1, differing: 0 } });
  });

  it('never keeps a raw ID number', () => {
    const text = JSON.stringify([result, comparisonRows(result)]);
    for (const number of [A, B, C, D, E]) expect(text).not.toContain(number);
  });

  it('becomes rows the department can read back', () => {
    expect(comparisonRows(result).map((r) => r['类别'])).toEqual([
      '仅本系统有',
      '仅对方有',
      '仅对方有（已在其他辖区登记）',
      '信息不一致',
      '对方数据无法识别',
    ]);
    expect(comparisonRows(result)[3]!['差异']).toBe('phone：本系统“139****0002”，对方“139****0009”');
  });
});

describe('comparing a list of another registry by its own key', () => {
  // Houses by house number: FW1 agrees, FW2's use differs (the list writes the number in lower case), FW3 only ours, FW4 only theirs, a row without a number.
  const houses: OurRecord[] = [
    { id: 11, number: 'FW1', name: '浦口大道1号', use: '10', unit_name: '第一网格' },
    { id: 12, number: 'FW2', name: '浦口大道2号', use: '10', unit_name: '第一网格' },
    { id: 13, number: 'FW3', name: '浦口大道3号', use: '20', unit_name: '第二网格' },
  ];
  const theirs = [
    { line: 2, record: { number: 'FW1', name: '浦口大道1号', use: '10' } },
    { line: 3, record: { number: ' fw2 ', name: '浦口大道2号', use: '20' } },
    { line: 4, record: { number: 'FW4', name: '浦口大道4号' } },
    { line: 5, record: { number: '', name: '无编号' } },
  ];
  const result = compareLists(houses, theirs, ['number', 'use'], new Set(), plainKey('number', '房屋编号'));

  it('matches by the key as written, and reports the same way', () => {
    expect(result.counts).toEqual({ ours: 3, theirs: 4, matched: 2, only_ours: 1, only_theirs: 1, differing: 1, unreadable: 1 });
    expect(result.differing).toEqual([
      { id: 12, line: 3, name: '浦口大道2号', key: 'FW2', unit: '第一网格', fields: { use: ['10', '20'] } },
    ]);
    expect(result.only_ours).toEqual([{ id: 13, name: '浦口大道3号', key: 'FW3', unit: '第二网格' }]);
    expect(result.only_theirs).toEqual([{ line: 4, name: '浦口大道4号', key: 'FW4', registered_elsewhere: false }]);
    expect(result.unreadable).toEqual([{ line: 5, reason: '缺少房屋编号' }]);
    expect(comparisonRows(result, { name: '地址', key: '房屋编号' })[0]).toEqual({
      类别: '仅本系统有',
      单位: '第二网格',
      地址: '浦口大道3号',
      房屋编号: 'FW3',
      对方行号: '',
      差异: '',
    });
  });
});
