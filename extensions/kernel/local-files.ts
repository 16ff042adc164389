// A file stored as Directus stores an upload in its local storage (STORAGE_LOCAL_ROOT):
// the bytes under `<id><extension>` and a directus_files row, so that Directus serves
// it (/assets/<id>) and lists it like any upload. For the worker, which has the
// database but not Directus's services; a cluster with another storage driver
// makes its files through Directus instead.

import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { mkdir, unlink, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';

export async function storeLocalFile(
  db: Knex,
  root: string,
  file: { bytes: Buffer; name: string; title: string; type: string },
  now = new Date(),
): Promise<string> {
  const id = randomUUID();
  const disk = `${id}${extname(file.name)}`;
  await mkdir(root, { recursive: true });
  await writeFile(join(root, disk), file.bytes);
  try {
    await db('directus_files').insert({
      id,
      storage: 'local',
      filename_disk: disk,
      filename_download: file.name,
      title: file.title,
      type: file.type,
      filesize: file.bytes.length,
      created_on: now,
      uploaded_on: now,
    });
  } catch (error) {
    await unlink(join(root, disk)).catch(() => undefined);
    throw error;
  }
  return id;
}
