import { describe, expect, it } from 'vitest';
import { isOffline, serverBusy } from './outbox.ts';

describe('what keeps a report waiting in the outbox', () => {
  it('keeps it on no network, and on a server out of reach for a moment', () => {
    expect(isOffline(new TypeError('Failed to fetch'))).toBe(true);
    expect(isOffline({ statusCode: 0, message: 'network' })).toBe(true);
    for (const statusCode of [502, 503, 504]) {
      expect(isOffline({ statusCode, message: '数据库暂时无法连接' })).toBe(true);
      expect(serverBusy({ statusCode })).toBe(true);
    }
  });

  it('gives a refusal back to the user to read, not to send again', () => {
    for (const statusCode of [400, 401, 403, 409, 413, 500]) {
      expect(isOffline({ statusCode, message: 'x' })).toBe(false);
      expect(serverBusy({ statusCode })).toBe(false);
    }
    expect(isOffline(new Error('x'))).toBe(false);
    expect(serverBusy(null)).toBe(false);
  });
});
