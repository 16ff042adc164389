import { describe, expect, it } from 'vitest';
import { sign, signedHeaders, verify } from './signature.ts';

const secret = 'shared-secret-0123456789';
const body = JSON.stringify({ id: 'DLQ-1', title: '占道经营' });
const now = new Date('2026-11-26T10:00:00+08:00');

describe('the 大联勤 signature', () => {
  it('accepts what was signed with the secret within five minutes', () => {
    const headers = signedHeaders(secret, body, new Date(now.getTime() - 299_000));
    expect(verify(secret, headers, body, now)).toEqual({ ok: true });
    expect(verify(secret, headers, Buffer.from(body), now)).toEqual({ ok: true });
  });

  it.each([
    ['a changed body', signedHeaders(secret, body, now), body.replace('占道', '露天'), '签名不正确'],
    ['another secret', signedHeaders('another-secret-0123456789', body, now), body, '签名不正确'],
    ['an old timestamp', signedHeaders(secret, body, new Date(now.getTime() - 301_000)), body, '相差超过5分钟'],
    ['a future timestamp', signedHeaders(secret, body, new Date(now.getTime() + 301_000)), body, '相差超过5分钟'],
    ['no signature', { 'x-dlq-timestamp': '1795658400' }, body, '缺少签名'],
    ['a malformed signature', { 'x-dlq-timestamp': String(Math.floor(now.getTime() / 1000)), 'x-dlq-signature': 'zz' }, body, '签名不正确'],
  ])('refuses %s', (_name, headers, text, reason) => {
    const verdict = verify(secret, headers as Record<string, string>, text, now);
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.reason).toContain(reason);
  });

  it('signs timestamp and body together', () => {
    expect(sign(secret, 1, 'a')).not.toBe(sign(secret, 2, 'a'));
    expect(sign(secret, 1, 'a')).toMatch(/^[0-9a-f]{64}$/);
  });
});
