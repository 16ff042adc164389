// SQLite takes a transaction's write lock at its first write; a transaction that reads
// first and then writes, while another process (the worker) writes, is refused at once
// with SQLITE_BUSY instead of waiting (a read lock is not upgraded when another writer is
// pending). A transaction that will write takes the write lock first: a write that changes
// no row still takes it, and waits for it like any write. PostgreSQL needs nothing here.

import type { Knex } from 'knex';

export async function takeWriteLock(trx: Knex.Transaction, table: string): Promise<void> {
  if (String(trx.client.config.client) !== 'sqlite3') return;
  await trx(table)
    .whereRaw('0 = 1')
    .update({ id: trx.ref('id') });
}
