import { describe, expect, it } from 'vitest';
import { changeMarkSql, declaredIndexSql, parseChangeMarks, parseDeclaredIndexes, prefixIndexSql } from './index-sql.ts';

describe('prefix index statements', () => {
  it('uses the pattern operator class on PostgreSQL and NOCASE on SQLite', () => {
    expect(prefixIndexSql('pg', 'activity_records', 'unit_path')).toContain('text_pattern_ops');
    expect(prefixIndexSql('sqlite3', 'activity_records', 'unit_path')).toContain('COLLATE NOCASE');
  });

  it('refuses names that are not plain identifiers and unknown databases', () => {
    expect(() => prefixIndexSql('pg', 'units"; drop table units; --', 'path')).toThrow('not a plain identifier');
    expect(() => prefixIndexSql('mysql', 'units', 'path')).toThrow('no prefix index statement');
  });
});

describe('declared indexes', () => {
  it('are named after their table and columns unless named, unique when asked', () => {
    const [plain, named] = parseDeclaredIndexes({
      indexes: [
        { table: 'project_submissions', columns: ['project', 'unit'], unique: true },
        { table: 'document_recipients', columns: ['document', 'status'], name: 'document_recipients_document_status' },
      ],
    });
    expect(declaredIndexSql('pg', plain!)).toBe(
      'CREATE UNIQUE INDEX IF NOT EXISTS "project_submissions_project_unit_idx" ON "project_submissions" ("project", "unit")',
    );
    expect(declaredIndexSql('sqlite3', named!)).toBe(
      'CREATE INDEX IF NOT EXISTS "document_recipients_document_status" ON "document_recipients" ("document", "status")',
    );
  });

  it('refuses anything but plain names, and unknown databases', () => {
    for (const indexes of [
      {},
      [{ table: 'x', columns: [] }],
      [{ table: 'x', columns: ['a"); drop table x; --'] }],
      [{ table: 'x', columns: ['a'], name: 'X Y' }],
      [{ table: 'Units', columns: ['a'] }],
    ]) {
      expect(() => parseDeclaredIndexes({ indexes })).toThrow();
    }
    expect(parseDeclaredIndexes({})).toEqual([]);
    expect(() => declaredIndexSql('mysql', { table: 'x', columns: ['a'] })).toThrow('no index statement');
  });
});

describe('change marks of the assessment', () => {
  it('are read from a list of plain names, a unit column told apart', () => {
    expect(
      parseChangeMarks({
        changeMarks: [
          { table: 'disputes', column: 'unit_path' },
          { table: 'matters', column: 'handler_unit', unit: true },
        ],
      }),
    ).toEqual([
      { table: 'disputes', column: 'unit_path', unit: false },
      { table: 'matters', column: 'handler_unit', unit: true },
    ]);
    expect(parseChangeMarks({})).toEqual([]);
    for (const bad of [
      { changeMarks: 'disputes' },
      { changeMarks: [{ table: 'disputes' }] },
      { changeMarks: [{ table: 'x"; drop', column: 'a' }] },
      { changeMarks: [{ table: 'a', column: 'b', unit: 'yes' }] },
    ])
      expect(() => parseChangeMarks(bad)).toThrow();
  });

  it('mark inserts, both sides of an update and deletes, naming no other table', () => {
    const sqlite = changeMarkSql('sqlite3', { table: 'matters', column: 'handler_unit', unit: true }).join('\n');
    expect(sqlite).toContain('AFTER INSERT ON "matters" BEGIN INSERT INTO "assessment_marks" (unit) SELECT new."handler_unit"');
    expect(sqlite).toMatch(/AFTER UPDATE ON "matters" BEGIN .*old\."handler_unit".*new\."handler_unit"/);
    expect(sqlite).toContain('AFTER DELETE ON "matters" BEGIN INSERT INTO "assessment_marks" (unit) SELECT old."handler_unit"');
    expect(sqlite).not.toMatch(/FROM units/i);
    const pg = changeMarkSql('pg', { table: 'disputes', column: 'unit_path' }).join('\n');
    expect(pg).toContain(
      `AFTER INSERT OR UPDATE OR DELETE ON "disputes" FOR EACH ROW EXECUTE FUNCTION "assessment_marks_add"('unit_path', 'path')`,
    );
    expect(() => changeMarkSql('mysql', { table: 'disputes', column: 'unit_path' })).toThrow();
  });
});
