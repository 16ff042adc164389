// npm run restore -- DIR [--force]   puts a backup (npm run backup) back into the system the
//                                    settings name (DATA_DIR, DATABASE_URL); the system stopped.
// npm run restore -- DIR --check     checks a backup without touching the system: its files
//                                    against the manifest, its database restored into a scratch
//                                    SQLite file or PostgreSQL database and compared table by table.
//
// Refuses, before writing anything, a backup that is not whole, a backup of the other kind of
// database, and a target that already holds a database or different secrets (unless --force:
// then the database is replaced whole). After restoring, every table is compared with the
// digests the backup took from its snapshot; any difference is named and the exit code is 1.

import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Knex } from 'knex';
import { PROJECT_ROOT, readSettings, uploadsDir } from '../directus.config.ts';
import {
  backupProblems,
  copyFiles,
  digestDifferences,
  digestTables,
  type Manifest,
  readManifest,
  runTool,
  tablesOf,
} from './lib/backup.ts';
import { exitOnError, Refusal } from './lib/cli.ts';
import { openDatabase } from './lib/database.ts';
import { pgAdmin } from './lib/local.ts';
import { filesUnder } from './lib/files.ts';

type Target = { client: 'sqlite3'; filename: string } | { client: 'pg'; connectionString: string };

const open = (target: Target): Knex => openDatabase({ database: target });

/** Whether the target already holds a database (a SQLite file, or tables in the PostgreSQL database). */
async function holdsDatabase(target: Target): Promise<boolean> {
  if (target.client === 'sqlite3') return existsSync(target.filename);
  const db = open(target);
  try {
    return (await tablesOf(db)).length > 0;
  } finally {
    await db.destroy();
  }
}

/** Restores the database file of the backup into the target (replaced whole with `replace`). */
async function restoreDatabase(dir: string, manifest: Manifest, target: Target, replace: boolean): Promise<void> {
  const file = resolve(dir, manifest.database_file.path);
  if (target.client === 'sqlite3') {
    mkdirSync(dirname(target.filename), { recursive: true });
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${target.filename}${suffix}`, { force: true });
    copyFileSync(file, target.filename);
    return;
  }
  if (replace) {
    const db = open(target);
    try {
      await db.raw('drop schema if exists public cascade');
      await db.raw('create schema public');
    } finally {
      await db.destroy();
    }
  }
  await runTool('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', `--dbname=${target.connectionString}`, file]);
}

/** The restored database compared with the backup's digests; throws naming every difference. */
async function compare(manifest: Manifest, target: Target): Promise<void> {
  const db = open(target);
  try {
    const problems = digestDifferences(manifest.tables, await digestTables(db));
    if (problems.length) throw new Refusal(`恢复后的数据库与备份不一致：\n  ${problems.join('\n  ')}`);
  } finally {
    await db.destroy();
  }
}

await exitOnError(async () => {
  const args = process.argv.slice(2);
  const given = args.find((a) => !a.startsWith('--'));
  if (!given) throw new Refusal('用法：npm run restore -- <备份目录> [--force | --check]');
  const dir = resolve(PROJECT_ROOT, given);
  const manifest = readManifest(dir);
  const broken = await backupProblems(dir, manifest);
  if (broken.length) throw new Refusal(`备份不完整，未恢复：\n  ${broken.join('\n  ')}`);
  const tables = Object.keys(manifest.tables).length;

  if (args.includes('--check')) {
    if (manifest.database === 'sqlite3') {
      const scratch = mkdtempSync(join(tmpdir(), 'zongzhi-check-'));
      try {
        const target: Target = { client: 'sqlite3', filename: resolve(scratch, 'check.db') };
        await restoreDatabase(dir, manifest, target, false);
        await compare(manifest, target);
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    } else {
      // A scratch database on the server the settings name.
      const settings = readSettings();
      if (settings.database.client !== 'pg') throw new Refusal('检查 PostgreSQL 备份需要 DATABASE_URL 指向一台 PostgreSQL 服务器');
      const name = `zongzhi_check_${process.pid}_${Date.now()}`;
      const url = new URL(settings.database.connectionString);
      await pgAdmin(url.toString(), `CREATE DATABASE "${name}"`);
      try {
        url.pathname = `/${name}`;
        const target: Target = { client: 'pg', connectionString: url.toString() };
        await restoreDatabase(dir, manifest, target, false);
        await compare(manifest, target);
      } finally {
        await pgAdmin(settings.database.connectionString, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      }
    }
    console.log(
      `restore --check: 备份完好 / backup is whole: ${dir}\n  ${tables} 张表与快照一致；${manifest.files.length} 个上传文件、${manifest.secrets.length} 个密钥文件校验通过`,
    );
    return;
  }

  const settings = readSettings();
  const force = args.includes('--force');
  const target = settings.database as Target;
  if (manifest.database !== target.client)
    throw new Refusal(`备份来自 ${manifest.database} 数据库，而设置指向 ${target.client}：请换用相同类型的数据库`);
  // Every refusal before anything is written.
  if (!force && (await holdsDatabase(target)))
    throw new Refusal('目标已有数据库，未恢复。确认要用备份整体替换时，先停止系统，再加 --force');
  const secrets = manifest.secrets.map((s) => ({ from: resolve(dir, 'secrets', s.path), to: resolve(settings.dataDir, s.path) }));
  const differing = secrets.filter((s) => existsSync(s.to) && !readFileSync(s.to).equals(readFileSync(s.from)));
  if (!force && differing.length)
    throw new Refusal(`DATA_DIR 中已有不同的密钥文件（${differing.map((s) => s.to).join('、')}），未恢复。要换成备份中的密钥时加 --force`);

  await restoreDatabase(dir, manifest, target, force);
  const stored = await copyFiles(resolve(dir, 'files'), filesUnder(resolve(dir, 'files')), uploadsDir(settings));
  const keys = await copyFiles(resolve(dir, 'secrets'), filesUnder(resolve(dir, 'secrets')), settings.dataDir, 0o600);
  await compare(manifest, target);
  console.log(
    `restore: 恢复完成 / restored ${dir}\n  ${tables} 张表与备份一致；${stored.length} 个上传文件、${keys.length} 个密钥文件已放回 ${settings.dataDir}`,
  );
});
