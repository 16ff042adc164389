import { createCipheriv, createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { blindIndex, isSealed, personalKey, SealBroken, seal, sealedWith, unseal } from './personal-cipher.ts';

const master = Buffer.alloc(32, 7);
const other = Buffer.alloc(32, 9);
const key = personalKey(master);

describe('the ciphers are the national standards', () => {
  it('SM4 gives GB/T 32907’s example, SM3 GB/T 32905’s', () => {
    const k = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
    const cipher = createCipheriv('sm4-ecb', k, null).setAutoPadding(false);
    expect(Buffer.concat([cipher.update(k), cipher.final()]).toString('hex')).toBe('681edf34d206965e86b3e94f536e4246');
    expect(createHash('sm3').update('abc').digest('hex')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });
});

describe('sealing personal identifiers', () => {
  it('reads back what was sealed, and never seals a value the same way twice', () => {
    const a = seal(key, '320111199001011239');
    const b = seal(key, '320111199001011239');
    expect(a).not.toBe(b);
    expect(isSealed(a)).toBe(true);
    expect(a).not.toContain('320111');
    expect(unseal([key], a)).toBe('320111199001011239');
    expect(unseal([key], seal(key, '电话 13900001111'))).toBe('电话 13900001111');
  });

  it('names its key, so that a rotation reads old values with the old key', () => {
    const next = personalKey(other);
    const old = seal(key, '13900001111');
    expect(sealedWith(old)).toBe(key.id);
    expect(unseal([next, key], old)).toBe('13900001111');
    expect(() => unseal([next], old)).toThrow(SealBroken);
  });

  it('finds any change to a sealed value', () => {
    const sealed = seal(key, '320111199001011239');
    const body = Buffer.from(sealed.split(':')[2]!, 'base64url');
    for (const at of [0, 16, body.length - 1]) {
      const changed = Buffer.from(body);
      changed[at]! ^= 1;
      expect(() => unseal([key], `sm4v1:${key.id}:${changed.toString('base64url')}`)).toThrow(SealBroken);
    }
    expect(() => unseal([key], `sm4v1:${key.id}:AAAA`)).toThrow(SealBroken);
  });

  it('passes a value stored before encryption through as it is', () => {
    expect(unseal([key], '320111199001011239')).toBe('320111199001011239');
    expect(sealedWith('320111199001011239')).toBeNull();
  });
});

describe('the blind index', () => {
  it('is equal for equal values, different for others and for another key', () => {
    expect(blindIndex(key, '32011119900101123X')).toBe(blindIndex(key, '32011119900101123X'));
    expect(blindIndex(key, '32011119900101123X')).toMatch(/^[0-9a-f]{64}$/);
    expect(blindIndex(key, '320111199001011239')).not.toBe(blindIndex(key, '32011119900101123X'));
    expect(blindIndex(personalKey(other), '32011119900101123X')).not.toBe(blindIndex(key, '32011119900101123X'));
  });

  it('refuses a master key shorter than 32 bytes', () => {
    expect(() => personalKey(Buffer.alloc(16))).toThrow('32 bytes');
  });
});
