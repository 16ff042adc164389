// A file stored as Directus stores an upload, for the worker, which has the database but not
// Directus's services: the bytes written through Directus's own storage driver for the first of
// the installation's storage locations (directus.config.ts, storageEnv: DATA_DIR/uploads on disk,
// or an S3-compatible bucket shared by the nodes of a cluster) under `<id><extension>`, and a
// directus_files row naming that location, so that Directus serves it (/assets/<id>) and lists it
// like any upload.

import { DriverLocal } from '@directus/storage-driver-local';
import { DriverS3 } from '@directus/storage-driver-s3';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { extname } from 'node:path';
import { Readable } from 'node:stream';

/** A storage location and the driver that writes to it. */
export interface FileStore {
  location: string;
  driver: { write(path: string, content: Readable, type?: string): Promise<void>; delete(path: string): Promise<void> };
}

/**
 * The store of the first location in Directus's environment (STORAGE_LOCATIONS and its
 * STORAGE_<LOCATION>_… settings), or null when there is none to write to.
 */
export function fileStoreFromEnv(env: Record<string, string | undefined> = process.env): FileStore | null {
  const location = (env.STORAGE_LOCATIONS ?? '').split(',')[0]!.trim();
  if (!location) return null;
  const setting = (name: string) => env[`STORAGE_${location.toUpperCase()}_${name}`];
  const driver = setting('DRIVER') ?? 'local';
  if (driver === 'local') {
    const root = setting('ROOT');
    return root ? { location, driver: new DriverLocal({ root }) } : null;
  }
  if (driver === 's3')
    return {
      location,
      driver: new DriverS3({
        bucket: setting('BUCKET') ?? '',
        key: setting('KEY'),
        secret: setting('SECRET'),
        region: setting('REGION'),
        endpoint: setting('ENDPOINT'),
        forcePathStyle: setting('FORCE_PATH_STYLE') === 'true',
      }),
    };
  throw new Error(`storage location ${location}: driver ${driver} is not one the worker writes to (local or s3)`);
}

export async function storeFile(
  db: Knex,
  store: FileStore,
  file: { bytes: Buffer; name: string; title: string; type: string },
  now = new Date(),
): Promise<string> {
  const id = randomUUID();
  const disk = `${id}${extname(file.name)}`;
  await store.driver.write(disk, Readable.from(file.bytes), file.type);
  try {
    await db('directus_files').insert({
      id,
      storage: store.location,
      filename_disk: disk,
      filename_download: file.name,
      title: file.title,
      type: file.type,
      filesize: file.bytes.length,
      created_on: now,
      uploaded_on: now,
    });
  } catch (error) {
    await store.driver.delete(disk).catch(() => undefined);
    throw error;
  }
  return id;
}
