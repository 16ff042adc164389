// Files in S3-compatible object storage (S3_ENDPOINT), as the nodes of a cluster on several
// machines share them: an upload through Directus lands in the bucket, not on the node's disk, and
// is served back; a file the job worker makes (a monthly report) goes to the bucket through the same
// Directus storage driver and is served too; a file stored on disk before the switch is still
// served; a deleted file leaves the bucket. Against s3rver, an S3 server of the test's own, and a
// prepared PostgreSQL system (tests/setup/prepared-pg.ts).

import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storageEnv, uploadsDir } from '../../directus.config.ts';
import { fileStoreFromEnv, storeFile } from '../../extensions/kernel/stored-files.ts';
import { openDatabase } from '../../scripts/lib/database.ts';
import { freePort, pgAdmin } from '../../scripts/lib/local.ts';
import { startSystem, stopSystem, type System } from '../../scripts/lib/system.ts';
import { TEST_PG_URL } from '../setup/directus.ts';
import { preparedSettings, preparedSystem, signIn } from '../setup/prepared-pg.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'zongzhi-s3-'));
const bucketDir = mkdtempSync(join(tmpdir(), 'zongzhi-s3-bucket-'));
const dbName = `zongzhi_s3_${process.pid}_${Date.now()}`;
const BUCKET = 'zongzhi-files';
let s3: S3rver;
let system: System;
let db: Knex;
let token = '';
/** The file stored on the disk before the switch. */
let earlier = '';

/** Every object the S3 server holds, by its key. */
function objects(): string[] {
  const root = join(bucketDir, BUCKET);
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('._S3rver_object'))
    .map((name) => name.slice(0, -'._S3rver_object'.length));
}

const uploads = () => (existsSync(uploadsDir({ dataDir })) ? readdirSync(uploadsDir({ dataDir })) : []);

async function asset(id: string): Promise<{ status: number; text: string }> {
  const answer = await fetch(`${system.directus.url}/assets/${id}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: answer.status, text: await answer.text() };
}

const fileRow = (id: string) => db('directus_files').where({ id }).first('storage', 'filename_disk');

beforeAll(async () => {
  const port = await freePort();
  s3 = new S3rver({ port, address: '127.0.0.1', silent: true, directory: bucketDir, configureBuckets: [{ name: BUCKET }] });
  await s3.run();
  await pgAdmin(TEST_PG_URL, `CREATE DATABASE "${dbName}"`);
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${dbName}`;
  await preparedSystem(url.toString(), dataDir);
  const settings = await preparedSettings(url.toString(), dataDir);
  db = openDatabase(settings);
  // A file stored on the node's disk before the installation moved to object storage.
  const disk = fileStoreFromEnv(storageEnv(settings))!;
  const before = await storeFile(db, disk, { bytes: Buffer.from('切换前的文件'), name: 'before.txt', title: '切换前', type: 'text/plain' });
  system = await startSystem({
    ...settings,
    objectStorage: { endpoint: `http://127.0.0.1:${port}`, bucket: BUCKET, region: 'us-east-1', key: 'S3RVER', secret: 'S3RVER' },
  });
  token = await signIn(system.directus.url);
  earlier = before;
}, 400_000);

afterAll(async () => {
  await db?.destroy();
  if (system) await stopSystem(system);
  await s3?.close();
  await pgAdmin(TEST_PG_URL, `DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(bucketDir, { recursive: true, force: true });
});

describe('S3_ENDPOINT', () => {
  it('stores an upload in the bucket, not on the disk, serves it back and removes it with the file', async () => {
    const form = new FormData();
    const text = '浦口区网格巡查照片说明 '.repeat(200);
    form.append('file', new Blob([text], { type: 'text/plain' }), '巡查说明.txt');
    const uploaded = await fetch(`${system.directus.url}/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    expect(uploaded.status).toBe(200);
    const { id } = ((await uploaded.json()) as { data: { id: string } }).data;
    const row = await fileRow(id);
    expect(row.storage).toBe('s3');
    expect(objects()).toContain(row.filename_disk);
    expect(uploads()).not.toContain(row.filename_disk);
    expect(await asset(id)).toEqual({ status: 200, text });

    const removed = await fetch(`${system.directus.url}/files/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    expect(removed.status).toBe(204);
    expect(objects()).not.toContain(row.filename_disk);
  });

  it('takes the files the worker makes to the bucket through the same driver', async () => {
    const store = fileStoreFromEnv(system.env)!;
    expect(store.location).toBe('s3');
    const id = await storeFile(db, store, {
      bytes: Buffer.from('2026年11月综治形势分析研判报告'),
      name: 'report.docx',
      title: '研判报告',
      type: 'text/plain',
    });
    const row = await fileRow(id);
    expect(row).toEqual({ storage: 's3', filename_disk: `${id}.docx` });
    expect(objects()).toContain(`${id}.docx`);
    expect(await asset(id)).toEqual({ status: 200, text: '2026年11月综治形势分析研判报告' });
  });

  it('still serves a file stored on the disk before the switch', async () => {
    expect((await fileRow(earlier)).storage).toBe('local');
    expect(await asset(earlier)).toEqual({ status: 200, text: '切换前的文件' });
  });
});
