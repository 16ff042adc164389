// The demo district's 地、物、组织 and the work around the key persons, for every
// street, community and grid: compounds with buildings, rental houses with owners
// and tenants from the grid's people, key areas with their campaigns, social units
// and organisations with activities, patrol teams with members, the 综治中心 of
// each street and community with staff, and for every service object an assistance
// group and recent service records. (Each grid's 一长四员 and the security
// facilities with their inspections come from assessment-demo.ts, kept well by some
// streets and less by others.) Pure and deterministic for a seed: the rows
// name each other by position (`ref`), the seeder turns positions into ids.

import type { SERVICE_CATEGORIES } from '../schema/collections/service-objects.ts';
import { seededRandom } from './random.ts';
import { pad, personName, ROADS } from './registries-generator.ts';

export interface DemoUnit {
  id: number;
  path: string;
  name: string;
}

export interface DemoTree {
  streets: DemoUnit[];
  communities: DemoUnit[];
  /** Grids with the ids of their people (owners, tenants, members come from them). */
  grids: (DemoUnit & { people: number[] })[];
  serviceObjects: { id: number; unit: number; category: keyof typeof SERVICE_CATEGORIES }[];
}

/** Row `index` of `collection` as the seeder created it: replaced by its id. */
export interface Ref {
  $ref: string;
  index: number;
}
export const ref = ($ref: string, index: number): Ref => ({ $ref, index });
export const isRef = (value: unknown): value is Ref =>
  typeof value === 'object' && value !== null && typeof (value as Ref).$ref === 'string' && Number.isInteger((value as Ref).index);

export interface PlannedRows {
  collection: string;
  rows: Record<string, unknown>[];
}

const DAY = 86_400_000;
const COMPOUND_SUFFIXES = ['花园', '新村', '家园', '雅苑', '锦园', '名邸'];
const PROPERTY = ['南京物业管理有限公司', '浦口城建物业', '万科物业浦口分公司', '金陵物业服务有限公司'];
const AREA_TYPES = ['public_order', 'school_surrounds', 'market', 'construction', 'railway'] as const;
const AREA_PROBLEMS: Record<(typeof AREA_TYPES)[number], string> = {
  public_order: '流动人口集中，盗窃电动车案件多发',
  school_surrounds: '上下学时段交通秩序混乱，无证摊贩聚集',
  market: '集贸市场内扒窃和欺行霸市现象',
  construction: '工地材料被盗，劳资纠纷易发',
  railway: '铁路沿线行人穿越、抛物击打列车隐患',
};
const BUSINESSES = ['超市', '五金店', '餐饮店', '快递服务站', '汽车修理厂', '物流公司', '电子厂', '建材商行'];
const ORG_KINDS: [type: string, suffix: string][] = [
  ['community', '志愿者协会'],
  ['community', '老年人协会'],
  ['private_non_enterprise', '社会工作服务中心'],
  ['association', '调解协会'],
];
const ACTIVITIES = ['邻里守望志愿服务', '反诈宣传进楼栋', '矛盾纠纷调解沙龙', '关爱独居老人走访', '平安创建知识讲座'];
const TEAMS: [type: string, suffix: string][] = [
  ['patrol', '治安巡逻队'],
  ['volunteer', '平安志愿者队'],
  ['mediation', '人民调解队'],
  ['joint_defence', '联防队'],
];
const GROUP_ROLES = ['leader', 'cadre', 'police', 'family', 'volunteer'] as const;
const SERVICE_KINDS = ['visit', 'talk', 'help', 'education', 'check'] as const;
const SERVICE_CONTENT: Record<(typeof SERVICE_KINDS)[number], string> = {
  visit: '入户走访，了解近期生活和就业情况，情绪稳定',
  talk: '个别谈话，讲解相关政策，本人表示配合',
  help: '协助申请临时救助，联系社区就业岗位',
  education: '开展法治教育，告知报到和请假规定',
  check: '见面核查，本人在位，未发现异常',
};

/** The 18-character 统一社会信用代码 shape (GB 32100): registry office, kind, area code, then 10 more. */
function creditCode(rnd: () => number, kind: '91' | '52' | '53'): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let rest = '';
  for (let i = 0; i < 10; i++) rest += alphabet[Math.floor(rnd() * alphabet.length)];
  return `${kind}320111${rest}`;
}

const mobile = (rnd: () => number) => `1${'3578'[Math.floor(rnd() * 4)]}${pad(Math.floor(rnd() * 1e9), 9)}`;
const date = (at: number) => new Date(at + 8 * 3_600_000).toISOString().slice(0, 10);
/** A community's name without 社区, for the names of places in it. */
const placeName = (community: DemoUnit) => community.name.replace(/社区$/, '');

export function generatePlaces(tree: DemoTree, options: { today: Date; seed?: number }): PlannedRows[] {
  const rnd = seededRandom(options.seed ?? 20261205);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const between = (low: number, high: number) => low + Math.floor(rnd() * (high - low + 1));
  const today = options.today.getTime();
  const daysAgo = (n: number) => date(today - n * DAY);
  const out = new Map<string, Record<string, unknown>[]>();
  const add = (collection: string, row: Record<string, unknown>): number => {
    if (!out.has(collection)) out.set(collection, []);
    return out.get(collection)!.push(row) - 1;
  };
  const road = () => `南京市浦口区${pick(ROADS)}${between(1, 300)}号`;

  for (const street of tree.streets) {
    const areaType = AREA_TYPES[tree.streets.indexOf(street) % AREA_TYPES.length]!;
    const area = add('key_areas', {
      unit: street.id,
      name: `${street.name.replace(/街道$/, '')}${{ public_order: '城中村', school_surrounds: '中心小学周边', market: '农贸市场', construction: '建设工地片区', railway: '铁路沿线' }[areaType]}`,
      area_type: areaType,
      problem: AREA_PROBLEMS[areaType],
      extent: `${pick(ROADS)}至${pick(ROADS)}一带`,
    });
    add('rectification_campaigns', {
      unit: street.id,
      problem: AREA_PROBLEMS[areaType],
      key_area: ref('key_areas', area),
      measures: '公安、城管、市场监管联合排查，增设监控，落实网格员每日巡查',
      responsible_person: personName(rnd),
      starts_on: daysAgo(between(20, 60)),
      due_on: daysAgo(-between(15, 60)),
      cases_handled: between(0, 6),
      status: 'ongoing',
    });
    const office = add('offices', {
      unit: street.id,
      code: `ZZ${street.path.split('/').slice(-2, -1)[0]}`,
      name: `${street.name}综治中心`,
      phone: `025-5${pad(between(0, 9_999_999), 7)}`,
      head: personName(rnd),
      member_units: '派出所、司法所、城管中队、市场监管所、信访办',
      address: road(),
    });
    for (const position of ['主任', '副主任', '专职工作人员'])
      add('office_staff', {
        unit: street.id,
        office: ref('offices', office),
        name: personName(rnd),
        position,
        staffing: 'full_time',
        phone: mobile(rnd),
      });
  }

  for (const community of tree.communities) {
    const name = placeName(community);
    const office = add('offices', {
      unit: community.id,
      code: `ZZ${community.path.split('/').slice(-3, -1).join('')}`,
      name: `${community.name}综治中心`,
      phone: `025-5${pad(between(0, 9_999_999), 7)}`,
      head: personName(rnd),
      address: road(),
    });
    for (const [position, staffing] of [
      ['主任', 'part_time'],
      ['专职工作人员', 'full_time'],
    ])
      add('office_staff', {
        unit: community.id,
        office: ref('offices', office),
        name: personName(rnd),
        position,
        staffing,
        phone: mobile(rnd),
      });
    for (let c = 0; c < 2; c++) {
      const compound = add('compounds', {
        unit: community.id,
        name: `${name}${COMPOUND_SUFFIXES[(tree.communities.indexOf(community) + c) % COMPOUND_SUFFIXES.length]}`,
        address: road(),
        property_company: pick(PROPERTY),
        property_phone: `025-5${pad(between(0, 9_999_999), 7)}`,
        household_count: between(200, 1200),
      });
      for (let b = 1; b <= 3; b++)
        add('buildings', { unit: community.id, compound: ref('compounds', compound), name: `${b}幢`, floors: pick([6, 11, 18, 26]) });
    }
    for (let u = 0; u < 2; u++)
      add('social_units', {
        unit: community.id,
        name: `南京${name}${pick(BUSINESSES)}${u ? '有限公司' : ''}`,
        credit_code: creditCode(rnd, '91'),
        unit_type: u ? 'enterprise' : 'individual',
        address: road(),
        legal_representative: personName(rnd),
        security_head: personName(rnd),
        phone: mobile(rnd),
        employees: between(2, 120),
        concern: rnd() < 0.2 ? 'focus' : 'normal',
      });
    const [orgType, orgSuffix] = ORG_KINDS[tree.communities.indexOf(community) % ORG_KINDS.length]!;
    const organisation = add('social_organisations', {
      unit: community.id,
      name: `${community.name}${orgSuffix}`,
      credit_code: creditCode(rnd, orgType === 'community' ? '53' : '52'),
      org_type: orgType,
      head: personName(rnd),
      phone: mobile(rnd),
      member_count: between(8, 60),
      address: road(),
    });
    for (let a = 0; a < 2; a++)
      add('organisation_activities', {
        unit: community.id,
        organisation: ref('social_organisations', organisation),
        held_on: daysAgo(between(3, 40)),
        title: pick(ACTIVITIES),
        participants: between(6, 40),
        content: '组织成员和居民参加，现场发放宣传资料',
      });
    const [teamType, teamSuffix] = pick(TEAMS);
    const team = add('patrol_teams', {
      unit: community.id,
      name: `${community.name}${teamSuffix}`,
      team_type: teamType,
      leader: personName(rnd),
      phone: mobile(rnd),
    });
    for (let m = 0; m < 4; m++)
      add('patrol_team_members', {
        unit: community.id,
        team: ref('patrol_teams', team),
        name: personName(rnd),
        phone: mobile(rnd),
        joined_on: daysAgo(between(60, 900)),
      });
  }

  for (const grid of tree.grids) {
    if (grid.people.length < 3) continue;
    const [owner, ...others] = grid.people;
    const rental = add('rental_houses', {
      unit: grid.id,
      address: `${road()}${between(1, 30)}栋${between(1, 18)}0${between(1, 4)}室`,
      use: rnd() < 0.8 ? '10' : '40',
      rented_area: between(30, 120),
      owner,
      hazard_type: rnd() < 0.7 ? '00' : pick(['10', '20', '40']),
      rented_from: daysAgo(between(30, 700)),
    });
    for (const person of others.slice(0, between(1, 2)))
      add('rental_tenants', { unit: grid.id, rental_house: ref('rental_houses', rental), person, moved_in: daysAgo(between(10, 600)) });
  }

  for (const object of tree.serviceObjects) {
    const group = add('assistance_groups', {
      unit: object.unit,
      service_object: object.id,
      name: '帮教小组',
      formed_on: daysAgo(between(60, 700)),
    });
    for (const role of GROUP_ROLES.slice(0, between(3, 5)))
      add('assistance_group_members', {
        unit: object.unit,
        group: ref('assistance_groups', group),
        name: personName(rnd),
        role,
        phone: mobile(rnd),
      });
    for (let r = 0; r < 2; r++) {
      const kind = pick(SERVICE_KINDS);
      add('service_records', {
        unit: object.unit,
        service_object: object.id,
        served_at: new Date(today - between(1, 28) * DAY - between(0, 8) * 3_600_000).toISOString(),
        kind,
        place: r ? '社区综治中心' : '本人住所',
        content: SERVICE_CONTENT[kind],
      });
    }
  }
  // In the order the rows may refer to each other.
  const ORDER = [
    'key_areas',
    'rectification_campaigns',
    'offices',
    'office_staff',
    'compounds',
    'buildings',
    'social_units',
    'social_organisations',
    'organisation_activities',
    'patrol_teams',
    'patrol_team_members',
    'rental_houses',
    'rental_tenants',
    'assistance_groups',
    'assistance_group_members',
    'service_records',
  ];
  return ORDER.filter((c) => out.has(c)).map((collection) => ({ collection, rows: out.get(collection)! }));
}

/** The rows with every `ref` replaced by the id created for it; throws on a ref to nothing. */
export function resolveRefs(rows: Record<string, unknown>[], created: Map<string, number[]>): Record<string, unknown>[] {
  return rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([field, value]) => {
        if (!isRef(value)) return [field, value];
        const id = created.get(value.$ref)?.[value.index];
        if (id === undefined) throw new Error(`seed: ${field} refers to ${value.$ref}[${value.index}], which was not created`);
        return [field, id];
      }),
    ),
  );
}
