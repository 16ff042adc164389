// The statements that index what the jurisdiction filter and the collections'
// own queries need.
//
// PostgreSQL uses a B-tree for `LIKE 'x%'` only with the C collation or a
// pattern operator class. SQLite, whose LIKE ignores ASCII case by default,
// uses an index for it only when the index is NOCASE.

import { plain } from '../../kernel/path-index.ts';

export { prefixIndexSql } from '../../kernel/path-index.ts';

const CLIENTS = ['pg', 'sqlite3'];

/**
 * An index for `LIKE '%x%'` (Directus's `_contains`), which a B-tree cannot serve: on PostgreSQL
 * a trigram GIN index (pg_trgm, shipped with PostgreSQL and trusted: a database owner may
 * create it). SQLite has none; its LIKE reads the table (the embedded default holds a small district).
 */
export function containsIndexSql(client: string, table: string, column: string): string[] {
  plain(table, column);
  if (client === 'pg')
    return [
      'CREATE EXTENSION IF NOT EXISTS pg_trgm',
      `CREATE INDEX IF NOT EXISTS "${table}_${column}_trgm_idx" ON "${table}" USING gin ("${column}" gin_trgm_ops)`,
    ];
  if (client === 'sqlite3') return [];
  throw new Error(`no contains index statement for database client ${client}`);
}

/** An index a collection declares (schema/types.ts IndexSpec), with the collection as its table. */
export interface DeclaredIndex {
  table: string;
  columns: string[];
  unique?: boolean;
  name?: string;
}

export const declaredIndexName = (index: DeclaredIndex) => index.name ?? `${index.table}_${index.columns.join('_')}_idx`;

/** Reads the declared indexes from a request body: a list of plain names only, so that nothing else reaches SQL. */
export function parseDeclaredIndexes(body: unknown): DeclaredIndex[] {
  const list = (body as { indexes?: unknown } | null)?.indexes ?? [];
  if (!Array.isArray(list)) throw new Error('indexes must be a list');
  return list.map((raw) => {
    const { table, columns, unique, name } = (raw ?? {}) as Record<string, unknown>;
    if (typeof table !== 'string' || !Array.isArray(columns) || !columns.length || columns.some((c) => typeof c !== 'string'))
      throw new Error(`not an index: ${JSON.stringify(raw)}`);
    if (name !== undefined && typeof name !== 'string') throw new Error(`not an index name: ${JSON.stringify(name)}`);
    const index = { table, columns: columns as string[], unique: unique === true, ...(name ? { name } : {}) };
    plain(table, ...index.columns, declaredIndexName(index));
    return index;
  });
}

/** The same statement on both databases; `IF NOT EXISTS` makes it idempotent. */
export function declaredIndexSql(client: string, index: DeclaredIndex): string {
  if (!CLIENTS.includes(client)) throw new Error(`no index statement for database client ${client}`);
  plain(index.table, ...index.columns, declaredIndexName(index));
  return `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS "${declaredIndexName(index)}" ON "${index.table}" (${index.columns.map((c) => `"${c}"`).join(', ')})`;
}

/** A table whose rows are only added (schema/types.ts CollectionSpec.appendOnly), as sent in the body. */
export interface AppendOnlyTable {
  table: string;
  timeColumn: string;
  minRetentionDays: number;
}

export function parseAppendOnly(body: unknown): AppendOnlyTable[] {
  const list = (body as { appendOnly?: unknown } | null)?.appendOnly ?? [];
  if (!Array.isArray(list)) throw new Error('appendOnly must be a list');
  return list.map((raw) => {
    const { table, timeColumn, minRetentionDays } = (raw ?? {}) as Record<string, unknown>;
    if (
      typeof table !== 'string' ||
      typeof timeColumn !== 'string' ||
      !Number.isInteger(minRetentionDays) ||
      (minRetentionDays as number) < 1
    )
      throw new Error(`not an append-only table: ${JSON.stringify(raw)}`);
    plain(table, timeColumn);
    return { table, timeColumn, minRetentionDays: minRetentionDays as number };
  });
}

/**
 * Triggers that make the database refuse every update of the table, and every delete of
 * a row younger than the retention; on PostgreSQL also TRUNCATE. Idempotent.
 * (SQLite stores Directus timestamps as epoch milliseconds.)
 */
export function appendOnlySql(client: string, { table, timeColumn, minRetentionDays }: AppendOnlyTable): string[] {
  plain(table, timeColumn);
  const days = Math.trunc(minRetentionDays);
  const message = `${table} 只能追加：不能修改，不能删除 ${days} 天内的记录`;
  if (client === 'pg')
    return [
      `CREATE OR REPLACE FUNCTION "${table}_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND OLD."${timeColumn}" < now() - interval '${days} days' THEN RETURN OLD; END IF;
  RAISE EXCEPTION '${message}' USING ERRCODE = 'insufficient_privilege';
END $$`,
      `DROP TRIGGER IF EXISTS "${table}_append_only" ON "${table}"`,
      `CREATE TRIGGER "${table}_append_only" BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION "${table}_append_only"()`,
      `DROP TRIGGER IF EXISTS "${table}_no_truncate" ON "${table}"`,
      `CREATE TRIGGER "${table}_no_truncate" BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION "${table}_append_only"()`,
    ];
  if (client === 'sqlite3')
    return [
      `DROP TRIGGER IF EXISTS "${table}_no_update"`,
      `CREATE TRIGGER "${table}_no_update" BEFORE UPDATE ON "${table}" BEGIN SELECT RAISE(ABORT, '${message}'); END`,
      `DROP TRIGGER IF EXISTS "${table}_no_delete"`,
      `CREATE TRIGGER "${table}_no_delete" BEFORE DELETE ON "${table}" WHEN old."${timeColumn}" >= (CAST(strftime('%s', 'now', '-${days} days') AS INTEGER) * 1000) BEGIN SELECT RAISE(ABORT, '${message}'); END`,
    ];
  throw new Error(`no append-only statements for database client ${client}`);
}
