// The unit tree at the district's real size: about 150 communities under Pukou's
// nine streets (more in the populous ones) and ten grids in each, about 1,500
// grids. The units already there (the demo tree's streets, communities and grids,
// the departments) keep their ids, codes and accounts; what is missing is added.
// Paths are derived by the jurisdiction rule's own function (childPath).

import { childPath, type UnitKind, type UnitLevel } from '../../extensions/kernel/unit-path.ts';
import { pick, stream } from './draw.ts';

export interface ScaleUnit {
  id: number;
  code: string;
  name: string;
  level: UnitLevel;
  kind: UnitKind;
  parent: number | null;
  path: string;
}

/** Communities per street at full size (150 in all), after the streets' populations. */
export const COMMUNITIES_PER_STREET: Record<string, number> = {
  S01: 22, // 江浦街道
  S02: 20, // 顶山街道
  S03: 24, // 泰山街道
  S04: 20, // 沿江街道
  S05: 14, // 盘城街道
  S06: 13, // 永宁街道
  S07: 11, // 汤泉街道
  S08: 11, // 星甸街道
  S09: 15, // 桥林街道
};
export const GRIDS_PER_COMMUNITY = 10;

/** Marks the units this generator adds (units.remark), so that a second run can tell. */
export const GENERATED_REMARK = 'seed:scale 规模数据';

const NAME_FIRST = '浦新泰珠凤龙华永明江星汤桥盘石象山滨和兴安康宁锦丰裕顺佳乐瑞';
const NAME_SECOND = '园苑湾港苑城桥河林岗湖泉岭坊庄';
const GRID_NUMBERS = ['第一', '第二', '第三', '第四', '第五', '第六', '第七', '第八', '第九', '第十', '第十一', '第十二'];

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** The ordinal of a grid in its community's name (第一网格 …), past twelve by number. */
export const gridName = (community: string, n: number) => `${community}${GRID_NUMBERS[n - 1] ?? `第${n}`}网格`;

/**
 * The units to add so that each street has its COMMUNITIES_PER_STREET communities
 * and each community GRIDS_PER_COMMUNITY grids; `nextId` is the first free id.
 */
export function extendTree(existing: readonly ScaleUnit[], nextId: number, seed: number): ScaleUnit[] {
  const rnd = stream(seed, 'tree');
  const added: ScaleUnit[] = [];
  const names = new Set(existing.map((u) => u.name));
  const paths = new Set(existing.map((u) => u.path));
  let id = nextId;
  let communityNumber = Math.max(0, ...existing.filter((u) => u.level === 'community').map((u) => Number(u.code.slice(1)) || 0));
  const offices = existing.filter((u) => u.kind === 'office');
  const streets = offices.filter((u) => u.level === 'street').sort((a, b) => a.code.localeCompare(b.code));
  const communities = (street: ScaleUnit) =>
    [...offices, ...added].filter((u) => u.level === 'community' && u.parent === street.id).sort((a, b) => a.code.localeCompare(b.code));

  for (const street of streets) {
    const wanted = COMMUNITIES_PER_STREET[street.code] ?? 0;
    for (let n = communities(street).length; n < wanted; n++) {
      let name: string;
      do name = `${pick(rnd, [...NAME_FIRST])}${pick(rnd, [...NAME_SECOND])}社区`;
      while (names.has(name));
      names.add(name);
      const code = `C${pad(++communityNumber, 3)}`;
      added.push({ id: id++, code, name, level: 'community', kind: 'office', parent: street.id, path: childPath(street.path, code) });
    }
    for (const community of communities(street)) {
      for (let g = 1; g <= GRIDS_PER_COMMUNITY; g++) {
        const code = `G${pad(g, 2)}`;
        const path = childPath(community.path, code);
        if (paths.has(path)) continue;
        paths.add(path);
        added.push({ id: id++, code, name: gridName(community.name, g), level: 'grid', kind: 'office', parent: community.id, path });
      }
    }
  }
  return added;
}
