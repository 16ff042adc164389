import { describe, expect, it } from 'vitest';
import { CODE_TABLE_FOLDER, FOLDERS, folderOf, inFolder } from './folders.ts';
import { COLLECTIONS } from './index.ts';

describe('the folders of Studio and of the app’s menu', () => {
  const shown = COLLECTIONS.filter((c) => !c.system && !c.meta?.hidden);

  it('hold every collection people open, each in one folder', () => {
    expect(shown.filter((c) => folderOf(c.collection) === null).map((c) => c.collection)).toEqual([]);
    const listed = FOLDERS.flatMap((f) => f.holds);
    expect(new Set(listed).size).toBe(listed.length);
    const names = new Set(COLLECTIONS.map((c) => c.collection));
    expect(listed.filter((c) => !names.has(c))).toEqual([]);
    expect(folderOf('code_education')).toBe(CODE_TABLE_FOLDER);
  });

  it('are named in both languages, and place a collection by its meta.group', () => {
    for (const f of FOLDERS) {
      expect(f.collection).toMatch(/^folder_[a-z_]+$/);
      expect(f.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(f.en).toMatch(/^[A-Z]/);
    }
    const people = COLLECTIONS.find((c) => c.collection === 'people')!;
    expect(inFolder(people).meta).toMatchObject({ group: 'folder_base', sort: 2 });
    expect(inFolder(people).fields).toBe(people.fields);
    const users = COLLECTIONS.find((c) => c.collection === 'directus_users')!;
    expect(inFolder(users)).toBe(users);
  });
});
