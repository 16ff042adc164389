// The index that serves the jurisdiction filter on a unit path column
// (`LIKE '/320111/S03/%'`), made by schema apply for every collection under the rule
// and by the rules hook for a collection an administrator puts under it.
//
// PostgreSQL uses a B-tree for `LIKE 'x%'` only with the C collation or a pattern
// operator class. SQLite, whose LIKE ignores ASCII case by default, uses an index for
// it only when the index is NOCASE.

const IDENTIFIER = /^[a-z][a-z0-9_]*$/;

/** Refuses a table or column name that is not a plain identifier (the statements are built as text). */
export function plain(...names: string[]): void {
  const wrong = names.find((n) => !IDENTIFIER.test(n));
  if (wrong !== undefined) throw new Error(`not a plain identifier: ${wrong}`);
}

export function prefixIndexSql(client: string, table: string, column: string): string {
  plain(table, column);
  const name = `${table}_${column}_prefix_idx`;
  if (client === 'pg') return `CREATE INDEX IF NOT EXISTS "${name}" ON "${table}" ("${column}" text_pattern_ops)`;
  if (client === 'sqlite3') return `CREATE INDEX IF NOT EXISTS "${name}" ON "${table}" ("${column}" COLLATE NOCASE)`;
  throw new Error(`no prefix index statement for database client ${client}`);
}
