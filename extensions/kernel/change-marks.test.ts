import { describe, expect, it } from 'vitest';
import { changeMarkSql, parseChangeMarks } from './change-marks.ts';

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
