// Applying schema/ is idempotent and brings an older database up to date.

import { createField, deleteField, readField, readFieldsByCollection, readPermissions, updateField, updatePermission } from '@directus/sdk';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { applySchema, DECLARED_INDEXES } from '../../schema/apply.ts';
import { declaredIndexName } from '../../extensions/jurisdiction-indexes/src/index-sql.ts';
import { login as loginUser, loginAdmin, unitIds } from '../http.ts';
import { ACTIVITY_TYPES, activityRecords } from '../../schema/collections/activity-records.ts';

import { systemDatabase } from '../database.ts';
import { POLICIES } from '../../schema/index.ts';
import { login, type AdminClient } from '../../scripts/lib/directus.ts';

let client: AdminClient;
/** The test server runs the demo, which does not ask administrators for two factors. */
const AS_STARTED = { enforceTfa: false };

beforeAll(async () => {
  const { url, adminEmail, adminPassword } = inject('directus');
  client = await login(url, adminEmail, adminPassword);
});

describe('schema apply', () => {
  it('finds nothing to do on a database it has already applied', async () => {
    expect(await applySchema(client, AS_STARTED)).toEqual({ created: [], updated: [], deleted: [], skipped: [] });
  });

  it('restores a permission that was widened by hand', async () => {
    const readWithin = POLICIES.find((p) => p.key === 'read-within')!.id;
    const [row] = (await client.request(
      readPermissions({ filter: { policy: { _eq: readWithin }, collection: { _eq: 'activity_records' }, action: { _eq: 'read' } } }),
    )) as { id: number }[];
    await client.request(updatePermission(row!.id, { permissions: {} }));
    const report = await applySchema(client, AS_STARTED);
    expect(report.updated).toEqual([`permission ${readWithin}|activity_records|read`]);
    const [restored] = (await client.request(readPermissions({ filter: { id: { _eq: row!.id } } }))) as { permissions: unknown }[];
    expect(restored!.permissions).toEqual({ unit_path: { _starts_with: '$CURRENT_USER.unit_path' } });
  });

  it('adds what an older database lacks', async () => {
    await client.request(deleteField('units', 'remark'));
    const report = await applySchema(client, AS_STARTED);
    expect(report.created).toEqual(['field units.remark']);
    const fields = (await client.request(readFieldsByCollection('units'))) as { field: string }[];
    expect(fields.map((f) => f.field)).toContain('remark');
    expect(await applySchema(client, AS_STARTED)).toEqual({ created: [], updated: [], deleted: [], skipped: [] });
  });
});

async function indexesOf(db: Knex, table: string): Promise<string[]> {
  const rows =
    inject('database') === 'pg'
      ? await db('pg_indexes').where({ tablename: table }).pluck('indexname')
      : await db('sqlite_master').where({ type: 'index', tbl_name: table }).pluck('name');
  return rows.sort();
}

describe('an upgrade', () => {
  it('brings the fields code owns to what code says, keeps their data and leaves Studio’s fields alone', async () => {
    const admin = await loginAdmin();
    const ids = await unitIds(admin);
    const spec = activityRecords.fields;
    const title = spec.find((f) => f.field === 'title')!;
    const kind = spec.find((f) => f.field === 'activity_type')!;
    const studioField = `studio_note_${Date.now()}`;

    // What an older release left: a shorter title with an older label, fewer choices, a field of the administrator's.
    await client.request(
      updateField('activity_records', 'title', {
        schema: { max_length: 120 },
        meta: { translations: [{ language: 'zh-CN', translation: '旧标题' }] },
      } as never),
    );
    const choices = (kind.meta!.options as { choices: unknown[] }).choices;
    await client.request(
      updateField('activity_records', 'activity_type', { meta: { options: { choices: choices.slice(0, 1) } } } as never),
    );
    await client.request(
      createField('activity_records', { field: studioField, type: 'string', meta: { note: '管理员自加', interface: 'input' } } as never),
    );
    const unit = ids.get('/320111/S01/C001/')!;
    const made = await admin.post('/items/activity_records', {
      unit,
      activity_type: Object.keys(ACTIVITY_TYPES)[0],
      occurred_on: '2026-11-02',
      title: '升级前的记录',
      [studioField]: '保留',
    });
    expect(made.status).toBe(200);

    try {
      const report = await applySchema(client, AS_STARTED);
      expect(report.updated).toEqual(expect.arrayContaining(['field activity_records.title', 'field activity_records.activity_type']));
      expect(report.updated.some((u) => u.includes(studioField))).toBe(false);
      const stored = (await client.request(readField('activity_records', 'title'))) as any;
      expect(stored.schema.max_length).toBe(200);
      expect(stored.meta.translations).toEqual((title.meta as any).translations);
      expect(((await client.request(readField('activity_records', 'activity_type'))) as any).meta.options.choices).toEqual(choices);
      expect(((await client.request(readField('activity_records', studioField))) as any).meta.note).toBe('管理员自加');
      const kept = await admin.get(`/items/activity_records/${made.body.data.id}?fields=title,${studioField}`);
      expect(kept.body.data).toEqual({ title: '升级前的记录', [studioField]: '保留' });
      // A longer title fits now.
      expect((await admin.patch(`/items/activity_records/${made.body.data.id}`, { title: '长'.repeat(150) })).status).toBe(200);
      expect(await applySchema(client, AS_STARTED)).toEqual({ created: [], updated: [], deleted: [], skipped: [] });
    } finally {
      await admin.delete(`/items/activity_records/${made.body.data.id}`);
      await client.request(deleteField('activity_records', studioField));
    }
  });
});

describe('declared indexes', () => {
  let db: Knex;
  beforeAll(() => {
    db = systemDatabase();
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it('are all there after apply, with the office queries’ own', async () => {
    const names = DECLARED_INDEXES.map((i) => declaredIndexName(i));
    expect(names).toEqual(
      expect.arrayContaining([
        'document_recipients_document_status',
        'document_recipients_unit_status_idx',
        'daily_checks_user_day_idx',
        'project_submissions_project_unit_idx',
      ]),
    );
    for (const index of DECLARED_INDEXES) expect(await indexesOf(db, index.table)).toContain(declaredIndexName(index));
  });

  it('come back when one was dropped, and applying again changes nothing', async () => {
    await db.raw('DROP INDEX "document_recipients_document_status"');
    expect(await indexesOf(db, 'document_recipients')).not.toContain('document_recipients_document_status');
    expect(await applySchema(client, AS_STARTED)).toEqual({ created: [], updated: [], deleted: [], skipped: [] });
    const after = await indexesOf(db, 'document_recipients');
    expect(after).toContain('document_recipients_document_status');
    expect(await applySchema(client, AS_STARTED)).toEqual({ created: [], updated: [], deleted: [], skipped: [] });
    expect(await indexesOf(db, 'document_recipients')).toEqual(after);
  });

  it('keeps a unique index unique: a second submission row for the same project and unit is refused by the database', async () => {
    const index = DECLARED_INDEXES.find((i) => i.table === 'project_submissions' && i.unique)!;
    expect(index.columns).toEqual(['project', 'unit']);
    const [project] = await db('special_projects')
      .insert({ title: '索引测试专项', unit: 1, unit_path: '/320111/', status: 'open' })
      .returning('id');
    const id = typeof project === 'object' ? project.id : project;
    const row = { project: id, unit: 1, unit_path: '/320111/', status: 'pending' };
    await db('project_submissions').insert(row);
    await expect(db('project_submissions').insert(row)).rejects.toThrow(/unique/i);
    await db('special_projects').where({ id }).delete();
  });

  it('refuses malformed declarations and anyone but an administrator; nothing is created', async () => {
    const admin = await loginAdmin();
    const before = await indexesOf(db, 'units');
    for (const indexes of [
      [{ table: 'units', columns: ['path); DROP TABLE units; --'] }],
      [{ table: 'units', columns: ['no_such_column'] }],
      'all',
    ]) {
      expect((await admin.post('/jurisdiction-indexes', { indexes })).status).toBe(400);
    }
    const staff = await loginUser('district-sysadmin@pukou.gov.cn');
    expect((await staff.post('/jurisdiction-indexes', { indexes: [{ table: 'units', columns: ['name'] }] })).status).toBe(403);
    expect(await indexesOf(db, 'units')).toEqual(before);
  });
});
