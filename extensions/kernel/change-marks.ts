// Change marks of the assessment (assessment_marks): triggers that add a row with the
// unit path (or unit id) a changed row counts for, whoever writes it. Installed by
// schema:apply (the jurisdiction-indexes endpoint) and put back by the assessment's hook
// when SQLite rebuilds a table to alter it (which drops the table's triggers).

const IDENTIFIER = /^[a-z][a-z0-9_]*$/;

function plain(...names: string[]): void {
  const wrong = names.find((n) => !IDENTIFIER.test(n));
  if (wrong !== undefined) throw new Error(`not a plain identifier: ${wrong}`);
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
 * triggers when Studio alters one of its fields; the assessment's marks hook puts them back
 * after every change of the data model, and schema:apply at each start.)
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

/** The names of a table's change-mark triggers on SQLite (to find those a rebuild dropped). */
export const sqliteMarkTriggers = (table: string) => ['insert', 'update', 'delete'].map((e) => `${table}_assessment_mark_${e}`);
