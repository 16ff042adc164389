import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isSealed, personalKey, sealedWith } from './personal-cipher.ts';
import { decodeMasterKey, fixedKeys, keyFile, parseKeyFile, PersonalVault, personalVault } from './personal-vault.ts';

const A = Buffer.alloc(32, 1).toString('base64url');
const B = Buffer.alloc(32, 2).toString('hex');
const fields = { fields: { people: ['id_number', 'phone'] }, indexes: { people: { id_number: 'id_number_index' } } };
const dir = mkdtempSync(join(tmpdir(), 'vault-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('master keys', () => {
  it('are read as hex or base64 of at least 32 bytes, and nothing else', () => {
    expect(decodeMasterKey(A)).toEqual(Buffer.alloc(32, 1));
    expect(decodeMasterKey(` ${B}\n`)).toEqual(Buffer.alloc(32, 2));
    expect(decodeMasterKey('short')).toBeNull();
    expect(decodeMasterKey(Buffer.alloc(31).toString('hex'))).toBeNull();
    expect(decodeMasterKey(`${A}!`)).toBeNull();
    expect(() => fixedKeys('nope')).toThrow(/PERSONAL_DATA_KEY/);
    expect(() => fixedKeys(A, ['nope'])).toThrow(/PERSONAL_DATA_OLD_KEYS/);
  });

  it('come from a key file, current first, comments skipped, and are read again when it changes', () => {
    expect(parseKeyFile(`# keys\n${A}\n\n${B}\n`).map((k) => k.id)).toEqual([
      personalKey(Buffer.alloc(32, 1)).id,
      personalKey(Buffer.alloc(32, 2)).id,
    ]);
    expect(() => parseKeyFile('# nothing\n')).toThrow(/no key/);
    expect(() => parseKeyFile(`${A}\nbad\n`)).toThrow(/line 2/);
    const path = join(dir, 'keys');
    writeFileSync(path, `${A}\n`);
    let clock = 0;
    const source = keyFile(path, () => clock);
    expect(source().map((k) => k.id)).toEqual([personalKey(Buffer.alloc(32, 1)).id]);
    writeFileSync(path, `${B}\n${A}\n`);
    clock = 500;
    expect(source()).toHaveLength(1); // looked at once a second at most
    clock = 1500;
    expect(source().map((k) => k.id)).toEqual([personalKey(Buffer.alloc(32, 2)).id, personalKey(Buffer.alloc(32, 1)).id]);
  });
});

describe('a vault', () => {
  const vault = new PersonalVault(fixedKeys(A), fields);

  it('seals the sealed fields a write sets, with the blind index beside them, and reads them back', () => {
    const stored = vault.sealRecord('people', { name: '张三', id_number: '32011119900101123X', phone: '13900001111' });
    expect(stored.name).toBe('张三');
    expect(isSealed(stored.id_number)).toBe(true);
    expect(isSealed(stored.phone)).toBe(true);
    expect(stored.id_number_index).toBe(vault.index('32011119900101123X'));
    expect(vault.openRecord('people', { ...stored })).toMatchObject({ id_number: '32011119900101123X', phone: '13900001111' });
    // A field the write does not set is not touched; clearing one clears its index.
    expect(vault.sealRecord('people', { name: 'x' })).toEqual({ name: 'x' });
    expect(vault.sealRecord('people', { id_number: null })).toEqual({ id_number: null, id_number_index: null });
    expect(vault.sealRecord('units', { id_number: 'x' })).toEqual({ id_number: 'x' });
  });

  it('reads values stored before encryption as they are, and turns an altered one into null, reported', () => {
    const broken: string[] = [];
    const stored = vault.sealRecord('people', { id_number: '32011119900101123X' });
    const altered = `${stored.id_number.slice(0, -3)}AAA`;
    expect(vault.openRecord('people', { id_number: altered, phone: '13900001111' }, (f) => broken.push(f))).toEqual({
      id_number: null,
      phone: '13900001111',
    });
    expect(broken).toEqual(['id_number']);
  });

  it('after a rotation reads old values, finds them by their old index, and knows they are not current', () => {
    const old = vault.sealRecord('people', { id_number: '32011119900101123X' });
    const rotated = new PersonalVault(fixedKeys(B, [A]), fields);
    expect(rotated.open(old.id_number)).toBe('32011119900101123X');
    expect(rotated.indexes('32011119900101123X')).toEqual([rotated.index('32011119900101123X'), old.id_number_index]);
    expect(rotated.isCurrent(old.id_number)).toBe(false);
    expect(rotated.isCurrent(rotated.seal('x'))).toBe(true);
    expect(sealedWith(rotated.seal('x'))).toBe(personalKey(Buffer.alloc(32, 2)).id);
  });

  it('reads its settings from Directus’s typed environment ("false" arrives as false)', () => {
    expect(personalVault({ PERSONAL_DATA_KEY: A, SEAL_PERSONAL_DATA: false }, fields).sealing).toBe(false);
    expect(personalVault({ PERSONAL_DATA_KEY: A, SEAL_PERSONAL_DATA: 'false' }, fields).sealing).toBe(false);
    expect(personalVault({ PERSONAL_DATA_KEY: A, SEAL_PERSONAL_DATA: true }, fields).sealing).toBe(true);
    expect(personalVault({ PERSONAL_DATA_KEY: A }, fields).sealing).toBe(true);
    expect(() => personalVault({}, fields)).toThrow(/no personal-data key/);
  });

  it('with sealing off stores values in the clear, still with their index', () => {
    const clear = new PersonalVault(fixedKeys(A), fields, false);
    expect(clear.sealRecord('people', { id_number: '32011119900101123X' })).toEqual({
      id_number: '32011119900101123X',
      id_number_index: vault.index('32011119900101123X'),
    });
  });
});
