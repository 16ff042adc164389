// 国密 at rest for personal identifiers (ID and phone numbers): the building block.
// Pure apart from node:crypto; not yet wired into the registries (issue 11 keeps
// "SM4 at rest" open until it is).
//
// - One master key (32 bytes, generated once into DATA_DIR or given by setting)
//   yields three keys by SM3-HMAC: one to encrypt (SM4, 128 bits), one to
//   authenticate, one for the blind index.
// - A value is sealed as SM4-CTR with a fresh 16-byte counter block, then
//   authenticated with SM3-HMAC over the key id, the counter block and the
//   ciphertext (encrypt-then-MAC; Node's OpenSSL has no SM4-GCM). The sealed
//   text names the key it was sealed with, so that keys can be rotated in batches.
// - The blind index is SM3-HMAC of the normalised value under the index key: equal
//   values have equal indexes (exact look-up, one record per ID number), and the
//   index reveals nothing else without the key.

import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const PREFIX = 'sm4v1';
const TAG_BYTES = 16;
const IV_BYTES = 16;

export interface PersonalKey {
  /** Names the master key in sealed values (8 hex digits of its SM3 digest). */
  id: string;
  encrypt: Buffer;
  authenticate: Buffer;
  index: Buffer;
}

export class SealBroken extends Error {}

const derive = (master: Buffer, purpose: string) => createHmac('sm3', master).update(`pukou-zongzhi:${purpose}`).digest();

/** The keys of a master key (at least 32 bytes). */
export function personalKey(master: Buffer): PersonalKey {
  if (master.length < 32) throw new Error('the personal-data master key must have at least 32 bytes');
  return {
    id: createHash('sm3').update(master).digest('hex').slice(0, 8),
    encrypt: derive(master, 'encrypt').subarray(0, 16),
    authenticate: derive(master, 'authenticate'),
    index: derive(master, 'index'),
  };
}

const tagOf = (key: PersonalKey, iv: Buffer, ciphertext: Buffer) =>
  createHmac('sm3', key.authenticate).update(key.id).update(iv).update(ciphertext).digest().subarray(0, TAG_BYTES);

/** What every value sealed with `key` begins with: `sm4v1:<key id>:` (a database can search for it). */
export const sealedPrefix = (key: PersonalKey): string => `${PREFIX}:${key.id}:`;

/** `value` sealed: `sm4v1:<key id>:<base64url of counter block, ciphertext, tag>`. */
export function seal(key: PersonalKey, value: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('sm4-ctr', key.encrypt, iv);
  const ciphertext = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  return `${sealedPrefix(key)}${Buffer.concat([iv, ciphertext, tagOf(key, iv, ciphertext)]).toString('base64url')}`;
}

export const isSealed = (value: unknown): value is string => typeof value === 'string' && value.startsWith(`${PREFIX}:`);

/** The key id a sealed value names, or null for a value not sealed (stored before encryption). */
export const sealedWith = (value: string): string | null => (isSealed(value) ? value.split(':')[1]! : null);

/**
 * The value of a sealed text, with the key it names among `keys` (the current one
 * and, while a rotation runs, the previous one). A value not sealed is returned as
 * it is; a sealed value that was changed, or whose key is unknown, throws SealBroken.
 */
export function unseal(keys: readonly PersonalKey[], value: string): string {
  if (!isSealed(value)) return value;
  const [, id, body] = value.split(':');
  const key = keys.find((k) => k.id === id);
  if (!key || !body) throw new SealBroken(`unknown key ${id}`);
  const bytes = Buffer.from(body, 'base64url');
  if (bytes.length < IV_BYTES + TAG_BYTES) throw new SealBroken('too short');
  const iv = bytes.subarray(0, IV_BYTES);
  const ciphertext = bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES);
  const tag = bytes.subarray(bytes.length - TAG_BYTES);
  if (!timingSafeEqual(tag, tagOf(key, iv, ciphertext))) throw new SealBroken('tag does not match');
  const decipher = createDecipheriv('sm4-ctr', key.encrypt, iv);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
}

/** The blind index of a normalised value (upper-case ID numbers, digits-only phone numbers): 64 hex digits. */
export function blindIndex(key: PersonalKey, normalised: string): string {
  return createHmac('sm3', key.index).update(normalised).digest('hex');
}
