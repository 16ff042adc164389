// Reference data: the Pukou District unit tree (浦口区, 320111) with its streets as
// in the governing document's era, a demo set of communities and grids, and the
// district's functional departments.

export interface UnitSeed {
  code: string;
  name: string;
  level: 'district' | 'street' | 'community' | 'grid';
  kind: 'office' | 'department' | 'member';
  contact_person?: string;
  contact_phone?: string;
  children?: UnitSeed[];
}

const GRID_NAMES = ['第一网格', '第二网格', '第三网格'];

/** Demo communities per street; real streets, plausible community names. */
const STREETS: [code: string, name: string, communities: string[]][] = [
  ['S01', '江浦街道', ['求雨山社区', '象山社区', '惠济社区']],
  ['S02', '顶山街道', ['珠泉社区', '定山社区', '九峰社区']],
  ['S03', '泰山街道', ['大华社区', '天华社区', '高新社区']],
  ['S04', '沿江街道', ['浦珠社区', '浦园社区', '东门社区']],
  ['S05', '盘城街道', ['盘城社区', '新华社区']],
  ['S06', '永宁街道', ['永宁社区', '大桥社区']],
  ['S07', '汤泉街道', ['汤泉社区', '龙井社区']],
  ['S08', '星甸街道', ['星甸社区', '后圩社区']],
  ['S09', '桥林街道', ['桥林社区', '石碛社区']],
];

const DEPARTMENTS: [code: string, name: string][] = [
  ['GAJ', '浦口公安分局'],
  ['SFJ', '区司法局'],
  ['XFJ', '区信访局'],
  ['MZJ', '区民政局'],
  ['WJW', '区卫生健康委员会'],
  ['ZJJ', '区住房和城乡建设局'],
  ['CGJ', '区城市管理局'],
];

let communityNumber = 0;

export const PUKOU: UnitSeed = {
  code: '320111',
  name: '浦口区',
  level: 'district',
  kind: 'office',
  contact_phone: '025-58881234',
  children: [
    ...STREETS.map(
      ([code, name, communities]): UnitSeed => ({
        code,
        name,
        level: 'street',
        kind: 'office',
        children: communities.map((community): UnitSeed => {
          communityNumber += 1;
          return {
            code: `C${String(communityNumber).padStart(3, '0')}`,
            name: community,
            level: 'community',
            kind: 'office',
            children: GRID_NAMES.map(
              (grid, i): UnitSeed => ({
                code: `G${String(i + 1).padStart(2, '0')}`,
                name: `${community}${grid}`,
                level: 'grid',
                kind: 'office',
              }),
            ),
          };
        }),
      }),
    ),
    ...DEPARTMENTS.map(([code, name]): UnitSeed => ({ code, name, level: 'district', kind: 'department' })),
    // The joint-duty command platform (第二十三条): matters exchanged with it are initiated by this unit.
    { code: 'DLQ', name: '大联勤指挥中心', level: 'district', kind: 'member' },
  ],
};

/** Every unit with its path, parents before children. */
export function flattenUnits(root: UnitSeed, parentPath: string | null = null): (UnitSeed & { path: string; parentPath: string | null })[] {
  const path = `${parentPath ?? '/'}${root.code}/`;
  return [{ ...root, path, parentPath }, ...(root.children ?? []).flatMap((c) => flattenUnits(c, path))];
}
