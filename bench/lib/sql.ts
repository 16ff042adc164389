// Direct SQL on the benchmark's database, beside Directus: to fill it quickly
// and to time the queries Directus issues without Directus in between.

import pg from 'pg';
import sqlite3 from 'sqlite3';

export type Row = Record<string, any>;

export interface Sql {
  client: 'pg' | 'sqlite3';
  /** Runs one statement with `?` placeholders (on both databases) and returns its rows. */
  all(sql: string, params?: unknown[]): Promise<Row[]>;
  close(): Promise<void>;
}

/** `?` → `$1, $2, …`; our statements have no `?` inside literals. */
function dollarPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

export async function openPg(connectionString: string): Promise<Sql> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  return {
    client: 'pg',
    all: async (sql, params = []) => (await client.query(dollarPlaceholders(sql), params)).rows,
    close: () => client.end(),
  };
}

export function openSqlite(filename: string): Promise<Sql> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(filename, sqlite3.OPEN_READWRITE, (error) => {
      if (error) return reject(error);
      resolve({
        client: 'sqlite3',
        all: (sql, params = []) =>
          new Promise((done, fail) => db.all(sql, params, (e: Error | null, rows: Row[]) => (e ? fail(e) : done(rows)))),
        close: () => new Promise((done, fail) => db.close((e) => (e ? fail(e) : done()))),
      });
    });
  });
}

export { pgAdmin } from '../../scripts/lib/local.ts';
