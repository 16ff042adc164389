// The security audit log: append-only at every door and in the database itself,
// chained so that a change made beneath the system is found, trimmed only past
// its retention, readable by the district's system administrator alone.

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import knex, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { appendOnlySql } from '../../extensions/jurisdiction-indexes/src/index-sql.ts';
import { appendAudit, deleteExpiredAudit, verifyAuditLog } from '../../extensions/kernel/audit.ts';
import { GENESIS } from '../../extensions/kernel/audit-chain.ts';
import { auditLog } from '../../schema/collections/audit.ts';
import { NODE } from '../../scripts/lib/directus.ts';
import { pgAdmin } from '../../scripts/lib/local.ts';
import { TEST_PG_URL } from '../setup/directus.ts';
import { systemDatabase } from '../database.ts';
import { errorMessage, login, loginAdmin, type Session, unitIds } from '../http.ts';

const run = promisify(execFile);
const isPg = () => inject('database') === 'pg';

let db: Knex;
let admin: Session;

beforeAll(async () => {
  db = systemDatabase();
  admin = await loginAdmin();
});
afterAll(async () => {
  await db?.destroy();
});

/** `npm run audit:verify` against the test system's database, as an operator runs it. */
async function auditVerify(): Promise<{ code: number; out: string }> {
  const { env } = inject('worker');
  const settings: Record<string, string> = isPg()
    ? { DATABASE_URL: env.DB_CONNECTION_STRING! }
    : { DATA_DIR: inject('directus').dataDir, DB_FILENAME: env.DB_FILENAME! };
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(DB_|DATABASE_|DATA_DIR|DEMO|REDIS)/.test(k)));
  try {
    const { stdout } = await run(NODE, ['scripts/audit-verify.ts'], { env: { ...base, ...settings } as NodeJS.ProcessEnv });
    return { code: 0, out: stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

describe('the audit log at the API', () => {
  it('is written by no one through Directus, the administrator included', async () => {
    const before = await db('audit_log').count('* as n').first();
    const created = await admin.post('/items/audit_log', { action: 'login', outcome: 'success', hash: 'x' });
    expect(created.status).toBe(403);
    expect(errorMessage(created)).toContain('安全审计日志只能由系统追加');
    const [first] = await db('audit_log').orderBy('id').limit(1).select('id');
    expect((await admin.patch(`/items/audit_log/${first!.id}`, { outcome: 'failure' })).status).toBe(403);
    expect((await admin.delete(`/items/audit_log/${first!.id}`)).status).toBe(403);
    expect((await admin.delete('/collections/audit_log')).status).toBe(403);
    expect((await admin.delete('/fields/audit_log/hash')).status).toBe(403);
    const after = await db('audit_log').count('* as n').first();
    // Nothing added but what the refusals themselves may have recorded elsewhere.
    expect(Number(after!.n)).toBeGreaterThanOrEqual(Number(before!.n));
    expect(await db('audit_log').where({ hash: 'x' }).first()).toBeUndefined();
  });

  it('is read by the district system administrator and by no other role', async () => {
    const district = await login('district-sysadmin@pukou.gov.cn');
    const read = await district.get('/items/audit_log?limit=5&sort=-id&fields=id,action,outcome,door');
    expect(read.status).toBe(200);
    expect(read.body.data.length).toBeGreaterThan(0);
    for (const email of ['street-sysadmin@pukou.gov.cn', 'district-head@pukou.gov.cn', 'community-staff@pukou.gov.cn']) {
      const other = await login(email);
      expect((await other.get('/items/audit_log?limit=1')).status).toBe(403);
    }
  });

  it('records a change of the data model with who, from where and through which door', async () => {
    const collection = `audit_probe_${Date.now()}`;
    // Other files of the group change the data model as the same administrator: count only what follows.
    const [last] = await db('audit_log').orderBy('id', 'desc').limit(1).select('id');
    const made = await admin.post('/collections', {
      collection,
      schema: {},
      meta: {},
      fields: [{ field: 'id', type: 'integer', schema: { is_primary_key: true, has_auto_increment: true } }],
    });
    expect(made.status).toBe(200);
    expect((await admin.delete(`/collections/${collection}`)).status).toBe(204);
    const me = await admin.get('/users/me?fields=id');
    const rows = await waitForRows(
      () =>
        db('audit_log')
          .where({ action: 'schema_changed', actor: me.body.data.id })
          .where('id', '>', last?.id ?? 0)
          .whereIn('door', ['POST /collections', `DELETE /collections/${collection}`])
          .select('door', 'ip', 'outcome'),
      (found) => new Set(found.map((r) => r.door)).size === 2,
    );
    expect([...new Set(rows.map((r) => r.door))].sort()).toEqual([`DELETE /collections/${collection}`, 'POST /collections']);
    expect(rows.every((r) => r.ip && r.outcome === 'success')).toBe(true);
  });

  it('records a unit move in the move’s own transaction', async () => {
    const ids = await unitIds(admin);
    const street = ids.get('/320111/S01/')!;
    const other = ids.get('/320111/S02/')!;
    const made = await admin.post('/items/units', {
      name: '审计测试社区',
      code: `CA${Date.now() % 100000}`,
      level: 'community',
      kind: 'office',
      parent: street,
    });
    expect(made.status).toBe(200);
    const id = made.body.data.id;
    expect((await admin.patch(`/items/units/${id}`, { parent: other })).status).toBe(200);
    const row = await db('audit_log').where({ action: 'unit_moved' }).orderBy('id', 'desc').first('item_ids', 'detail', 'door');
    const detail = typeof row.detail === 'string' ? JSON.parse(row.detail) : row.detail;
    expect(detail.from).toContain('/320111/S01/');
    expect(detail.to).toContain('/320111/S02/');
    expect(row.door).toBe(`PATCH /items/units/${id}`);
    await admin.delete(`/items/units/${id}`);
  });
});

async function waitForRows<T>(probe: () => Promise<T[]>, enough: (rows: T[]) => boolean): Promise<T[]> {
  for (let i = 0; i < 40; i++) {
    const rows = await probe();
    if (enough(rows)) return rows;
    await new Promise((r) => setTimeout(r, 250));
  }
  return probe();
}

describe('the audit log in the database', () => {
  it('refuses updates and deletes of young rows, whoever connects', async () => {
    const [row] = await db('audit_log').orderBy('id', 'desc').limit(1).select('id', 'outcome');
    await expect(db('audit_log').where({ id: row!.id }).update({ outcome: 'failure' })).rejects.toThrow(/只能追加/);
    await expect(db('audit_log').where({ id: row!.id }).del()).rejects.toThrow(/只能追加/);
    if (isPg()) await expect(db.raw('TRUNCATE audit_log')).rejects.toThrow(/只能追加/);
    expect((await db('audit_log').where({ id: row!.id }).first('outcome')).outcome).toBe(row!.outcome);
  });

  it('holds its chain, and audit:verify names the row changed beneath the triggers', async () => {
    expect(await auditVerify()).toMatchObject({ code: 0 });
    const [victim] = await db('audit_log').orderBy('id', 'desc').offset(1).limit(1).select('id', 'actor_email');
    const bypass = isPg() ? { off: 'ALTER TABLE audit_log DISABLE TRIGGER USER', on: 'ALTER TABLE audit_log ENABLE TRIGGER USER' } : null;
    const tamper = async (email: string | null) => {
      if (bypass) await db.raw(bypass.off);
      else await db.raw('DROP TRIGGER audit_log_no_update');
      await db('audit_log').where({ id: victim!.id }).update({ actor_email: email });
      if (bypass) await db.raw(bypass.on);
      else for (const s of appendOnlySql('sqlite3', { table: 'audit_log', ...auditLog.appendOnly! }).slice(0, 2)) await db.raw(s);
    };
    await tamper('intruder@example.com');
    try {
      const broken = await auditVerify();
      expect(broken.code).toBe(1);
      expect(broken.out).toContain(`row ${victim!.id}`);
      expect((await verifyAuditLog(db)).broken?.id).toBe(victim!.id);
    } finally {
      await tamper(victim!.actor_email);
    }
    expect((await verifyAuditLog(db)).broken).toBeNull();
  });
});

describe('the retention clean-up', () => {
  // A log of its own, so that rows can be made old: the system's log only grows at its head.
  let scratch: Knex;
  let cleanUp: () => Promise<void>;

  beforeAll(async () => {
    if (isPg()) {
      const name = `zongzhi_audit_${process.pid}_${Date.now()}`;
      await pgAdmin(TEST_PG_URL, `CREATE DATABASE "${name}"`);
      const url = new URL(TEST_PG_URL);
      url.pathname = `/${name}`;
      scratch = knex({ client: 'pg', connection: url.toString(), pool: { min: 0, max: 2 } });
      cleanUp = async () => {
        await scratch.destroy();
        await pgAdmin(TEST_PG_URL, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      };
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'zongzhi-audit-'));
      scratch = knex({ client: 'sqlite3', connection: { filename: join(dir, 'audit.db') }, useNullAsDefault: true });
      cleanUp = async () => {
        await scratch.destroy();
        rmSync(dir, { recursive: true, force: true });
      };
    }
    // The same table as the system's, made as Directus makes it.
    await scratch.schema.createTable('directus_users', (t) => {
      t.uuid('id').primary();
      t.integer('unit');
      t.string('unit_path');
      t.string('email');
    });
    await scratch.schema.createTable('audit_log', (t) => {
      t.increments('id');
      t.timestamp('at', { useTz: true });
      for (const column of ['action', 'outcome', 'actor', 'actor_email', 'actor_unit_path', 'ip', 'user_agent', 'door', 'collection_name'])
        t.string(column);
      t.integer('actor_unit');
      t.integer('row_count');
      t.json('item_ids');
      t.json('detail');
      t.string('prev_hash', 64).unique();
      t.string('hash', 64);
    });
    for (const s of appendOnlySql(isPg() ? 'pg' : 'sqlite3', { table: 'audit_log', ...auditLog.appendOnly! })) await scratch.raw(s);
  });
  afterAll(async () => {
    await cleanUp?.();
  });

  it('removes only rows past the retention, and the chain still holds from the recorded hash', async () => {
    const day = 86_400_000;
    const now = Date.now();
    for (const age of [400, 300, 200, 100, 10])
      await appendAudit(scratch, { action: 'login', actorEmail: `${age}@pukou.gov.cn`, at: new Date(now - age * day) });
    expect(await verifyAuditLog(scratch)).toMatchObject({ rows: 5, broken: null });

    // A retention shorter than the legal floor is raised to it.
    expect(await deleteExpiredAudit(scratch, 30)).toBe(3);
    const kept = await scratch('audit_log').orderBy('id').pluck('actor_email');
    expect(kept).toEqual(['100@pukou.gov.cn', '10@pukou.gov.cn', null]);
    const result = await verifyAuditLog(scratch);
    expect(result).toMatchObject({ rows: 3, broken: null });
    expect(result.head).not.toBe(GENESIS);

    expect(await deleteExpiredAudit(scratch, 180)).toBe(0);
    await expect(scratch('audit_log').where({ actor_email: '100@pukou.gov.cn' }).del()).rejects.toThrow(/只能追加/);
  });

  it('is found out when the oldest rows are removed some other way', async () => {
    // Rows younger than the floor cannot be deleted: the check below is for a database whose
    // triggers were dropped.
    if (isPg()) await scratch.raw('ALTER TABLE audit_log DISABLE TRIGGER USER');
    else await scratch.raw('DROP TRIGGER audit_log_no_delete');
    const first = await scratch('audit_log').orderBy('id').first('id');
    await scratch('audit_log').where({ id: first.id }).del();
    expect((await verifyAuditLog(scratch)).broken?.id).toBeGreaterThan(first.id);
  });

  it('never forks when many append at once', async () => {
    if (isPg()) await scratch.raw('ALTER TABLE audit_log ENABLE TRIGGER USER');
    const before = Number((await scratch('audit_log').count('* as n').first())!.n);
    await Promise.all(Array.from({ length: 20 }, (_, i) => appendAudit(scratch, { action: 'logout', actorEmail: `c${i}@pukou.gov.cn` })));
    expect(Number((await scratch('audit_log').count('* as n').first())!.n)).toBe(before + 20);
  });
});
