// The statement that indexes a unit path column for prefix matches.
//
// PostgreSQL uses a B-tree for `LIKE 'x%'` only with the C collation or a
// pattern operator class. SQLite, whose LIKE ignores ASCII case by default,
// uses an index for it only when the index is NOCASE.

const IDENTIFIER = /^[a-z][a-z0-9_]*$/;

export function prefixIndexSql(client: string, table: string, column: string): string {
  if (!IDENTIFIER.test(table) || !IDENTIFIER.test(column)) throw new Error(`not a plain identifier: ${table}.${column}`);
  const name = `${table}_${column}_prefix_idx`;
  if (client === 'pg') return `CREATE INDEX IF NOT EXISTS "${name}" ON "${table}" ("${column}" text_pattern_ops)`;
  if (client === 'sqlite3') return `CREATE INDEX IF NOT EXISTS "${name}" ON "${table}" ("${column}" COLLATE NOCASE)`;
  throw new Error(`no prefix index statement for database client ${client}`);
}
