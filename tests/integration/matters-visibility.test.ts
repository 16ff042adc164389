// Who sees a matter: every unit it passed through and their superiors. The rule reads the
// matter's own list of those units' paths (participant_paths); this checks, on the real
// server and database, that the list is the participant rows' paths as matters are reported
// and handed on, that every demo account sees exactly the matters the participant rows give
// it, that schema apply fills a list that is missing, and that a unit move rebases it.

import { beforeAll, describe, expect, it } from 'vitest';
import { backfillSql, participantPaths, pathsIn, rebased, rebaseSql } from '../../extensions/domains/matters/participant-paths.ts';
import { isWithin } from '../../extensions/kernel/unit-path.ts';
import { DEMO_USERS } from '../../seed/demo-users.ts';
import { systemDatabase } from '../database.ts';
import { login, loginAdmin, type Session, unitIds } from '../http.ts';

const GRID = '/320111/S01/C001/G01/';
const COMMUNITY = '/320111/S01/C001/';
const STREET = '/320111/S01/';

let admin: Session;
let ids: Map<string, number>;
let category: number;

beforeAll(async () => {
  admin = await loginAdmin();
  ids = await unitIds(admin);
  category = (await admin.get('/items/matter_categories?limit=1&fields=id')).body.data[0].id;
});

/** Each matter's participant rows' paths, in the order they were written. */
async function participantRows(matters?: number[]): Promise<Map<number, string[]>> {
  const filter = matters ? `&filter[matter][_in]=${matters.join(',')}` : '';
  const rows = (await admin.get(`/items/matter_participants?fields=matter,unit_path&sort=id&limit=-1${filter}`)).body.data as {
    matter: number;
    unit_path: string;
  }[];
  const byMatter = new Map<number, string[]>();
  for (const r of rows) byMatter.set(r.matter, [...(byMatter.get(r.matter) ?? []), r.unit_path]);
  return byMatter;
}

async function listOf(id: number): Promise<string | null> {
  return (await admin.get(`/items/matters/${id}?fields=participant_paths`)).body.data.participant_paths;
}

describe("a matter's list of the units it passed through", () => {
  it('is written with the report and grows as the matter is handed on, as the participant rows do', async () => {
    const grid = await login('grid-gridworker@pukou.gov.cn');
    const community = await login('community-staff@pukou.gov.cn');
    const reported = await grid.post('/matters/report', {
      type: 'event_report',
      title: '可见范围：上报后上报街道',
      category,
      urgency: 'normal',
      description: '经办单位路径测试',
    });
    expect(reported.status).toBe(200);
    const { id } = reported.body.data;
    expect(await listOf(id)).toBe(participantPaths([GRID, COMMUNITY]));

    const accepted = await community.post(`/matters/${id}/transition`, { action: 'accept', version: reported.body.data.version });
    expect(accepted.status).toBe(200);
    const escalated = await community.post(`/matters/${id}/transition`, {
      action: 'escalate',
      version: accepted.body.data.version,
      target_unit: ids.get(STREET),
    });
    expect(escalated.status).toBe(200);
    expect(await listOf(id)).toBe(participantPaths([GRID, COMMUNITY, STREET]));
    expect(pathsIn(await listOf(id))).toEqual((await participantRows([id])).get(id));

    // A refused step adds nobody.
    const refused = await community.post(`/matters/${id}/transition`, {
      action: 'dispatch',
      version: escalated.body.data.version,
      target_unit: ids.get('/320111/S02/C004/'),
    });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(await listOf(id)).toBe(participantPaths([GRID, COMMUNITY, STREET]));
  });

  it('shows every demo account exactly the matters its participant rows give it', async () => {
    const rows = await participantRows();
    expect(rows.size).toBeGreaterThan(0);
    const lists = (await admin.get('/items/matters?fields=id,participant_paths&limit=-1')).body.data as {
      id: number;
      participant_paths: string;
    }[];
    for (const m of lists) expect(pathsIn(m.participant_paths), `matter ${m.id}`).toEqual(rows.get(m.id) ?? []);
    for (const user of DEMO_USERS) {
      const session = await login(user.email);
      const mine = (await session.get('/users/me?fields=unit_path')).body.data.unit_path as string;
      const seen = ((await session.get('/items/matters?fields=id&limit=-1&sort=id')).body.data as { id: number }[]).map((m) => m.id);
      const expected = [...rows]
        .filter(([, paths]) => paths.some((p) => isWithin(p, mine)))
        .map(([id]) => id)
        .sort((a, b) => a - b);
      expect(seen, user.email).toEqual(expected);
    }
  });

  it('is filled by schema apply where a matter has none, from its participant rows', async () => {
    const db = systemDatabase();
    try {
      const [some] = (await db('matters').orderBy('id', 'desc').limit(1).select('id', 'participant_paths')) as {
        id: number;
        participant_paths: string;
      }[];
      await db('matters').where({ id: some!.id }).update({ participant_paths: null });
      await db.raw(backfillSql(db.client.config.client));
      const filled = (await db('matters').where({ id: some!.id }).first('participant_paths')).participant_paths as string;
      // SQLite's group_concat keeps no promised order: the same paths.
      expect(pathsIn(filled).sort()).toEqual(pathsIn(some!.participant_paths).sort());
      const empty = await db('matters').whereNull('participant_paths').orWhere('participant_paths', '').count({ n: '*' });
      expect(Number(empty[0]!.n)).toBe(0);
      // On PostgreSQL the rule's `LIKE '%path%'` has a trigram index to use.
      if (db.client.config.client === 'pg') {
        const indexes = await db.raw("SELECT indexdef FROM pg_indexes WHERE tablename = 'matters' AND indexdef LIKE '%gin_trgm_ops%'");
        expect(indexes.rows.map((r: { indexdef: string }) => r.indexdef)).toEqual([
          expect.stringContaining('(participant_paths gin_trgm_ops)'),
        ]);
      }
    } finally {
      await db.destroy();
    }
  });

  it('is rebased in the database as a moved unit rebases it (rolled back afterwards)', async () => {
    const db = systemDatabase();
    try {
      const trx = await db.transaction();
      try {
        const before = (await trx('matters').where('participant_paths', 'like', `%|${COMMUNITY}%`).select('id', 'participant_paths')) as {
          id: number;
          participant_paths: string;
        }[];
        expect(before.length).toBeGreaterThan(0);
        const { sql, bindings } = rebaseSql(COMMUNITY, '/320111/S02/C001/');
        await trx.raw(sql, bindings);
        const after = (await trx('matters')
          .whereIn(
            'id',
            before.map((m) => m.id),
          )
          .select('id', 'participant_paths')) as { id: number; participant_paths: string }[];
        const byId = new Map(after.map((m) => [m.id, m.participant_paths]));
        for (const m of before) expect(byId.get(m.id)).toBe(rebased(m.participant_paths, COMMUNITY, '/320111/S02/C001/'));
      } finally {
        await trx.rollback();
      }
    } finally {
      await db.destroy();
    }
  });
});
