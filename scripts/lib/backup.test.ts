import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backupName, backupProblems, canonicalRow, copyFiles, digestDifferences, digestRows, type Manifest } from './backup.ts';
import { filesUnder } from './files.ts';

describe('a backup', () => {
  it('is named by its moment in UTC, sortable', () => {
    expect(backupName(new Date('2026-12-05T09:30:12.345Z'))).toBe('zongzhi-20261205-0930-12');
    expect(backupName(new Date('2026-01-02T03:04:05Z')) < backupName(new Date('2026-01-02T03:04:06Z'))).toBe(true);
  });

  it('digests rows whatever their order and their columns’ order, and tells any change', () => {
    const rows = [
      { id: 1, name: '求雨山社区', at: new Date('2026-12-01T00:00:00Z') },
      { id: 2, name: '第一网格', at: null },
    ];
    const same = digestRows([{ at: null, name: '第一网格', id: 2 }, rows[0]!]);
    expect(digestRows(rows)).toEqual(same);
    expect(digestRows(rows).rows).toBe(2);
    expect(digestRows([rows[0]!, { ...rows[1]!, name: '第二网格' }]).sha256).not.toBe(same.sha256);
    expect(digestRows([rows[0]!, rows[1]!, rows[1]!]).rows).toBe(3);
    expect(canonicalRow({ b: 1n, a: 'x' })).toBe('{"a":"x","b":"1"}');
  });

  it('names every table that is missing, extra, short or changed', () => {
    const d = (rows: number, sha256 = 'a') => ({ rows, sha256 });
    expect(digestDifferences({ units: d(3), people: d(2) }, { units: d(3), people: d(2) })).toEqual([]);
    expect(digestDifferences({ units: d(3), people: d(2), matters: d(1) }, { units: d(3, 'b'), people: d(1), logs: d(0) })).toEqual([
      '表 units：3 行，内容不一致',
      '表 people：应有 2 行，实有 1 行',
      '表 matters 缺失',
      '多出表 logs',
    ]);
  });

  describe('files', () => {
    const root = mkdtempSync(join(tmpdir(), 'backup-test-'));
    afterAll(() => rmSync(root, { recursive: true, force: true }));

    it('are copied with their checksums, and a missing or changed one is found', async () => {
      mkdirSync(join(root, 'from/a'), { recursive: true });
      writeFileSync(join(root, 'from/a/photo.jpg'), 'jpeg bytes');
      writeFileSync(join(root, 'from/note.txt'), '说明');
      const entries = await copyFiles(join(root, 'from'), filesUnder(join(root, 'from')), join(root, 'backup/files'));
      expect(entries.map((e) => [e.path, e.size])).toEqual([
        ['a/photo.jpg', 10],
        ['note.txt', 6],
      ]);
      writeFileSync(join(root, 'backup/db'), 'db');
      const manifest = {
        database_file: { path: 'db', size: 2, sha256: '3d3e1eafe6c8eb4dd8fa3f8c5dcba4f0e2bd3bd61fa4b1a7f3fbc4ad3a3d1c5e' },
        files: entries,
        secrets: [],
      } as unknown as Manifest;
      const problems = await backupProblems(join(root, 'backup'), manifest);
      expect(problems).toEqual(['文件 db 与清单不符（已损坏或被改动）']);
      writeFileSync(join(root, 'backup/files/note.txt'), '改过');
      rmSync(join(root, 'backup/files/a/photo.jpg'));
      expect(await backupProblems(join(root, 'backup'), manifest)).toEqual([
        '文件 db 与清单不符（已损坏或被改动）',
        '缺少文件 files/a/photo.jpg',
        '文件 files/note.txt 与清单不符（已损坏或被改动）',
      ]);
    });
  });
});
