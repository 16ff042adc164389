import { describe, expect, it } from 'vitest';
import { prefixIndexSql } from './index-sql.ts';

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
