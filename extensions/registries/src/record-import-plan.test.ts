import { describe, expect, it } from 'vitest';
import { houses, rentalHouses } from '../../../schema/collections/places.ts';
import { plainKey } from './compare.ts';
import { importableFields, mappingOf, numericFields, planKeyedRow, type KeyedContext } from './record-import-plan.ts';
import { mapRow } from './import-plan.ts';

const KEY = plainKey('number', '房屋编号');
const ctx = (): KeyedContext => ({
  unitPath: '/320111/S01/C001/',
  numeric: numericFields(houses),
  codes: { use: new Set(['10', '20']) },
  title: (f) => ({ use: '房屋用途' })[f] ?? f,
  existing: new Map([
    ['FW1', { id: 1, unit_path: '/320111/S01/C001/', number: 'FW1', address: '浦口大道1号', use: '10', floor_area: '88.50' }],
    ['FW2', { id: 2, unit_path: '/320111/S02/C004/', number: 'FW2', address: '别处' }],
    ['FW3', { id: 3, unit_path: '/320111/S01/C001/G01/', number: 'FW3', address: '网格里' }],
  ]),
});

describe('importable fields of a registry', () => {
  it('are its own stored fields, not the server’s, read-only or aliases', () => {
    const fields = importableFields(rentalHouses);
    expect([...fields]).toEqual(expect.arrayContaining(['number', 'address', 'owner', 'hazard_type', 'rented_area']));
    for (const f of ['id', 'unit', 'unit_path', 'user_created', 'date_created', 'tenants']) expect(fields.has(f)).toBe(false);
  });

  it('are mapped from their Chinese labels or names', () => {
    const mapping = mappingOf(houses, importableFields(houses));
    expect(mapRow({ 房屋编号: 'FW9', 房屋地址: '江浦街道1号', 房主: '320111198001010011', 其他: 'x' }, mapping)).toEqual({
      number: 'FW9',
      address: '江浦街道1号',
      owner: '320111198001010011',
    });
  });
});

describe('a row of another registry', () => {
  it('is new when its key is not registered', () => {
    expect(planKeyedRow(2, { number: ' fw9 ', address: '新房' }, KEY, ctx(), new Set())).toEqual({
      line: 2,
      action: 'create',
      key: 'FW9',
      record: { number: 'FW9', address: '新房' },
    });
  });

  it('is unchanged when it says what is stored, and a change lists what differs', () => {
    expect(planKeyedRow(2, { number: 'FW1', address: '浦口大道1号', floor_area: '88.5', use: null }, KEY, ctx(), new Set())).toEqual({
      line: 2,
      action: 'unchanged',
      key: 'FW1',
      id: 1,
    });
    expect(planKeyedRow(3, { number: 'FW1', address: '浦口大道1号', use: '20' }, KEY, ctx(), new Set())).toEqual({
      line: 3,
      action: 'change',
      key: 'FW1',
      id: 1,
      changes: { use: ['10', '20'] },
      record: { use: '20' },
    });
  });

  it('is refused without a key, twice in the file, or registered by another unit (not saying where)', () => {
    const seen = new Set<string>();
    expect(planKeyedRow(2, { address: '无编号' }, KEY, ctx(), seen)).toEqual({ line: 2, action: 'refused', reason: '缺少房屋编号' });
    expect(planKeyedRow(3, { number: 'FW9', address: 'a' }, KEY, ctx(), seen).action).toBe('create');
    expect(planKeyedRow(4, { number: 'FW9', address: 'b' }, KEY, ctx(), seen)).toMatchObject({
      action: 'refused',
      reason: '文件中该编号重复出现',
    });
    expect(planKeyedRow(5, { number: 'FW2' }, KEY, ctx(), seen)).toEqual({
      line: 5,
      action: 'refused',
      key: 'FW2',
      reason: '该编号已在其他辖区登记',
    });
    expect(planKeyedRow(6, { number: 'FW3' }, KEY, ctx(), seen)).toMatchObject({
      action: 'refused',
      id: 3,
      reason: '该记录登记在下级单位，请由其所在单位导入变更',
    });
    expect(planKeyedRow(7, { number: 'FW7', use: '99' }, KEY, ctx(), seen)).toEqual({
      line: 7,
      action: 'refused',
      key: 'FW7',
      reason: '房屋用途代码“99”不在代码表中或已停用',
    });
  });
});
