// Synthetic registry data for the Pukou tree: people with valid ID numbers
// (GB 11643), plausible names, ages, phones and addresses, in plausible
// proportions of registered residents, floating population, foreigners and
// left-behind persons; houses; and service objects of the eight categories.
// Deterministic for a seed. `peoplePerGrid` is the scale knob: the demo uses a
// handful, the benchmark enough for 1,200,000 people.

import { makeIdNumber } from '../extensions/registries/src/id-number.ts';
import { maskIdNumber, maskPhone } from '../extensions/registries/src/mask.ts';
import type { SERVICE_CATEGORIES } from '../schema/collections/service-objects.ts';
import { seededRandom } from './random.ts';

export interface GridUnit {
  id: number;
  path: string;
  name: string;
}

export interface GeneratedPerson {
  name: string;
  id_number: string;
  id_number_masked: string;
  sex: string;
  birth_date: string;
  ethnicity: string;
  phone: string | null;
  phone_masked: string | null;
  household_place_code: string;
  residence_address: string;
  is_registered: boolean;
  is_floating: boolean;
  is_foreigner: boolean;
  is_left_behind: boolean;
  permit_type: string | null;
  permit_number: string | null;
  registered_on: string | null;
  permit_expires_on: string | null;
  state: 'in_force';
  unit: number;
  unit_path: string;
}

export interface GeneratedHouse {
  number: string;
  address: string;
  use: string;
  floor_area: number;
  unit: number;
  unit_path: string;
}

export interface GeneratedServiceObject {
  /** Index into the generated people. */
  person: number;
  category: keyof typeof SERVICE_CATEGORIES;
  risk_grade: string;
  visit_every_days: number;
  unit: number;
  unit_path: string;
}

/** Shares of the people (a person may be in more than one category). */
export const PROPORTIONS = { floating: 0.27, leftBehind: 0.02, serviceObject: 0.006, phone: 0.75, peoplePerHouse: 6 };
/** Shares of the service objects by category. */
export const CATEGORY_SHARES: [keyof typeof SERVICE_CATEGORIES, number][] = [
  ['mental', 0.25],
  ['released', 0.2],
  ['correction', 0.15],
  ['key_youth', 0.15],
  ['drug', 0.12],
  ['petitioner', 0.1],
  ['hiv', 0.02],
  ['cult', 0.01],
];

export const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
export const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志强春梅海燕文博子涵浩然欣怡宇轩梓萱晨阳思远佳怡俊杰雨桐若曦一鸣天佑';
/** Household registration places of Pukou's floating population (GB/T 2260): Anhui, Henan, northern Jiangsu, Sichuan … */
const ORIGINS = [
  '341221',
  '341222',
  '342622',
  '340421',
  '411523',
  '411324',
  '320321',
  '320722',
  '321323',
  '510623',
  '500235',
  '362321',
  '421182',
  '130424',
];
export const ROADS = ['浦珠路', '江浦路', '定山大街', '文德路', '浦泗路', '凤凰大街', '沿江大道', '星甸路', '汤泉东路', '桥林大街'];

export const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** A plausible Chinese name: a surname and one or two given characters. */
export function personName(rnd: () => number): string {
  const pick = (list: string) => list[Math.floor(rnd() * list.length)]!;
  return pick(SURNAMES) + pick(GIVEN) + (rnd() < 0.6 ? pick(GIVEN) : '');
}

export function generateRegistry(
  grids: GridUnit[],
  options: {
    peoplePerGrid: number;
    seed?: number;
    today?: Date /** ID numbers already given out (generating in chunks). */;
    used?: Set<string> /** Prefix of house numbers (FW), to keep them apart from another run's. */;
    housePrefix?: string;
  },
): { people: GeneratedPerson[]; houses: GeneratedHouse[]; serviceObjects: GeneratedServiceObject[] } {
  const rnd = seededRandom(options.seed ?? 20261127);
  const pick = <T>(list: readonly T[] | string): T => list[Math.floor(rnd() * list.length)] as T;
  const today = options.today ?? new Date('2026-11-27T00:00:00Z');
  const year = today.getUTCFullYear();
  const used = options.used ?? new Set<string>();
  const people: GeneratedPerson[] = [];
  const houses: GeneratedHouse[] = [];
  const serviceObjects: GeneratedServiceObject[] = [];

  for (const grid of grids) {
    const road = pick(ROADS);
    const houseCount = Math.max(1, Math.round(options.peoplePerGrid / PROPORTIONS.peoplePerHouse));
    const gridHouses: string[] = [];
    for (let h = 0; h < houseCount; h++) {
      const address = `南京市浦口区${road}${1 + Math.floor(rnd() * 300)}号${1 + Math.floor(rnd() * 30)}栋${1 + Math.floor(rnd() * 4)}单元${1 + Math.floor(rnd() * 18)}0${1 + Math.floor(rnd() * 4)}室`;
      gridHouses.push(address);
      houses.push({
        number: `${options.housePrefix ?? 'FW'}${pad(grid.id, 6)}${pad(h + 1, 4)}`,
        address,
        use: rnd() < 0.8 ? '10' : rnd() < 0.7 ? '20' : '30',
        floor_area: Math.round(40 + rnd() * 110),
        unit: grid.id,
        unit_path: grid.path,
      });
    }
    for (let i = 0; i < options.peoplePerGrid; i++) {
      const floating = rnd() < PROPORTIONS.floating;
      // Ages: floating people mostly of working age, residents across all ages.
      const age = floating ? 18 + Math.floor(rnd() * 42) : Math.floor(rnd() * 88);
      const birth = `${year - age - 1}-${pad(1 + Math.floor(rnd() * 12), 2)}-${pad(1 + Math.floor(rnd() * 28), 2)}`;
      const origin = floating ? pick(ORIGINS) : '320111';
      let idNumber: string;
      do idNumber = makeIdNumber(origin, birth, Math.floor(rnd() * 1000));
      while (used.has(idNumber));
      used.add(idNumber);
      const male = Number(idNumber[16]) % 2 === 1;
      const phone = rnd() < PROPORTIONS.phone ? `1${pick('3578')}${pad(Math.floor(rnd() * 1e9), 9)}` : null;
      const expires = floating
        ? `${year + (rnd() < 0.9 ? 1 : 0)}-${pad(1 + Math.floor(rnd() * 12), 2)}-${pad(1 + Math.floor(rnd() * 28), 2)}`
        : null;
      people.push({
        name: personName(rnd),
        id_number: idNumber,
        id_number_masked: maskIdNumber(idNumber)!,
        sex: male ? '1' : '2',
        birth_date: birth,
        ethnicity: rnd() < 0.97 ? '01' : pick(['03', '08', '15']),
        phone,
        phone_masked: maskPhone(phone),
        household_place_code: origin,
        residence_address: pick(gridHouses),
        is_registered: !floating,
        is_floating: floating,
        is_foreigner: false,
        is_left_behind: !floating && (age < 16 || age > 65) && rnd() < PROPORTIONS.leftBehind * 3,
        permit_type: floating ? '10' : null,
        permit_number: floating ? `JZ${origin}${pad(people.length, 8)}` : null,
        registered_on: floating ? `${year - 1}-${pad(1 + Math.floor(rnd() * 12), 2)}-01` : null,
        permit_expires_on: expires,
        state: 'in_force',
        unit: grid.id,
        unit_path: grid.path,
      });
      if (age >= 14 && rnd() < PROPORTIONS.serviceObject) {
        let r = rnd();
        const category = CATEGORY_SHARES.find(([, share]) => (r -= share) < 0)?.[0] ?? 'mental';
        const grade = rnd() < 0.6 ? '1' : rnd() < 0.75 ? '2' : '3';
        serviceObjects.push({
          person: people.length - 1,
          category,
          risk_grade: grade,
          visit_every_days: grade === '3' ? 7 : grade === '2' ? 15 : 30,
          unit: grid.id,
          unit_path: grid.path,
        });
      }
    }
  }
  return { people, houses, serviceObjects };
}
