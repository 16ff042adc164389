// `npm run seed:scale` on a system set up as `npm start` sets it up (PostgreSQL, schema, demo
// data; tests/setup/prepared-pg.ts), at a small scale: it loads, the rows hold together (every matter's path is its unit's,
// every matter has the units it passed through; the field work's paths, patrol routes, checklists
// and phone logins agree), a street's staff see through the API exactly the matters the
// jurisdiction rule gives them in SQL, and a second run is refused, as is SQLite.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import knex, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, PROJECT_ROOT } from '../../directus.config.ts';
import { pgAdmin } from '../../scripts/lib/local.ts';
import { startSystem, stopSystem, type System } from '../../scripts/lib/system.ts';
import { TEST_PG_URL } from '../setup/directus.ts';
import { preparedSettings, preparedSystem, signIn } from '../setup/prepared-pg.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'zongzhi-seed-scale-'));
const dbName = `zongzhi_seed_scale_${process.pid}_${Date.now()}`;
let databaseUrl = '';
let system: System;
let db: Knex;

function seedScale(env: Record<string, string>, ...args: string[]) {
  const run = spawnSync(resolve(PROJECT_ROOT, 'node_modules/.bin/node'), ['scripts/seed-scale.ts', ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, DATABASE_URL: '', ...env },
    encoding: 'utf8',
    timeout: 300_000,
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

beforeAll(async () => {
  await pgAdmin(TEST_PG_URL, `CREATE DATABASE "${dbName}"`);
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${dbName}`;
  databaseUrl = url.toString();
  await preparedSystem(databaseUrl, dataDir);
  system = await startSystem(await preparedSettings(databaseUrl, dataDir));
  db = knex({ client: 'pg', connection: databaseUrl, pool: { min: 0, max: 2 } });
}, 400_000);

afterAll(async () => {
  await db?.destroy();
  if (system) await stopSystem(system);
  await pgAdmin(TEST_PG_URL, `DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  rmSync(dataDir, { recursive: true, force: true });
});

const count = async (query: Knex.QueryBuilder) => Number(((await query.count({ n: '*' })) as { n: string }[])[0]!.n);

describe('npm run seed:scale', () => {
  it('loads a small scale into a set-up system, rows that hold together and that the rule reads as SQL does', async () => {
    const before = await count(db('matters'));
    const FIELD_WORK = ['activity_records', 'patrol_routes', 'patrol_records', 'daily_task_templates', 'daily_checks'];
    const fieldBefore = await Promise.all(FIELD_WORK.map((table) => count(db(table))));
    const lastCheck = Number((await db('daily_checks').max({ m: 'id' }).first())?.m ?? 0);
    const run = seedScale({ DATABASE_URL: databaseUrl, DATA_DIR: dataDir }, '--scale', '0.002', '--seed', '7', '--today', '2026-12-05');
    expect(run.status, run.output).toBe(0);
    expect(run.output).toContain('seed:scale: done');

    // The tree at the district's size, whatever the scale.
    expect(await count(db('units').where({ level: 'community', kind: 'office' }))).toBeGreaterThanOrEqual(140);
    expect(await count(db('units').where({ level: 'grid', kind: 'office' }))).toBeGreaterThanOrEqual(1400);
    const matters = await count(db('matters'));
    expect(matters).toBeGreaterThan(before + 1000);
    expect(await count(db('matter_steps'))).toBeGreaterThan(matters);
    // Every matter's path is its unit's (the jurisdiction rule reads it), and it has the units it passed through.
    expect(await count(db('matters as m').join('units as u', 'u.id', 'm.unit').whereRaw('m.unit_path <> u.path'))).toBe(0);
    expect(await count(db('matters as m').whereNotExists(db('matter_participants as p').whereRaw('p.matter = m.id')))).toBe(0);

    // The field work: activity records, patrols on their grids' routes, 每日必办 on the days of a phone login.
    const fieldAfter = await Promise.all(FIELD_WORK.map((table) => count(db(table))));
    for (const [i, table] of FIELD_WORK.entries()) expect(fieldAfter[i]! - fieldBefore[i]!, table).toBeGreaterThan(100);
    for (const table of FIELD_WORK)
      expect(await count(db(`${table} as r`).join('units as u', 'u.id', 'r.unit').whereRaw('r.unit_path <> u.path')), table).toBe(0);
    expect(await count(db('patrol_records as r').join('patrol_routes as t', 't.id', 'r.route').whereRaw('t.unit <> r.unit'))).toBe(0);
    expect(
      await count(
        db('daily_checks as c').join('daily_task_templates as t', 't.id', 'c.template').whereRaw("c.unit_path NOT LIKE t.unit_path || '%'"),
      ),
    ).toBe(0);
    const unlogged = db('daily_checks as c')
      .where('c.id', '>', lastCheck)
      .whereNotExists(db('login_days as l').whereRaw(`l.key = c."user" || '.' || c.day::text || '.phone'`));
    expect(await count(unlogged)).toBe(0);

    // A street's staff read through the API exactly the matters the rule gives them.
    const token = await signIn(system.directus.url, { email: 'street-staff.s02@pukou.gov.cn', password: DEMO_PASSWORD });
    const read = async (query: string) => {
      const answer = await fetch(`${system.directus.url}/items/matters?${query}`, { headers: { authorization: `Bearer ${token}` } });
      expect(answer.status).toBe(200);
      return ((await answer.json()) as { data: any[] }).data;
    };
    const seen = (await read('fields=id&limit=-1')).map((m: { id: number }) => Number(m.id)).sort((x, y) => x - y);
    const counted = Number((await read('aggregate[countDistinct]=id'))[0].countDistinct.id);
    const street = (await db('units').where({ path: '/320111/S02/' }).first('path')) as { path: string };
    // Read within (the matter's own unit) or as a unit it passed through (docs/permissions.md).
    const within = (
      await db('matters as m')
        .where('m.unit_path', 'like', `${street.path}%`)
        .orWhereExists(db('matter_participants as p').whereRaw('p.matter = m.id').where('p.unit_path', 'like', `${street.path}%`))
        .orderBy('m.id')
        .select('m.id')
    ).map((m: { id: number }) => Number(m.id));
    expect(within.length).toBeGreaterThan(100);
    expect(seen).toEqual(within);
    expect(counted).toBe(within.length);
  });

  it('refuses a second run on the same database, and SQLite, saying why', () => {
    const again = seedScale({ DATABASE_URL: databaseUrl, DATA_DIR: dataDir }, '--scale', '0.002');
    expect(again.status).not.toBe(0);
    expect(again.output).toMatch(/seed:scale/);
    const sqlite = seedScale({ DATA_DIR: mkdtempSync(join(tmpdir(), 'zongzhi-seed-scale-sqlite-')) }, '--scale', '0.002');
    expect(sqlite.status).not.toBe(0);
    expect(sqlite.output).toContain('PostgreSQL');
  });
});
