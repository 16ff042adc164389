// Signatures of the 大联勤 exchange, both ways: HMAC-SHA256 with the shared
// secret over `<timestamp>.<raw body>`, hex-encoded, sent in the headers
// X-DLQ-Timestamp (Unix seconds) and X-DLQ-Signature. A request more than five
// minutes from our clock is refused, so a captured request cannot be replayed
// later; the sender's id makes a replay within the window harmless.

import { createHmac, timingSafeEqual } from 'node:crypto';

export const TIMESTAMP_HEADER = 'x-dlq-timestamp';
export const SIGNATURE_HEADER = 'x-dlq-signature';
export const WINDOW_SECONDS = 300;

export function sign(secret: string, timestamp: number, body: string | Buffer): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

export function signedHeaders(secret: string, body: string, now: Date): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return { 'content-type': 'application/json', [TIMESTAMP_HEADER]: String(timestamp), [SIGNATURE_HEADER]: sign(secret, timestamp, body) };
}

export type Verdict = { ok: true } | { ok: false; reason: string };

export function verify(secret: string, headers: Record<string, string | string[] | undefined>, body: string | Buffer, now: Date): Verdict {
  const timestamp = Number(headers[TIMESTAMP_HEADER]);
  const signature = headers[SIGNATURE_HEADER];
  if (!Number.isInteger(timestamp) || typeof signature !== 'string')
    return { ok: false, reason: '缺少签名（X-DLQ-Timestamp、X-DLQ-Signature）' };
  if (Math.abs(now.getTime() / 1000 - timestamp) > WINDOW_SECONDS) return { ok: false, reason: '签名时间与服务器时间相差超过5分钟' };
  const expected = Buffer.from(sign(secret, timestamp, body), 'hex');
  const given = Buffer.from(signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: '签名不正确' };
  return { ok: true };
}
