// Backups of one system: its database as one consistent snapshot (SQLite: VACUUM INTO, a
// copy made inside one read transaction while the system runs; PostgreSQL: pg_dump of a
// snapshot exported by the transaction that also reads the digests), then the uploaded
// files and the generated secrets and key files of DATA_DIR. A manifest says what was
// taken: each table's rows and digest as the snapshot holds them, each file's size and
// SHA-256. Restoring checks the backup against its manifest, restores, and checks the
// restored database against the digests again.
//
// A table's digest does not depend on the order rows come in: each row is hashed (on
// SQLite as canonical JSON with its keys sorted, on PostgreSQL as the row's text), the
// hashes sorted and hashed together. Two databases of the same kind with the same rows
// have the same digests.

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, createReadStream, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { Knex } from 'knex';
import { Refusal } from './cli.ts';

/** The files of DATA_DIR a backup keeps besides the database and the uploads (the secrets and key files the system generated). */
export const KEPT_SECRETS = ['secret', 'admin-password', 'admin-token', 'personal-data.keys'] as const;

export interface TableDigest {
  rows: number;
  sha256: string;
}

export interface FileEntry {
  path: string;
  size: number;
  sha256: string;
}

export interface Manifest {
  format: 1;
  created_at: string;
  database: 'sqlite3' | 'pg';
  /** The database's file in the backup: database.sqlite (SQLite) or database.dump (pg_dump's custom format). */
  database_file: FileEntry;
  tables: Record<string, TableDigest>;
  /** Uploaded files, under files/. */
  files: FileEntry[];
  /** Secrets and key files of DATA_DIR, under secrets/. */
  secrets: FileEntry[];
}

/** A backup's folder name for a moment: zongzhi-20261205-0930-12 (UTC). */
export function backupName(at: Date): string {
  const iso = at.toISOString();
  return `zongzhi-${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 16).replace(':', '')}-${iso.slice(17, 19)}`;
}

/** A row as canonical JSON: keys sorted, so that column order does not count. */
export function canonicalRow(row: Record<string, unknown>): string {
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(row).sort()) sorted[key] = row[key];
  return JSON.stringify(sorted, (_, value) => (typeof value === 'bigint' ? value.toString() : value));
}

/** The digest of rows in any order. */
export function digestRows(rows: Iterable<Record<string, unknown>>): TableDigest {
  const hashes: string[] = [];
  for (const row of rows) hashes.push(createHash('sha256').update(canonicalRow(row)).digest('hex'));
  return finish(hashes);
}

function finish(hashes: string[]): TableDigest {
  hashes.sort();
  const all = createHash('sha256');
  for (const h of hashes) all.update(h);
  return { rows: hashes.length, sha256: all.digest('hex') };
}

/** Where two sets of table digests differ, in words (empty: the same). */
export function digestDifferences(expected: Record<string, TableDigest>, found: Record<string, TableDigest>): string[] {
  const problems: string[] = [];
  for (const [table, want] of Object.entries(expected)) {
    const got = found[table];
    if (!got) problems.push(`表 ${table} 缺失`);
    else if (got.rows !== want.rows) problems.push(`表 ${table}：应有 ${want.rows} 行，实有 ${got.rows} 行`);
    else if (got.sha256 !== want.sha256) problems.push(`表 ${table}：${want.rows} 行，内容不一致`);
  }
  for (const table of Object.keys(found)) if (!(table in expected)) problems.push(`多出表 ${table}`);
  return problems;
}

/** The database's tables (every one: Directus's, ours, the migrations'). */
export async function tablesOf(db: Knex): Promise<string[]> {
  const client = db.client.config.client;
  const rows: { name: string }[] =
    client === 'pg'
      ? (await db.raw(`select tablename as name from pg_tables where schemaname = current_schema()`)).rows
      : await db.raw(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`);
  return rows.map((r) => r.name).sort();
}

/**
 * Every table's digest, read through `db` (a transaction reads them from one snapshot). On
 * PostgreSQL the server hashes each row's text form, so that no table is read into this process;
 * on SQLite the rows are read and hashed here (digestRows). Digests compare databases of one kind.
 */
export async function digestTables(db: Knex | Knex.Transaction): Promise<Record<string, TableDigest>> {
  const result: Record<string, TableDigest> = {};
  const pg = db.client.config.client === 'pg';
  for (const table of await tablesOf(db as Knex)) {
    if (pg) {
      const { rows } = await db.raw(
        `select count(*)::int as rows,
                encode(sha256(convert_to(coalesce(string_agg(h, '' order by h), ''), 'UTF8')), 'hex') as sha256
           from (select encode(sha256(convert_to(t::text, 'UTF8')), 'hex') as h from ?? as t) as hashed`,
        [table],
      );
      result[table] = { rows: rows[0].rows, sha256: rows[0].sha256 };
    } else result[table] = digestRows(await db.select('*').from(table));
  }
  return result;
}

export async function fileEntry(root: string, path: string): Promise<FileEntry> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return { path: relative(root, path), size: statSync(path).size, sha256: hash.digest('hex') };
}

/** Copies files (absolute paths under `from`) to the same places under `to`; returns their entries. */
export async function copyFiles(from: string, paths: string[], to: string, mode?: number): Promise<FileEntry[]> {
  const entries: FileEntry[] = [];
  for (const path of paths) {
    const target = resolve(to, relative(from, path));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(path, target);
    if (mode !== undefined) chmodSync(target, mode);
    entries.push(await fileEntry(to, target));
  }
  return entries;
}

/** Files of a backup that are missing or not as the manifest says (empty: the backup is whole). */
export async function backupProblems(dir: string, manifest: Manifest): Promise<string[]> {
  const problems: string[] = [];
  const check = async (root: string, entry: FileEntry) => {
    const path = resolve(root, entry.path);
    if (!existsSync(path)) return problems.push(`缺少文件 ${relative(dir, path)}`);
    const found = await fileEntry(root, path);
    if (found.size !== entry.size || found.sha256 !== entry.sha256)
      problems.push(`文件 ${relative(dir, path)} 与清单不符（已损坏或被改动）`);
  };
  await check(dir, manifest.database_file);
  for (const f of manifest.files) await check(resolve(dir, 'files'), f);
  for (const f of manifest.secrets) await check(resolve(dir, 'secrets'), f);
  return problems;
}

export function readManifest(dir: string): Manifest {
  const path = resolve(dir, 'manifest.json');
  if (!existsSync(path)) throw new Refusal(`${dir} 不是备份目录（没有 manifest.json）`);
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  if (manifest.format !== 1) throw new Refusal(`备份格式 ${String(manifest.format)} 不认识`);
  return manifest;
}

/** Runs a PostgreSQL client program (pg_dump, pg_restore); rejects with its message. */
export function runTool(program: string, args: string[]): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(program, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (chunk) => (errors += chunk));
    child.on('error', (error: NodeJS.ErrnoException) =>
      fail(error.code === 'ENOENT' ? new Refusal(`需要 ${program}（Debian：apt-get install postgresql-client）`) : error),
    );
    child.on('close', (code) => (code === 0 ? done() : fail(new Refusal(`${program} 失败（${code}）：${errors.trim()}`))));
  });
}
