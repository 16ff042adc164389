// 国密 at rest, wired: where the master keys come from, and what a collection's
// personal numbers look like on their way into and out of the database.
//
// - Keys: the setting PERSONAL_DATA_KEY (with PERSONAL_DATA_OLD_KEYS while a
//   rotation runs), else the key file in DATA_DIR that start-up generates once
//   (PERSONAL_DATA_KEY_FILE, mode 0600): one key per line, the current one first.
//   The file is read again when it changes, so that `npm run keys:rotate` takes
//   effect in running servers without a restart.
// - Sealed fields are stored as personal-cipher's sealed text; each field with a
//   blind index gets its index column written beside it (exact look-up and the
//   one-record-per-number rule run on the index). Values stored before encryption
//   are read as they are until the rotation seals them.
// - `sealing: false` (SEAL_PERSONAL_DATA=false) stores new values in the clear and
//   still writes the index: only for measuring what sealing costs.

import { readFileSync, statSync } from 'node:fs';
import { blindIndex, isSealed, personalKey, type PersonalKey, seal, sealedWith, unseal } from './personal-cipher.ts';

/** Which fields of which collections are sealed, and the blind-index column of those looked up exactly. */
export interface SealedFields {
  fields: Readonly<Record<string, readonly string[]>>;
  indexes: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

type Row = Record<string, unknown>;

/** A master key as a setting or a key-file line gives it: hex or base64(url), at least 32 bytes; null when it is not one. */
export function decodeMasterKey(text: string): Buffer | null {
  const value = text.trim();
  const bytes = /^[0-9a-f]+$/i.test(value) && value.length % 2 === 0 ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64url');
  return bytes.length >= 32 && /^[A-Za-z0-9+/_=-]+$/.test(value) ? bytes : null;
}

/** The key lines of a key file's text, the current one first; blank lines and `#` comments skipped. */
export const keyFileLines = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));

/** The keys of a key file's text: one per line, the current one first. */
export function parseKeyFile(text: string): PersonalKey[] {
  const keys = keyFileLines(text).map((line, i) => {
    const master = decodeMasterKey(line);
    if (!master) throw new Error(`personal-data key file: line ${i + 1} is not a key of at least 32 bytes`);
    return personalKey(master);
  });
  if (!keys.length) throw new Error('personal-data key file holds no key');
  return keys;
}

/** Where the keys come from: a function giving the current key first, then the older ones still read. */
export type KeySource = () => readonly PersonalKey[];

/** Keys given by setting. */
export function fixedKeys(current: string, old: string[] = []): KeySource {
  const keys = [current, ...old].map((text, i) => {
    const master = decodeMasterKey(text);
    if (!master) throw new Error(`${i ? 'PERSONAL_DATA_OLD_KEYS' : 'PERSONAL_DATA_KEY'}: not a key of at least 32 bytes (hex or base64)`);
    return personalKey(master);
  });
  return () => keys;
}

/** Keys from the key file, read again when its size or modification time changes (looked at once a second at most). */
export function keyFile(path: string, now: () => number = Date.now): KeySource {
  let keys: PersonalKey[] = [];
  let stamp = '';
  let lookedAt = Number.NEGATIVE_INFINITY;
  return () => {
    if (now() - lookedAt >= 1000 || !keys.length) {
      lookedAt = now();
      const stat = statSync(path);
      const current = `${stat.size}:${stat.mtimeMs}`;
      if (current !== stamp) {
        keys = parseKeyFile(readFileSync(path, 'utf8'));
        stamp = current;
      }
    }
    return keys;
  };
}

export class PersonalVault {
  readonly keys: KeySource;
  readonly fields: SealedFields;
  /** Whether new values are sealed (SEAL_PERSONAL_DATA); indexes are written either way. */
  readonly sealing: boolean;

  constructor(keys: KeySource, fields: SealedFields, sealing = true) {
    this.keys = keys;
    this.fields = fields;
    this.sealing = sealing;
  }

  /** The blind indexes of a normalised value under every key still read (the current one first). */
  indexes(normalised: string): string[] {
    return this.keys().map((key) => blindIndex(key, normalised));
  }

  /** The blind index under the current key. */
  index(normalised: string): string {
    return blindIndex(this.keys()[0]!, normalised);
  }

  /** A value of a sealed field as stored: sealed under the current key (in the clear when sealing is off). */
  seal(value: string): string {
    return this.sealing ? seal(this.keys()[0]!, value) : value;
  }

  /** A stored value read back (values stored in the clear as they are); throws SealBroken when it was altered. */
  open(value: string): string {
    return unseal(this.keys(), value);
  }

  /** Whether a stored value is what the current key would store: sealed under it (or, with sealing off, anything). */
  isCurrent(value: unknown): boolean {
    if (typeof value !== 'string') return true;
    return this.sealing ? sealedWith(value) === this.keys()[0]!.id : true;
  }

  /**
   * A write's values as stored: the collection's sealed fields that it sets, sealed, and their blind
   * indexes beside them. The values must already be normalised (the index is of the value as given).
   */
  sealRecord(collection: string, record: Row): Record<string, any> {
    const sealed = this.fields.fields[collection];
    if (!sealed) return record;
    const indexes = this.fields.indexes[collection] ?? {};
    const out: Row = { ...record };
    for (const field of sealed) {
      if (!(field in record)) continue;
      const value = record[field];
      if (field in indexes) out[indexes[field]!] = typeof value === 'string' && value !== '' ? this.index(value) : null;
      if (typeof value === 'string' && value !== '') out[field] = this.seal(value);
    }
    return out;
  }

  /**
   * A stored row read back: its sealed fields opened, in place; a value that no longer opens (altered
   * in the database, or sealed with a key no longer given) becomes null and is reported to `broken`.
   */
  openRecord<T extends Row>(collection: string, row: T, broken: (field: string) => void = () => undefined): T {
    for (const field of this.fields.fields[collection] ?? []) {
      const value = row[field];
      if (typeof value !== 'string' || !isSealed(value)) continue;
      try {
        (row as Row)[field] = this.open(value);
      } catch {
        (row as Row)[field] = null;
        broken(field);
      }
    }
    return row;
  }
}

let shared: { env: Record<string, unknown>; vault: PersonalVault } | null = null;

/**
 * The vault of this process, from Directus's environment (or the worker's): the key setting, else the
 * key file. One per environment, so that every extension reads the key file the same way.
 */
export function personalVault(env: Record<string, unknown>, fields: SealedFields): PersonalVault {
  if (shared?.env === env) return shared.vault;
  // Directus hands its environment over typed: "false" arrives as false, a number as a number.
  const text = (name: string) => (env[name] === undefined || env[name] === null ? '' : String(env[name]));
  const source = text('PERSONAL_DATA_KEY')
    ? fixedKeys(
        text('PERSONAL_DATA_KEY'),
        text('PERSONAL_DATA_OLD_KEYS')
          .split(',')
          .map((k) => k.trim())
          .filter(Boolean),
      )
    : text('PERSONAL_DATA_KEY_FILE')
      ? keyFile(text('PERSONAL_DATA_KEY_FILE'))
      : null;
  if (!source) throw new Error('no personal-data key: set PERSONAL_DATA_KEY or PERSONAL_DATA_KEY_FILE');
  const vault = new PersonalVault(source, fields, !/^(false|0|no)$/i.test(text('SEAL_PERSONAL_DATA')));
  shared = { env, vault };
  return vault;
}
