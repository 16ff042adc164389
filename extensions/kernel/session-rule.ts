// Suspended means out, and logging out means out (等保 2.0 三级 身份鉴别, 访问控制):
// Directus's access tokens live for minutes whatever happens to the account, so
// every authenticated request is held to the account as it is now. Pure: the
// hook in extensions/session-guard reads the account and applies it.

/** What an access token says of itself (Directus signs it; the hook reads it after Directus verified it). */
export interface TokenClaims {
  /** Issued at, in seconds. */
  iat: number | null;
  /** A session token (the app's cookie): its session row decides, and logging out deletes it. */
  session: boolean;
  /** Directus marks the token of an account whose policies ask for two factors and that has none set up yet. */
  enforceTfa?: boolean;
}

/** The account as the rule needs it. */
export interface AccountState {
  status: string;
  /** Tokens issued before this instant (ms, a whole second) no longer count: set on logout, suspension, password reset. */
  tokensValidAfter: number | null;
  /** The password was set by someone else (a new account, a reset): its owner sets a new one first. */
  mustChangePassword?: boolean;
  /** When the password was last set (ms). */
  passwordChangedAt?: number | null;
  /** A one-time-code secret is set up (two-factor sign-in). */
  hasTfa?: boolean;
}

export const TFA_REQUIRED = '系统管理员须先绑定动态口令（双因素认证）后才能使用系统';

/**
 * What the account must do before anything else, or null: set a new password
 * (`passwordReason`, kernel/password-rule.ts), else set up two-factor sign-in
 * when its token says its policies ask for it and it has none yet.
 */
export function pendingStep(
  account: AccountState | null,
  claims: TokenClaims,
  passwordReason: string | null,
): { step: 'password' | 'tfa'; reason: string } | null {
  if (passwordReason) return { step: 'password', reason: passwordReason };
  if (claims.enforceTfa && account && !account.hasTfa) return { step: 'tfa', reason: TFA_REQUIRED };
  return null;
}

export const ACCOUNT_SUSPENDED = '账号已停用或锁定，请联系本单位系统管理员';
export const TOKEN_REVOKED = '登录已失效（已退出或账号已变更），请重新登录';

/** The claims of a JWT, or null for any other token (a static token: Directus checks its account itself). */
export function tokenClaims(token: string): TokenClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    const payload = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (!payload || typeof payload !== 'object') return null;
    return {
      iat: typeof payload.iat === 'number' ? payload.iat : null,
      session: typeof payload.session === 'string',
      enforceTfa: payload.enforce_tfa === true,
    };
  } catch {
    return null;
  }
}

/** Why a request with this token of this account is refused, or null. */
export function tokenProblem(account: AccountState | null, claims: TokenClaims): string | null {
  if (!account || account.status !== 'active') return ACCOUNT_SUSPENDED;
  // A session token lives as long as its session row, which logging out deletes and suspension clears.
  if (claims.session || account.tokensValidAfter === null) return null;
  if (claims.iat === null || claims.iat * 1000 < account.tokensValidAfter) return TOKEN_REVOKED;
  return null;
}

/**
 * The instant from which tokens count again: the start of the next whole second. A token's
 * iat is in whole seconds, so every token issued up to now is before it (a token of this
 * very second too); one issued in the same second after the revocation waits that second out.
 */
export function revokedUntil(now: Date): number {
  return Math.floor(now.getTime() / 1000) * 1000 + 1000;
}
