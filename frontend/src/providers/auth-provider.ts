// Directus login in session mode: the server sets an httpOnly cookie. In
// sessionStorage we keep only who signed in (name and unit, for working offline
// and for telling an expired session, 登录已过期, from a first visit).

import { readMe } from '@directus/sdk';
import type { AuthProvider, CheckResponse } from '@refinedev/core';
import { accountStatus, PASSWORD_CHANGED } from '../account.ts';
import type { AppClient } from '../directus.ts';
import { toHttpError } from './data-provider.ts';

/** Set when a session ended under the user (expired, revoked); the login page says so once. */
export const EXPIRED = 'zongzhi.expired';

export interface Identity {
  id: string;
  name: string;
  email: string;
  avatar?: string;
  unit: { id: number; name: string; path: string; level: string; kind: string; parent: number | null } | null;
  role: { id: string; name: string } | null;
  /** The job the role gives (leader, head, staff …): the leaders' home is the dashboard. */
  job?: string | null;
}

export const IDENTITY_FIELDS = [
  'id',
  'first_name',
  'last_name',
  'email',
  'unit.id',
  'unit.name',
  'unit.path',
  'unit.level',
  'unit.kind',
  'unit.parent',
  'role.id',
  'role.name',
  'job',
];

const IDENTITY = 'zongzhi.identity';

/** Set to the e-mail of a login that needs the one-time code (the login page then shows its field). */
export const OTP_NEEDED = 'zongzhi.otp-needed';

/** Refusals of a login that are not a wrong password (extensions/login-guard). */
const HELD = ['ACCOUNT_LOCKED', 'LOGIN_ADDRESS_LIMITED'];

export function createAuthProvider(client: AppClient, t: (key: string) => string, onIdentityChange: () => void): AuthProvider {
  let identity: Promise<Identity | null> | null = null;
  /** Bumped at each login and logout: an answer to an older question is not trusted. */
  let generation = 0;
  /**
   * Who is signed in: asked of the server; with no network, the last answer of
   * this tab (a phone reporting offline stays in the app, its reports queued).
   * Null when the server says there is no session.
   */
  const me = () =>
    (identity ??= client
      .request(readMe({ fields: IDENTITY_FIELDS as never }))
      .then((u: any): Identity => {
        const found: Identity = {
          id: u.id,
          name: `${u.last_name ?? ''}${u.first_name ?? ''}` || u.email,
          email: u.email,
          unit: u.unit ?? null,
          role: u.role ?? null,
          job: u.job ?? null,
        };
        sessionStorage.setItem(IDENTITY, JSON.stringify(found));
        return found;
      })
      .catch((error) => {
        identity = null;
        const stored = sessionStorage.getItem(IDENTITY);
        if (toHttpError(error).statusCode === 0 && stored) return JSON.parse(stored) as Identity;
        return null;
      }));
  const wasSignedIn = () => sessionStorage.getItem(IDENTITY) !== null;
  /** The session is gone: forget who it was, and tell the login page why when it ended under the user. */
  const forget = (expired: boolean) => {
    identity = null;
    if (expired && wasSignedIn()) sessionStorage.setItem(EXPIRED, '1');
    sessionStorage.removeItem(IDENTITY);
  };

  /** Signed in for one thing only, where the server says so: the screen of that thing (修改密码, 绑定动态口令), else null. */
  const firstStep = () =>
    accountStatus()
      .then((status) => (status?.must_change_password ? '/password' : status?.must_setup_tfa ? '/tfa' : null))
      .catch(() => null);

  async function check(): Promise<CheckResponse> {
    const asked = generation;
    if (await me()) return { authenticated: true };
    // A login or logout happened meanwhile: ask again.
    if (asked !== generation) return check();
    const step = await firstStep();
    if (step) return { authenticated: false, redirectTo: step };
    forget(true);
    return { authenticated: false, logout: true, redirectTo: '/login', error: { name: t('auth.required'), message: '' } };
  }

  return {
    async login({ email, password, otp }) {
      try {
        await client.login({ email, password }, otp ? { otp } : {});
        generation++;
        identity = null;
        sessionStorage.removeItem(EXPIRED);
        sessionStorage.removeItem(PASSWORD_CHANGED);
        sessionStorage.removeItem(OTP_NEEDED);
        const who = await me();
        onIdentityChange();
        const step = who ? null : await firstStep();
        if (step) return { success: true, redirectTo: step };
        return { success: true, redirectTo: '/' };
      } catch (error) {
        const e = toHttpError(error);
        // A lock or a held address says itself what it is and until when.
        if (e.code && HELD.includes(e.code)) return { success: false, error: { name: t('auth.held'), message: e.message } };
        // Two-factor sign-in: the login page asks for the code (OTP_NEEDED), or again (a wrong one).
        if (e.code === 'INVALID_OTP') {
          sessionStorage.setItem(OTP_NEEDED, email);
          return { success: false, error: { name: t('auth.otpTitle'), message: t(otp ? 'auth.otpWrong' : 'auth.otp') } };
        }
        return {
          success: false,
          error: {
            name: t(e.statusCode === 0 ? 'auth.network' : 'auth.failed'),
            message: t(e.statusCode === 0 ? 'errors.network' : 'auth.failedHint'),
          },
        };
      }
    },
    async logout() {
      generation++;
      await client.logout().catch(() => undefined);
      forget(false);
      onIdentityChange();
      return { success: true, redirectTo: '/login' };
    },
    check,
    async onError(error) {
      // 401: the session is gone (expired, revoked). 403 is a refusal of one action, not a logout.
      if (error?.statusCode === 401) {
        forget(true);
        return { logout: true, redirectTo: '/login', error: { name: t('auth.expired'), message: '' } };
      }
      return {};
    },
    getIdentity: () => me(),
  };
}
