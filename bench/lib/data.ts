// The benchmark's data: the Pukou tree grown to a few thousand grids, and
// activity records spread over it, written with plain SQL (the API would take
// far longer for 200,000 rows, and what is measured here is reading).

import { ACTIVITY_TYPES } from '../../schema/collections/activity-records.ts';
import { seededRandom } from '../../seed/random.ts';
import type { Sql } from './sql.ts';

export const SHAPE = {
  communitiesPerStreet: 24,
  gridsPerCommunity: 14,
  /** Share of the records owned by each level; the district's share includes its departments. */
  levelShares: { grid: 0.8, community: 0.15, street: 0.04, district: 0.01 },
};

export interface Unit {
  id: number;
  code: string;
  name: string;
  level: string;
  kind: string;
  path: string;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

async function readUnits(sql: Sql): Promise<Unit[]> {
  return (await sql.all('SELECT id, code, name, level, kind, path FROM units ORDER BY path')) as Unit[];
}

/** Multi-row INSERTs of at most `batch` rows; `columns` in the order of each row's values. */
export async function insertRows(sql: Sql, table: string, columns: string[], rows: unknown[][], batch: number): Promise<void> {
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (let i = 0; i < rows.length; i += batch) {
    const chunk = rows.slice(i, i + batch);
    await sql.all(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${chunk.map(() => tuple).join(', ')}`, chunk.flat());
  }
}

/**
 * Adds communities under the nine streets and grids under every community, up to
 * `shape` (SHAPE unless given), next to the demo units (which keep their ids, codes and users). Paths are
 * written as the jurisdiction hook would derive them.
 */
export async function growTree(sql: Sql, shape: Pick<typeof SHAPE, 'communitiesPerStreet' | 'gridsPerCommunity'> = SHAPE): Promise<Unit[]> {
  let units = await readUnits(sql);
  const streets = units.filter((u) => u.level === 'street' && u.kind === 'office');
  let nextCommunity = Math.max(0, ...units.filter((u) => u.level === 'community').map((u) => Number(u.code.slice(1)))) + 1;
  const communities: unknown[][] = [];
  for (const street of streets) {
    const existing = units.filter((u) => u.level === 'community' && u.path.startsWith(street.path)).length;
    for (let i = existing; i < shape.communitiesPerStreet; i++) {
      const code = `C${pad(nextCommunity++, 3)}`;
      communities.push([code, `${street.name}第${i + 1}社区`, 'community', 'office', street.id, `${street.path}${code}/`]);
    }
  }
  const columns = ['code', 'name', 'level', 'kind', 'parent', 'path'];
  await insertRows(sql, 'units', columns, communities, 500);

  units = await readUnits(sql);
  const paths = new Set(units.map((u) => u.path));
  const grids: unknown[][] = [];
  for (const community of units.filter((u) => u.level === 'community')) {
    for (let g = 1; g <= shape.gridsPerCommunity; g++) {
      const code = `G${pad(g, 2)}`;
      const path = `${community.path}${code}/`;
      if (!paths.has(path)) grids.push([code, `${community.name}第${g}网格`, 'grid', 'office', community.id, path]);
    }
  }
  await insertRows(sql, 'units', columns, grids, 500);
  return readUnits(sql);
}

const PLACES = ['社区活动室', '综治中心', '网格服务站', '小区广场', '居民楼道', '沿街商铺', '学校周边', '菜市场'];
const DAY = 86_400_000;
const FIRST_DAY = Date.UTC(2023, 0, 1);
const DAYS = 1277; // 2023-01-01 … 2026-06-30

/**
 * Inserts `count` activity records. Each picks a level by SHAPE.levelShares and
 * then a unit of that level uniformly, so every community (the demo C001 among
 * them) gets about the same share.
 */
export async function insertActivityRecords(sql: Sql, units: Unit[], count: number): Promise<void> {
  const next = seededRandom(20260101);
  const byLevel = Object.keys(SHAPE.levelShares).map((level) => units.filter((u) => u.level === level));
  let total = 0;
  const cumulative = Object.values(SHAPE.levelShares).map((share) => (total += share));
  const types = Object.keys(ACTIVITY_TYPES);
  const labels = Object.values(ACTIVITY_TYPES);

  const rows: unknown[][] = [];
  for (let i = 0; i < count; i++) {
    const r = next();
    const pool = byLevel[cumulative.findIndex((c) => r < c)] ?? byLevel[0]!;
    const unit = pool[Math.floor(next() * pool.length)]!;
    const t = Math.floor(next() * types.length);
    const day = FIRST_DAY + Math.floor(next() * DAYS) * DAY;
    const created = new Date(day + Math.floor(next() * 3 * DAY));
    const place = PLACES[Math.floor(next() * PLACES.length)]!;
    rows.push([
      unit.id,
      unit.path,
      types[t],
      // As Directus writes them: knex's SQLite driver stores dates as epoch milliseconds.
      sql.client === 'pg' ? new Date(day).toISOString().slice(0, 10) : day,
      `${unit.name}${labels[t]}记录 ${i + 1}`,
      place,
      `${unit.name}在${place}开展${labels[t]}活动，围绕矛盾纠纷排查化解、平安建设宣传和重点人员走访等事项进行了部署，参加人员对存在的问题提出了整改意见。`,
      sql.client === 'pg' ? created.toISOString() : created.getTime(),
    ]);
  }

  const columns = ['unit', 'unit_path', 'activity_type', 'occurred_on', 'title', 'place', 'content', 'date_created'];
  if (sql.client === 'pg') {
    // One array per column: a few statements for all rows.
    const select = ['int', 'text', 'text', 'date', 'text', 'text', 'text', 'timestamptz'].map((type) => `?::${type}[]`).join(', ');
    for (let i = 0; i < rows.length; i += 20_000) {
      const chunk = rows.slice(i, i + 20_000);
      await sql.all(
        `INSERT INTO activity_records (${columns.join(', ')}) SELECT * FROM unnest(${select})`,
        columns.map((_, c) => chunk.map((row) => row[c])),
      );
    }
    await sql.all('ANALYZE units, activity_records');
  } else {
    await sql.all('BEGIN');
    try {
      await insertRows(sql, 'activity_records', columns, rows, 1000);
      await sql.all('COMMIT');
    } catch (error) {
      await sql.all('ROLLBACK');
      throw error;
    }
  }
}
