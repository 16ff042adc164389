// npm run backup and npm run restore against the running test system, on SQLite and on
// PostgreSQL: a backup taken while the system runs restores into a fresh directory and
// database with every table and file as the system held them; `--check` says a backup is
// whole; a target that holds a database, a changed backup, and a backup of the other kind of
// database are refused with nothing written.

import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { digestTables, type Manifest, readManifest, type TableDigest } from '../../scripts/lib/backup.ts';
import { openDatabase } from '../../scripts/lib/database.ts';
import { pgAdmin } from '../../scripts/lib/local.ts';
import { systemCommand, systemDatabase } from '../database.ts';
import { loginAdmin, type Session } from '../http.ts';
import { upload } from '../office-helpers.ts';
import { TEST_PG_URL } from '../setup/directus.ts';

const onPg = inject('database') === 'pg';
const scratch = mkdtempSync(join(tmpdir(), 'zongzhi-backup-test-'));
const restoredDir = resolve(scratch, 'restored');
const restoredDb = `zongzhi_restored_${process.pid}_${Date.now()}`;
/** The settings of the fresh place restored into. */
const target = (): Record<string, string> => {
  if (!onPg) return { DATA_DIR: restoredDir, DB_FILENAME: resolve(restoredDir, 'zongzhi.db') };
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${restoredDb}`;
  return { DATA_DIR: restoredDir, DATABASE_URL: url.toString() };
};
const openTarget = () =>
  openDatabase({
    database: onPg ? { client: 'pg', connectionString: target().DATABASE_URL! } : { client: 'sqlite3', filename: target().DB_FILENAME! },
  });

let admin: Session;
let db: Knex;
let backup: string;
let manifest: Manifest;
let before: Record<string, TableDigest>;
let steady: string[];
let uploaded: string;

beforeAll(async () => {
  admin = await loginAdmin();
  db = systemDatabase();
  if (onPg) await pgAdmin(TEST_PG_URL, `CREATE DATABASE "${restoredDb}"`);
});

afterAll(async () => {
  await db?.destroy();
  if (onPg) await pgAdmin(TEST_PG_URL, `DROP DATABASE IF EXISTS "${restoredDb}" WITH (FORCE)`);
  rmSync(scratch, { recursive: true, force: true });
});

describe('a backup of the running system', () => {
  it('holds every table as the system held it, the uploaded files and the secrets', async () => {
    const id = await upload(admin, '备份测试.txt', `备份 ${Date.now()}`, 'text/plain');
    uploaded = (await admin.get(`/files/${id}?fields=filename_disk`)).body.data.filename_disk;
    before = await digestTables(db);
    const made = await systemCommand('scripts/backup.ts', ['--to', resolve(scratch, 'backups')]);
    expect(made.code, made.out).toBe(0);
    expect(made.out).toContain('备份完成');
    const after = await digestTables(db);
    const [name] = readdirSync(resolve(scratch, 'backups'));
    backup = resolve(scratch, 'backups', name!);
    manifest = readManifest(backup);
    expect(manifest.database).toBe(onPg ? 'pg' : 'sqlite3');
    // The system runs on (the worker, the logs): the tables that did not change while the backup ran
    // are in the backup as they were; they are most of them, with the people, units and matters.
    steady = Object.keys(before).filter((t) => after[t]?.sha256 === before[t]!.sha256);
    expect(steady).toEqual(expect.arrayContaining(['people', 'units', 'matters', 'directus_files', 'directus_users']));
    expect(steady.length).toBeGreaterThan(Object.keys(before).length * 0.8);
    for (const table of steady) expect(manifest.tables[table], table).toEqual(before[table]);
    expect(Object.keys(manifest.tables).sort()).toEqual(Object.keys(before).sort());
    expect(manifest.files.map((f) => f.path)).toContain(uploaded);
    expect(manifest.secrets.map((s) => s.path)).toEqual(expect.arrayContaining(['secret', 'personal-data.keys']));
  });

  it('is found whole by --check, and a changed one is not', async () => {
    const checked = await systemCommand('scripts/restore.ts', [backup, '--check']);
    expect(checked.code, checked.out).toBe(0);
    expect(checked.out).toContain('备份完好');
    const changed = resolve(scratch, 'changed');
    cpSync(backup, changed, { recursive: true });
    writeFileSync(resolve(changed, 'files', uploaded), '改过的内容');
    const refused = await systemCommand('scripts/restore.ts', [changed, '--check']);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain(`文件 files/${uploaded} 与清单不符`);
    // Restoring it is refused before anything is written.
    const restore = await systemCommand('scripts/restore.ts', [changed], target());
    expect(restore.code).toBe(1);
    expect(restore.out).toContain('备份不完整，未恢复');
    expect(existsSync(restoredDir)).toBe(false);
  });

  it('restores into a fresh directory and database: every table, file and secret as backed up', async () => {
    const restored = await systemCommand('scripts/restore.ts', [backup], target());
    expect(restored.code, restored.out).toBe(0);
    expect(restored.out).toContain('恢复完成');
    const again = openTarget();
    try {
      const found = await digestTables(again);
      expect(found).toEqual(manifest.tables);
      for (const table of steady) expect(found[table], table).toEqual(before[table]);
    } finally {
      await again.destroy();
    }
    const source = inject('directus').dataDir;
    for (const file of manifest.files)
      expect(
        readFileSync(resolve(restoredDir, 'uploads', file.path)).equals(readFileSync(resolve(source, 'uploads', file.path))),
        file.path,
      ).toBe(true);
    for (const name of ['secret', 'personal-data.keys'])
      expect(readFileSync(resolve(restoredDir, name), 'utf8'), name).toBe(readFileSync(resolve(source, name), 'utf8'));
  });

  it('refuses a target that holds a database, or a backup of the other kind of database, and changes nothing', async () => {
    const probe = openTarget();
    const held = await digestTables(probe).finally(() => probe.destroy());
    const refused = await systemCommand('scripts/restore.ts', [backup], target());
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('目标已有数据库，未恢复');
    const other: Record<string, string> = onPg
      ? { DATA_DIR: resolve(scratch, 'other'), DB_FILENAME: resolve(scratch, 'other', 'zongzhi.db'), DATABASE_URL: '' }
      : { DATA_DIR: resolve(scratch, 'other'), DATABASE_URL: TEST_PG_URL };
    const mismatched = await systemCommand('scripts/restore.ts', [backup], other);
    expect(mismatched.code).toBe(1);
    expect(mismatched.out).toContain('请换用相同类型的数据库');
    expect(existsSync(resolve(scratch, 'other'))).toBe(false);
    const after = openTarget();
    expect(await digestTables(after).finally(() => after.destroy())).toEqual(held);
  });
});
