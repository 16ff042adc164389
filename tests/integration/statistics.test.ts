// 统计研判 on both databases: a community made for this file under 江浦街道 with two
// grids, and one under 泰山街道; matters and disputes of March 2018 (no other test
// writes there), of February (环比) and of March 2017 (同比). The figures equal the
// hand counts, per grid and in all; the drill-down lists match the counts; nothing
// of the other street's is counted, not even in the district's total; and no one
// reads the figures of a unit beside or above their own.

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { storedDate } from '../../extensions/kernel/db-values.ts';
import { insertRow, systemDatabase } from '../database.ts';
import { baseUrl, errorMessage, login, loginAdmin, officeUnit, type Session, unitIds, removeUnits } from '../http.ts';
import { tileServer } from '../tile-server.ts';

const STAMP = Date.now().toString(36).toUpperCase();
const at = (local: string) => new Date(`${local}+08:00`);

let admin: Session, street: Session, community: Session, district: Session;
let db: ReturnType<typeof systemDatabase>;
let client: string;
const made = { ours: { id: 0, path: '' }, g1: { id: 0, path: '' }, g2: { id: 0, path: '' }, theirs: { id: 0, path: '' } };
const matters: number[] = [];
const disputes: number[] = [];

const insert = (table: string, row: Record<string, unknown>) => insertRow(db, table, row);

/** A closed matter (an open one made by hand would lack what its reminders need). */
async function matter(unit: { id: number; path: string }, created: string, type: string, onTime: boolean) {
  const id = await insert('matters', {
    number: `TJ${STAMP}${matters.length}`,
    type,
    title: `统计测试 ${matters.length}`,
    urgency: 'normal',
    status: 'closed',
    unit: unit.id,
    unit_path: unit.path,
    handler_unit: unit.id,
    date_created: at(`${created}T09:00:00`),
    sign_due_at: at(`${created}T10:00:00`),
    due_at: at(`${created}T17:00:00`),
    closed_at: at(`${created}T${onTime ? '12' : '20'}:00:00`),
    version: 1,
  });
  matters.push(id);
  // Signed for by its unit before the sign-for deadline, or after it when it was late.
  await insert('matter_steps', {
    matter: id,
    action: 'sign_for',
    actor_unit: unit.id,
    status_after: 'in_progress',
    attachments: '[]',
    date_created: at(`${created}T${onTime ? '09:30' : '11:00'}:00`),
  });
  return id;
}

async function dispute(unit: { id: number; path: string }, found: string, status: string) {
  const id = await insert('disputes', {
    unit: unit.id,
    unit_path: unit.path,
    title: `统计测试纠纷 ${STAMP}`,
    dispute_type: 'neighbourhood',
    risk_level: 'low',
    parties: '甲、乙',
    description: '测试',
    discovered_on: storedDate(client, found),
    status,
    mediation_due_at: at(`${found}T17:00:00`),
  });
  disputes.push(id);
  return id;
}

const figures = (session: Session, query: string) => session.get(`/statistics?${query}`);
const figureOf = (body: any, key: string) => body.data.figures.find((f: { key: string }) => f.key === key);

describe('statistics (统计研判)', () => {
  beforeAll(async () => {
    admin = await loginAdmin();
    db = systemDatabase();
    client = inject('database') === 'pg' ? 'pg' : 'sqlite3';
    [street, community, district] = (await Promise.all(
      ['street-staff', 'community-staff', 'district-staff'].map((who) => login(`${who}@pukou.gov.cn`)),
    )) as [Session, Session, Session];
    const ids = await unitIds(admin);
    const code = `TJ${STAMP.slice(-6)}`;
    made.ours = await officeUnit(admin, '统计测试社区', code, 'community', ids.get('/320111/S01/')!);
    made.g1 = await officeUnit(admin, '统计测试一网格', 'G01', 'grid', made.ours.id);
    made.g2 = await officeUnit(admin, '统计测试二网格', 'G02', 'grid', made.ours.id);
    made.theirs = await officeUnit(admin, '统计测试社区（泰山）', code, 'community', ids.get('/320111/S03/')!);
    // March 2018: three matters in the first grid (one closed late), one in the second, one at the community itself.
    await matter(made.g1, '2018-03-05', 'event', true);
    await matter(made.g1, '2018-03-06', 'event', false);
    await matter(made.g1, '2018-03-07', 'task', true);
    await matter(made.g2, '2018-03-08', 'event', true);
    await matter(made.ours, '2018-03-09', 'task', true);
    // February (the span before) and March 2017 (a year earlier); and the other street's.
    await matter(made.g1, '2018-02-10', 'event', true);
    await matter(made.g1, '2017-03-10', 'event', true);
    await matter(made.g2, '2017-03-11', 'event', true);
    await matter(made.theirs, '2018-03-05', 'event', false);
    await dispute(made.g1, '2018-03-02', 'resolved');
    await dispute(made.g2, '2018-03-03', 'unresolved');
    await dispute(made.theirs, '2018-03-03', 'unresolved');
  });

  afterAll(async () => {
    await db('matter_steps').whereIn('matter', matters).del();
    await db('matters').whereIn('id', matters).del();
    await db('disputes').whereIn('id', disputes).del();
    await removeUnits(admin, [made.g2, made.g1, made.ours, made.theirs]);
    await db.destroy();
  });

  it('counts a community’s figures per grid and in all, with 环比 and 同比, as counted by hand', async () => {
    const answer = await figures(
      street,
      `unit=${made.ours.id}&span=2018-03&figures=matters,matters_signed_on_time,matters_closed_on_time,matters_handling_hours,disputes,dispute_resolution`,
    );
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.data).toMatchObject({ span: '2018-03', before: '2018-02', year_earlier: '2017-03' });
    const m = figureOf(answer.body, 'matters');
    expect(m.total).toMatchObject({ value: 5, groups: { type: { event: 3, task: 2 }, status: { closed: 5 } } });
    expect(m).toMatchObject({ before: 1, year_earlier: 2, change_before: 400, change_year: 150 });
    expect(m.children).toEqual([
      expect.objectContaining({ unit: made.g1.id, value: 3, groups: expect.objectContaining({ type: { event: 2, task: 1 } }) }),
      expect.objectContaining({ unit: made.g2.id, value: 1 }),
    ]);
    // Closed on time: 4 of 5 (80 %); February's one on time (100 %): 20 points down.
    expect(figureOf(answer.body, 'matters_closed_on_time')).toMatchObject({
      total: { value: 4, of: 5, rate: 80 },
      before: 100,
      change_before: -20,
    });
    // Signed for on time likewise (each matter's sign-for step, read from the steps).
    expect(figureOf(answer.body, 'matters_signed_on_time')).toMatchObject({ total: { value: 4, of: 5, rate: 80 }, before: 100 });
    // Reported at 9:00, closed at 12:00 (3 hours) or 20:00 (11 hours): 3, 11, 3, 3, 3.
    expect(figureOf(answer.body, 'matters_handling_hours')).toMatchObject({ total: { value: 5, median: 3, p90: 11 }, before: 3 });
    expect(figureOf(answer.body, 'disputes').total.value).toBe(2);
    expect(figureOf(answer.body, 'dispute_resolution').total).toMatchObject({ value: 1, of: 2, rate: 50 });
  });

  it('gives the records behind a figure, a group and a rate’s misses, matching the counts', async () => {
    const list = async (query: string) => {
      const answer = await street.get(`/statistics/records?unit=${made.ours.id}&span=2018-03&${query}`);
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      return answer.body.data as { collection: string; ids: number[] };
    };
    expect(await list('figure=matters')).toEqual({ collection: 'matters', ids: matters.slice(0, 5).sort((a, b) => a - b), more: 0 });
    expect((await list('figure=matters&group=type&value=task')).ids).toEqual([matters[2]!, matters[4]!].sort((a, b) => a - b));
    expect((await list('figure=matters_closed_on_time&hit=0')).ids).toEqual([matters[1]]);
    for (const [query, words] of [
      ['figure=nothing', '请指定统计项'],
      ['figure=matters&group=colour', '没有这个分组'],
      ['figure=matters&hit=1', '只用于比率'],
    ] as const) {
      const answer = await street.get(`/statistics/records?unit=${made.ours.id}&span=2018-03&${query}`);
      expect(answer.status).toBe(400);
      expect(errorMessage(answer)).toContain(words);
    }
  });

  it('never counts the other street’s records, not even in the district’s total, and reads no unit beside or above', async () => {
    const whole = await figures(district, 'span=2018-03&figures=matters');
    expect(whole.status, JSON.stringify(whole.body)).toBe(200);
    const s01 = figureOf(whole.body, 'matters').children.find((c: { name: string }) => c.name === '江浦街道');
    const s03 = figureOf(whole.body, 'matters').children.find((c: { name: string }) => c.name === '泰山街道');
    expect(s01.value).toBeGreaterThanOrEqual(5);
    expect(s03.value).toBeGreaterThanOrEqual(1);
    const ours = await figures(street, 'span=2018-03&figures=matters');
    const listed = await street.get('/statistics/records?span=2018-03&figure=matters');
    expect(listed.body.data.ids).not.toContain(matters[8]);
    expect(figureOf(ours.body, 'matters').total.value).toBe(listed.body.data.ids.length + listed.body.data.more);
    for (const answer of [
      await figures(street, `unit=${made.theirs.id}&span=2018-03`),
      await figures(community, `unit=${made.ours.id}&span=2018-03`),
      await street.get(`/statistics/records?unit=${made.theirs.id}&span=2018-03&figure=matters`),
    ]) {
      expect(answer.status).toBe(403);
      expect(errorMessage(answer)).toContain('只能查看本单位及下级单位的统计');
    }
  });

  it('gives a figure for every grid below, with its centre and boundary, for the map', async () => {
    await db('units')
      .where({ id: made.g1.id })
      .update({
        centre_lng: 118.6,
        centre_lat: 32.05,
        boundary: JSON.stringify({
          type: 'Polygon',
          coordinates: [
            [
              [118.6, 32.05],
              [118.61, 32.05],
              [118.61, 32.06],
              [118.6, 32.05],
            ],
          ],
        }),
      });
    // A community reads its own grids' only.
    const theirGrids = await community.get('/statistics/density?figure=matters&span=2018-03');
    expect(theirGrids.status).toBe(200);
    expect(theirGrids.body.data.units.map((u: { unit: number }) => u.unit)).not.toContain(made.g1.id);
    const ours = await street.get('/statistics/density?figure=matters&span=2018-03&level=grid');
    expect(ours.status, JSON.stringify(ours.body)).toBe(200);
    const byUnit = new Map(ours.body.data.units.map((u: { unit: number }) => [u.unit, u]));
    expect(byUnit.get(made.g1.id)).toMatchObject({ value: 3, centre: [118.6, 32.05], boundary: { type: 'Polygon' } });
    expect(byUnit.get(made.g2.id)).toMatchObject({ value: 1, centre: null, boundary: null });
    // Nothing of another street's: its grids are not listed.
    const theirs = await db('units').where('path', 'like', `${made.theirs.path}%`).pluck('id');
    expect(theirs.some((id: number) => byUnit.has(id))).toBe(false);
    for (const query of ['figure=matters_handling_hours', 'level=district', 'figure=__proto__', 'span=2018-13'])
      expect((await street.get(`/statistics/density?${query}`)).status, query).toBe(400);
  });

  it('keeps grid boundaries as GeoJSON areas, imported several at once by the street’s system administrator', async () => {
    const sysadmin = await login('street-sysadmin@pukou.gov.cn');
    const square = (x: number) => ({
      type: 'Polygon',
      coordinates: [
        [
          [x, 32.1],
          [x + 0.01, 32.1],
          [x + 0.01, 32.11],
          [x, 32.1],
        ],
      ],
    });
    const boundaries = async () =>
      (await admin.get(`/items/units?filter[id][_in]=${made.g1.id},${made.g2.id}&fields=id,boundary&sort=id`)).body.data;
    const saved = await sysadmin.patch('/items/units', [
      { id: made.g1.id, boundary: square(118.7) },
      { id: made.g2.id, boundary: { type: 'MultiPolygon', coordinates: [square(118.8).coordinates] } },
    ]);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const before = await boundaries();
    expect(before.map((u: { boundary: { type: string } }) => u.boundary.type)).toEqual(['Polygon', 'MultiPolygon']);
    // Not an area, broken, or not a geometry at all: refused in Chinese, and nothing of the batch stored.
    const bad: [unknown, string][] = [
      [{ type: 'Point', coordinates: [118.7, 32.1] }, '应为面（多边形）或多面'],
      [
        {
          type: 'Polygon',
          coordinates: [
            [
              [118.7, 32.1],
              [118.8, 32.1],
              [118.8, 32.2],
              [118.7, 32.3],
            ],
          ],
        },
        '环未闭合',
      ],
      [
        {
          type: 'Polygon',
          coordinates: [
            [
              [318.7, 32.1],
              [318.8, 32.1],
              [318.8, 32.2],
              [318.7, 32.1],
            ],
          ],
        },
        '超出范围',
      ],
      [{ type: 'Feature', geometry: square(118.7) }, '不是 Feature'],
      ['POLYGON((118.7 32.1))', '应为 GeoJSON 几何对象'],
      [
        {
          type: 'Polygon',
          coordinates: [
            [
              ['118.7', 32.1],
              [118.8, 32.1],
              [118.8, 32.2],
              ['118.7', 32.1],
            ],
          ],
        },
        '[经度, 纬度]',
      ],
    ];
    for (const [boundary, problem] of bad) {
      const refused = await sysadmin.patch('/items/units', [
        { id: made.g1.id, boundary: square(118.9) },
        { id: made.g2.id, boundary },
      ]);
      expect(refused.status, JSON.stringify(boundary)).toBe(400);
      expect(errorMessage(refused)).toContain('“边界”');
      expect(errorMessage(refused)).toContain(problem);
    }
    expect(await boundaries()).toEqual(before);
    // A community's system administrator keeps its own unit's only, not the grids of another community.
    const theirs = await login('community-sysadmin@pukou.gov.cn');
    expect((await theirs.patch(`/items/units/${made.g1.id}`, { boundary: square(118.9) })).status).toBe(403);
    expect(await boundaries()).toEqual(before);
  });

  it('serves the base map set in Settings → Maps through our own address, tile by tile, to signed-in staff', async () => {
    const tiles = await tileServer();
    const before = (await admin.get('/settings?fields=basemaps')).body.data.basemaps;
    const basemaps = (path: string) => [
      { name: '矢量', type: 'style', url: `${tiles.origin}/style.json` },
      { name: '测试底图', type: 'raster', url: `${tiles.origin}/${path}/{z}/{x}/{y}.png`, tileSize: 256, attribution: '测试' },
    ];
    const image = async (session: Session | null, path: string) => {
      const res = await fetch(`${baseUrl()}${path}`, { headers: session ? { authorization: `Bearer ${session.token}` } : {} });
      return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
    };
    try {
      expect((await admin.patch('/settings', { basemaps: null })).status).toBe(200);
      expect((await community.get('/statistics/basemap')).body).toEqual({ data: null });
      const unset = await community.get('/statistics/basemap/10/849/415');
      expect(unset.status).toBe(404);
      expect(errorMessage(unset)).toContain('设置 → 地图');

      expect((await admin.patch('/settings', { basemaps: basemaps('tiles') })).status).toBe(200);
      expect((await community.get('/statistics/basemap')).body.data).toEqual({ name: '测试底图', tileSize: 256, attribution: '测试' });
      const tile = await image(community, '/statistics/basemap/10/849/415');
      expect(tile.status).toBe(200);
      expect(tile.type).toBe('image/png');
      expect(tile.bytes.equals(tiles.tile)).toBe(true);
      expect(tiles.asked).toEqual(['/tiles/10/849/415.png']);
      // Only signed-in staff, and only tiles inside the world.
      expect((await image(null, '/statistics/basemap/10/849/415')).status).toBe(403);
      for (const path of ['10/1024/0', '23/0/0', '1.5/0/0', '-1/0/0', '10/0x1/0', '%5F%5Fproto%5F%5F/0/0'])
        expect((await community.get(`/statistics/basemap/${path}`)).status, path).toBe(400);
      expect(tiles.asked).toHaveLength(1);
      // A tile service that fails, or answers a page instead of an image: a clear refusal, not a 500.
      for (const path of ['broken', 'text']) {
        expect((await admin.patch('/settings', { basemaps: basemaps(path) })).status).toBe(200);
        const failed = await community.get('/statistics/basemap/3/6/3');
        expect(failed.status, path).toBe(502);
        expect(errorMessage(failed)).toContain('底图服务暂不可用');
      }
    } finally {
      await admin.patch('/settings', { basemaps: before });
      await tiles.close();
    }
  });

  it('gives a figure month by month for the trend charts, per grid, nothing of another unit', async () => {
    // This month two matters in the first grid; three months ago one in the second.
    const month = (back: number) => {
      const local = new Date(Date.now() + 8 * 3_600_000);
      local.setUTCDate(1);
      local.setUTCMonth(local.getUTCMonth() - back);
      return local.toISOString().slice(0, 10);
    };
    await matter(made.g1, month(0), 'event', true);
    await matter(made.g1, month(0), 'task', true);
    await matter(made.g2, month(3), 'event', false);
    await matter(made.theirs, month(0), 'event', true);
    const answer = await street.get(`/statistics/trend?unit=${made.ours.id}&figure=matters&months=6`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const { points, children } = answer.body.data;
    expect(children.map((c: { unit: number }) => c.unit)).toEqual([made.g1.id, made.g2.id]);
    expect(points.map((p: { span: string }) => p.span)).toEqual([5, 4, 3, 2, 1, 0].map((b) => month(b).slice(0, 7)));
    expect(points.map((p: { value: number }) => p.value)).toEqual([0, 0, 1, 0, 0, 2]);
    expect(points.at(-1).children).toEqual([2, 0]);
    expect(
      (await street.get(`/statistics/trend?unit=${made.ours.id}&figure=matters_closed_on_time&months=6`)).body.data.points.at(-4).value,
    ).toBe(0);
    for (const [query, status] of [
      [`unit=${made.theirs.id}&figure=matters`, 403],
      ['figure=matters&months=99', 400],
      ['figure=__proto__', 400],
      ['months=12', 400],
    ] as const)
      expect((await street.get(`/statistics/trend?${query}`)).status, query).toBe(status);
  });

  it.each([
    ['span=2018-13', '统计周期格式'],
    ['span=2030-01', '尚未开始'],
    ['span=2018-03&figures=matters,__proto__', '没有这些统计项'],
    ['span=2018-03&unit=abc', '单位编号无效'],
    ['span[]=2018-03', '统计周期格式'],
  ])('refuses %s with a clear message', async (query, words) => {
    const answer = await figures(street, query);
    expect(answer.status).toBe(400);
    expect(errorMessage(answer)).toContain(words);
  });
});
