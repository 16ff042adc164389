import { describe, expect, it } from 'vitest';
import { containsIndexSql, declaredIndexSql, parseDeclaredIndexes, prefixIndexSql } from './index-sql.ts';

describe('contains index statements', () => {
  it('makes a trigram GIN index on PostgreSQL and none on SQLite', () => {
    expect(containsIndexSql('pg', 'matters', 'participant_paths')).toEqual([
      'CREATE EXTENSION IF NOT EXISTS pg_trgm',
      'CREATE INDEX IF NOT EXISTS "matters_participant_paths_trgm_idx" ON "matters" USING gin ("participant_paths" gin_trgm_ops)',
    ]);
    expect(containsIndexSql('sqlite3', 'matters', 'participant_paths')).toEqual([]);
    expect(() => containsIndexSql('pg', 'matters"; drop', 'x')).toThrow('not a plain identifier');
  });
});

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
