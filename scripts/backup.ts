// npm run backup [-- --to DIR] — a backup of this system while it runs: the database as one
// consistent snapshot (SQLite: VACUUM INTO; PostgreSQL: pg_dump of an exported snapshot), the
// uploaded files (DATA_DIR/uploads) and the generated secrets and key files of DATA_DIR, with a
// manifest of every table's rows and digest and every file's SHA-256 (scripts/lib/backup.ts).
// Written to DIR/zongzhi-YYYYMMDD-HHMM-SS (default ./backups). Settings as for npm start.
// npm run restore puts one back; `npm run restore -- DIR --check` checks one (docs/operations.md).

import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PROJECT_ROOT, readSettings, type Settings, uploadsDir } from '../directus.config.ts';
import { backupName, copyFiles, digestTables, fileEntry, KEPT_SECRETS, type Manifest, runTool, type TableDigest } from './lib/backup.ts';
import { exitOnError, Refusal } from './lib/cli.ts';
import { openDatabase } from './lib/database.ts';
import { filesUnder } from './lib/files.ts';

await exitOnError(async () => {
  const settings = readSettings();
  const args = process.argv.slice(2);
  const to = args.includes('--to') ? args[args.indexOf('--to') + 1] : 'backups';
  if (!to) throw new Refusal('--to 后应为备份存放的目录');
  if (settings.database.client === 'sqlite3' && !existsSync(settings.database.filename))
    throw new Refusal(
      `找不到数据库文件 ${settings.database.filename}：请用与 npm start 相同的设置（DATA_DIR、DB_FILENAME 或 DATABASE_URL）`,
    );
  const started = new Date();
  const dir = resolve(PROJECT_ROOT, to, backupName(started));
  if (existsSync(dir)) throw new Refusal(`${dir} 已存在`);
  mkdirSync(dir, { recursive: true });
  try {
    await backUp(settings, dir, started);
  } catch (error) {
    // No half backup is left to be mistaken for one.
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
});

async function backUp(settings: Settings, dir: string, started: Date): Promise<void> {
  // The database first: an upload stored after the snapshot is an extra file, never a row without its file.
  let tables: Record<string, TableDigest> = {};
  let databaseFile: string;
  const db = openDatabase(settings);
  try {
    if (settings.database.client === 'sqlite3') {
      databaseFile = resolve(dir, 'database.sqlite');
      await db.raw('VACUUM INTO ?', [databaseFile]);
      const copy = openDatabase({ database: { client: 'sqlite3', filename: databaseFile } });
      tables = await digestTables(copy).finally(() => copy.destroy());
    } else {
      const url = settings.database.connectionString;
      const file = resolve(dir, 'database.dump');
      databaseFile = file;
      await db.transaction(async (trx) => {
        await trx.raw('set transaction isolation level repeatable read, read only');
        const snapshot = (await trx.raw('select pg_export_snapshot() as id')).rows[0].id as string;
        // pg_dump reads the same snapshot while this transaction, which reads the digests, stays open.
        const dump = runTool('pg_dump', ['--format=custom', '--no-owner', `--snapshot=${snapshot}`, `--file=${file}`, `--dbname=${url}`]);
        tables = await digestTables(trx);
        await dump;
      });
    }
  } finally {
    await db.destroy();
  }

  const uploads = uploadsDir(settings);
  const files = await copyFiles(uploads, filesUnder(uploads), resolve(dir, 'files'));
  const secretPaths = KEPT_SECRETS.map((name) => resolve(settings.dataDir, name)).filter((p) => existsSync(p));
  const secrets = await copyFiles(settings.dataDir, secretPaths, resolve(dir, 'secrets'), 0o600);

  const manifest: Manifest = {
    format: 1,
    created_at: started.toISOString(),
    database: settings.database.client,
    database_file: await fileEntry(dir, databaseFile),
    tables,
    files,
    secrets,
  };
  writeFileSync(resolve(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const rows = Object.values(tables).reduce((sum, t) => sum + t.rows, 0);
  console.log(
    `backup: 备份完成 / written ${dir}\n  ${Object.keys(tables).length} 张表 ${rows} 行；${files.length} 个上传文件；${secrets.length} 个密钥文件（${secrets.map((s) => s.path).join('、') || '无'}）；用时 ${((Date.now() - started.getTime()) / 1000).toFixed(1)} s`,
  );
  if (settings.personalData.key) console.log('  注意：人员号码的主密钥由 PERSONAL_DATA_KEY 设置，不在备份中，请与备份分开妥善保管。');
  if (settings.objectStorage)
    console.log(
      `  注意：文件存放在对象存储（${settings.objectStorage.endpoint}，桶 ${settings.objectStorage.bucket}），不在本备份中（其中只有切换前存在 DATA_DIR/uploads 的文件）；请用对象存储自身的版本控制或复制备份该桶。`,
    );
  console.log('  备份含密钥文件：请存放在仅运维人员可读的位置。');
}
