import { describe, expect, it } from 'vitest';
import { ACCOUNT_SUSPENDED, pendingStep, revokedUntil, TFA_REQUIRED, TOKEN_REVOKED, tokenClaims, tokenProblem } from './session-rule.ts';

const jwt = (payload: Record<string, unknown>) =>
  `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.sig`;

describe('tokens held to the account as it is now', () => {
  it('reads a JWT’s issue time and whether it is a session token; anything else is no JWT', () => {
    expect(tokenClaims(jwt({ id: 'u', iat: 1_800_000_000 }))).toEqual({ iat: 1_800_000_000, session: false, enforceTfa: false });
    expect(tokenClaims(jwt({ id: 'u', iat: 5, session: 'abc' }))).toEqual({ iat: 5, session: true, enforceTfa: false });
    expect(tokenClaims(jwt({ id: 'u', iat: 5, enforce_tfa: true }))?.enforceTfa).toBe(true);
    for (const other of ['static-token', 'a.b', 'a.%%%.c', `x.${Buffer.from('"text"').toString('base64url')}.y`])
      expect(tokenClaims(other)).toBeNull();
  });

  const active = { status: 'active', tokensValidAfter: null };
  it.each([
    ['an active account, never revoked', active, { iat: 100, session: false }, null],
    ['a suspended account', { ...active, status: 'suspended' }, { iat: 100, session: false }, ACCOUNT_SUSPENDED],
    ['an archived account, even with a session', { ...active, status: 'archived' }, { iat: 100, session: true }, ACCOUNT_SUSPENDED],
    ['an account that is gone', null, { iat: 100, session: false }, ACCOUNT_SUSPENDED],
    ['a token issued before logging out', { ...active, tokensValidAfter: 101_000 }, { iat: 100, session: false }, TOKEN_REVOKED],
    ['a token issued in the second of logging out', { ...active, tokensValidAfter: 100_000 }, { iat: 100, session: false }, null],
    ['a token issued after', { ...active, tokensValidAfter: 100_000 }, { iat: 101, session: false }, null],
    ['a session token (its session row decides)', { ...active, tokensValidAfter: 101_000 }, { iat: 100, session: true }, null],
    ['a token without issue time once revoked', { ...active, tokensValidAfter: 1_000 }, { iat: null, session: false }, TOKEN_REVOKED],
  ] as const)('%s', (_name, account, claims, expected) => {
    expect(tokenProblem(account, claims)).toBe(expected);
  });

  it('revokes every token issued up to now, those of this very second included', () => {
    for (const now of [100_000, 100_001, 100_999]) {
      const until = revokedUntil(new Date(now));
      expect(until).toBe(101_000);
      expect(tokenProblem({ status: 'active', tokensValidAfter: until }, { iat: 100, session: false })).toBe(TOKEN_REVOKED);
      expect(tokenProblem({ status: 'active', tokensValidAfter: until }, { iat: 101, session: false })).toBeNull();
    }
  });
});

describe('what an account must do first', () => {
  const active = { status: 'active', tokensValidAfter: null };
  const claims = { iat: 5, session: false };
  it('sets a new password before anything else, then sets up two factors when its policies ask', () => {
    expect(pendingStep(active, claims, '请先修改密码')).toEqual({ step: 'password', reason: '请先修改密码' });
    expect(pendingStep({ ...active, hasTfa: false }, { ...claims, enforceTfa: true }, '请先修改密码')?.step).toBe('password');
    expect(pendingStep({ ...active, hasTfa: false }, { ...claims, enforceTfa: true }, null)).toEqual({ step: 'tfa', reason: TFA_REQUIRED });
    expect(pendingStep({ ...active, hasTfa: true }, { ...claims, enforceTfa: true }, null)).toBeNull();
    expect(pendingStep({ ...active, hasTfa: false }, claims, null)).toBeNull();
  });
});
