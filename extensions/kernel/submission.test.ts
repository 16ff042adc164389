import { describe, expect, it } from 'vitest';
import { CLIENT_REF_PROBLEM, clientRefOf } from './submission.ts';

describe('clientRefOf', () => {
  it('takes a UUID or 8-64 letters, digits and hyphens, and no id at all', () => {
    expect(clientRefOf({ client_ref: '0b7f4c3e-9a51-4d7e-8c2a-1f0e6d5b4a39' })).toEqual({
      ok: true,
      value: '0b7f4c3e-9a51-4d7e-8c2a-1f0e6d5b4a39',
    });
    expect(clientRefOf({ client_ref: 'abcd1234' })).toEqual({ ok: true, value: 'abcd1234' });
    expect(clientRefOf({})).toEqual({ ok: true, value: undefined });
    expect(clientRefOf(null)).toEqual({ ok: true, value: undefined });
  });

  it('refuses anything else with the one message', () => {
    for (const client_ref of ['short', 'x'.repeat(65), 'has space 123', '提交编号一二三四五', 42, ['abcd1234'], { a: 1 }, true])
      expect(clientRefOf({ client_ref })).toEqual({ ok: false, problem: CLIENT_REF_PROBLEM });
  });
});
