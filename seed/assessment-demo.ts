// What the assessment reads beyond the month of office work (office-demo.ts), so
// that the nine streets rank with meaning when a newcomer opens 考评: each grid's
// 一长四员 and security facilities with their monthly inspections — kept well by
// some streets and less by others. Each street has a diligence of its own (seeded,
// the same every time): a diligent street fills nearly every post and inspects
// nearly every facility; one behind leaves gaps, and the scorecards name them. (The
// registers themselves, compounds to organisations, are places-generator.ts's.) Through the API (every rule applies); written once, when
// no grid has its staff yet.

import { createItems, readItems } from '@directus/sdk';
import type { AdminClient } from '../scripts/lib/directus.ts';
import { GRID_ROLES } from '../schema/collections/organisations.ts';
import { seededRandom } from './random.ts';

/** Each street's diligence: the share of what it should have that it has (S01 first). */
export const DILIGENCE = [0.97, 0.9, 0.82, 0.95, 0.7, 0.88, 0.6, 0.78, 0.85];

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '强', '磊', '军', '洋', '勇', '艳', '杰', '涛', '明', '超', '霞'];

export async function seedAssessmentDemo(client: AdminClient, ids: Map<string, number>, now = new Date()): Promise<boolean> {
  if (((await client.request(readItems('grid_staff', { fields: ['id'], limit: 1 }))) as unknown[]).length) return false;
  const next = seededRandom(20261204);
  const name = () => `${SURNAMES[Math.floor(next() * SURNAMES.length)]}${GIVEN[Math.floor(next() * GIVEN.length)]}`;
  const paths = [...ids.keys()];
  const diligence = (path: string) => DILIGENCE[Number(/^\/320111\/S(\d\d)\//.exec(path)?.[1] ?? 1) - 1] ?? 0.8;
  const grids = paths.filter((p) => /^\/320111\/S\d\d\/C\d{3}\/G\d+\/$/.test(p));
  const communities = paths.filter((p) => /^\/320111\/S\d\d\/C\d{3}\/$/.test(p));

  // 一长四员: each post of each grid held with the street's diligence.
  const staff = grids.flatMap((path) =>
    Object.keys(GRID_ROLES)
      .filter(() => next() < diligence(path) + 0.05)
      .map((role) => ({ unit: ids.get(path), role, name: name(), valid_from: '2025-01-01' })),
  );
  await client.request(createItems('grid_staff', staff));

  // Two facilities per community, inspected in each of the last three months (or not).
  const months = [1, 2, 3].map((back) => {
    const local = new Date(now.getTime() + 8 * 3_600_000);
    const d = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - back, 15));
    return d.toISOString().slice(0, 7);
  });
  for (const path of communities) {
    const facilities = (await client.request(
      createItems(
        'security_facilities',
        [
          { unit: ids.get(path), name: '小区出入口视频监控', facility_type: 'camera', location: '小区南门', keeper_name: name() },
          { unit: ids.get(path), name: '社区治安岗亭', facility_type: 'booth', location: '社区服务中心旁', keeper_name: name() },
        ],
        { fields: ['id'] },
      ),
    )) as { id: number }[];
    const inspections = facilities.flatMap((f) =>
      months
        .filter(() => next() < diligence(path))
        .map((month) => ({
          unit: ids.get(path),
          facility: f.id,
          month,
          inspected_on: `${month}-${String(10 + Math.floor(next() * 15)).padStart(2, '0')}`,
          condition: next() < 0.9 ? 'normal' : 'faulty',
        })),
    );
    if (inspections.length) await client.request(createItems('facility_inspections', inspections));
  }

  return true;
}
