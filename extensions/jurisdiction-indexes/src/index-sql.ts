// The statements that index what the jurisdiction filter and the collections'
// own queries need.
//
// PostgreSQL uses a B-tree for `LIKE 'x%'` only with the C collation or a
// pattern operator class. SQLite, whose LIKE ignores ASCII case by default,
// uses an index for it only when the index is NOCASE.

const IDENTIFIER = /^[a-z][a-z0-9_]*$/;
const CLIENTS = ['pg', 'sqlite3'];

function plain(...names: string[]): void {
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

/**
 * A table whose changes mark the unit they count for (assessment_marks): by its own
 * path column, or (`unit`) by a unit id column, kept as the id (a trigger reads no other
 * table: SQLite rebuilds a table to alter it, and a trigger naming it would break that).
 */
export interface ChangeMark {
  table: string;
  column: string;
  unit?: boolean;
}

export const MARKS_TABLE = 'assessment_marks';

export function parseChangeMarks(body: unknown): ChangeMark[] {
  const list = (body as { changeMarks?: unknown } | null)?.changeMarks ?? [];
  if (!Array.isArray(list)) throw new Error('changeMarks must be a list');
  return list.map((raw) => {
    const { table, column, unit } = (raw ?? {}) as Record<string, unknown>;
    if (typeof table !== 'string' || typeof column !== 'string' || (unit !== undefined && typeof unit !== 'boolean'))
      throw new Error(`not a change mark: ${JSON.stringify(raw)}`);
    plain(table, column);
    return { table, column, unit: unit === true };
  });
}

/**
 * Triggers that add a row to assessment_marks with the path (or unit) a row counts for,
 * when it is inserted, updated (its old and its new one) or deleted — whoever writes it:
 * the API, an extension's own SQL, an import. Idempotent. (SQLite drops a table's
 * triggers when Studio alters one of its fields; schema:apply at the next start puts them
 * back, and the worker's periodic whole scoring covers the time between.)
 */
export function changeMarkSql(client: string, { table, column, unit }: ChangeMark): string[] {
  plain(table, column);
  const name = `${table}_assessment_mark`;
  if (client === 'pg')
    return [
      `CREATE OR REPLACE FUNCTION "${MARKS_TABLE}_add"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  item jsonb;
  found text;
BEGIN
  FOREACH item IN ARRAY CASE TG_OP WHEN 'INSERT' THEN ARRAY[to_jsonb(NEW)] WHEN 'DELETE' THEN ARRAY[to_jsonb(OLD)] ELSE ARRAY[to_jsonb(OLD), to_jsonb(NEW)] END LOOP
    found := item->>TG_ARGV[0];
    IF found IS NOT NULL AND TG_ARGV[1] = 'unit' THEN INSERT INTO "${MARKS_TABLE}" (unit) VALUES (found::integer);
    ELSIF found IS NOT NULL THEN INSERT INTO "${MARKS_TABLE}" (path) VALUES (found);
    END IF;
  END LOOP;
  RETURN NULL;
END $$`,
      `DROP TRIGGER IF EXISTS "${name}" ON "${table}"`,
      `CREATE TRIGGER "${name}" AFTER INSERT OR UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION "${MARKS_TABLE}_add"('${column}', '${unit ? 'unit' : 'path'}')`,
    ];
  if (client === 'sqlite3') {
    const add = (row: 'new' | 'old') =>
      `INSERT INTO "${MARKS_TABLE}" (${unit ? 'unit' : 'path'}) SELECT ${row}."${column}" WHERE ${row}."${column}" IS NOT NULL;`;
    return [
      ...['insert', 'update', 'delete'].map((event) => `DROP TRIGGER IF EXISTS "${name}_${event}"`),
      `CREATE TRIGGER "${name}_insert" AFTER INSERT ON "${table}" BEGIN ${add('new')} END`,
      `CREATE TRIGGER "${name}_update" AFTER UPDATE ON "${table}" BEGIN ${add('old')} ${add('new')} END`,
      `CREATE TRIGGER "${name}_delete" AFTER DELETE ON "${table}" BEGIN ${add('old')} END`,
    ];
  }
  throw new Error(`no change-mark statements for database client ${client}`);
}
