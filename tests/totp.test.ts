import { describe, expect, it } from 'vitest';
import { base32Bytes, totp } from './totp.ts';

describe('one-time codes for the tests', () => {
  it('match RFC 6238’s SHA-1 test vectors', () => {
    const key = Buffer.from('12345678901234567890');
    expect(totp(key, 59_000, 8)).toBe('94287082');
    expect(totp(key, 1_111_111_109_000, 8)).toBe('07081804');
    expect(totp(key, 20_000_000_000_000, 8)).toBe('65353130');
  });

  it('read base32 keys', () => {
    expect(base32Bytes('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ').toString()).toBe('12345678901234567890');
  });
});
