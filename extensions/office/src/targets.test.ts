import { describe, expect, it } from 'vitest';
import { parseTargets, resolveTargets, type TargetUnit } from './targets.ts';

const unit = (id: number, level: string, path: string, kind = 'office'): TargetUnit => ({ id, level, kind, path });
const street = unit(2, 'street', '/D/S1/');
const within: TargetUnit[] = [
  street,
  unit(3, 'community', '/D/S1/C1/'),
  unit(4, 'grid', '/D/S1/C1/G1/'),
  unit(5, 'grid', '/D/S1/C1/G2/'),
  unit(6, 'community', '/D/S1/C2/'),
  unit(7, 'grid', '/D/S1/C2/G1/'),
  unit(8, 'street', '/D/S1/M1/', 'member'),
];
const district = unit(1, 'district', '/D/');
const ids = (spec: unknown, superior?: TargetUnit | null) => {
  const parsed = parseTargets(spec);
  if (!parsed.ok) return parsed.problems;
  const resolved = resolveTargets(street, within, parsed.value, superior);
  return resolved.ok ? resolved.value.map((u) => u.id) : resolved.problems;
};

describe('document targets', () => {
  it('a whole level within the jurisdiction', () => {
    expect(ids({ levels: ['community'] })).toEqual([3, 6]);
    expect(ids({ levels: ['community', 'grid'] })).toEqual([3, 4, 5, 6, 7]);
    expect(ids({ levels: ['department'] })).toEqual([8]);
  });

  it('a subtree, optionally one level of it, without its root', () => {
    expect(ids({ under: 3 })).toEqual([4, 5]);
    expect(ids({ under: 2, levels: ['grid'] })).toEqual([4, 5, 7]);
  });

  it('a list, united with the rest without duplicates', () => {
    expect(ids({ units: [7, 3] })).toEqual([3, 7]);
    expect(ids({ under: 3, units: [4, 6] })).toEqual([4, 5, 6]);
  });

  it('refuses units outside the jurisdiction, the sender itself and nothing at all', () => {
    expect(ids({ units: [99] })).toEqual(['单位“99”不是本单位的下级单位，不能向其发送']);
    expect(ids({ units: [2] })).toEqual(['单位“2”不是本单位的下级单位，不能向其发送']);
    expect(ids({ under: 99 })).toEqual(['单位“99”不在本单位辖区内，不能向其发送']);
    expect(ids({ under: 4 })).toEqual(['所选范围内没有接收单位']);
    expect(ids({})).toEqual(['请选择接收单位']);
    expect(ids(null)).toEqual(['请选择接收单位（targets：levels、under 或 units）']);
  });

  it('goes up to the superior office where the sending allows it (报送上级), alone or with units below', () => {
    expect(ids({ superior: true }, district)).toEqual([1]);
    expect(ids({ superior: true, units: [3] }, district)).toEqual([1, 3]);
    expect(ids({ superior: false, units: [3] }, district)).toEqual([3]);
    expect(ids({ superior: true }, null)).toEqual(['本单位没有上级综治办，不能报送上级']);
    expect(ids({ superior: true })).toEqual(['此处只能选择本单位的下级单位']);
    expect(ids({ superior: 'yes' }, district)).toEqual(['“superior”应为 true 或 false']);
    expect(ids({ superior: false }, district)).toEqual(['请选择接收单位']);
  });

  it('refuses malformed specifications', () => {
    expect(ids({ levels: ['everyone'] })).toEqual(['层级只能是 street、community、grid、department']);
    expect(ids({ units: ['3'] })).toEqual(['“units”应为单位编号的列表']);
    expect(ids({ under: 1.5 })).toEqual(['“under”应为单位编号']);
    expect(ids({ all: true })).toEqual(['不认识的发送范围：all']);
  });
});
