// Directus login in session mode: the server sets an httpOnly cookie; we keep
// only a flag in sessionStorage that someone was signed in, to tell an expired
// session (back to login with 登录已过期) from a first visit.

import { readMe } from '@directus/sdk';
import type { AuthProvider } from '@refinedev/core';
import type { AppClient } from '../directus.ts';
import { toHttpError } from './data-provider.ts';

const SIGNED_IN = 'zongzhi.signedIn';
export const EXPIRED_REDIRECT = '/login?reason=expired';

export interface Identity {
  id: string;
  name: string;
  email: string;
  avatar?: string;
  unit: { id: number; name: string; path: string; level: string; kind: string; parent: number | null } | null;
  role: { id: string; name: string } | null;
}

export const IDENTITY_FIELDS = ['id', 'first_name', 'last_name', 'email', 'unit.id', 'unit.name', 'unit.path', 'unit.level', 'unit.kind', 'unit.parent', 'role.id', 'role.name'];

export function createAuthProvider(client: AppClient, t: (key: string) => string, onIdentityChange: () => void): AuthProvider {
  let identity: Promise<Identity | null> | null = null;
  const me = () =>
    (identity ??= client
      .request(readMe({ fields: IDENTITY_FIELDS as never }))
      .then((u: any): Identity => ({ id: u.id, name: `${u.last_name ?? ''}${u.first_name ?? ''}` || u.email, email: u.email, unit: u.unit ?? null, role: u.role ?? null }))
      .catch(() => {
        identity = null;
        return null;
      }));
  const expired = () => sessionStorage.getItem(SIGNED_IN) === '1';

  return {
    async login({ email, password }) {
      try {
        await client.login({ email, password });
        sessionStorage.setItem(SIGNED_IN, '1');
        identity = null;
        onIdentityChange();
        return { success: true, redirectTo: '/' };
      } catch (error) {
        const e = toHttpError(error);
        return { success: false, error: { name: t(e.statusCode === 0 ? 'auth.network' : 'auth.failed'), message: e.statusCode === 0 ? '' : e.message } };
      }
    },
    async logout() {
      await client.logout().catch(() => undefined);
      sessionStorage.removeItem(SIGNED_IN);
      identity = null;
      onIdentityChange();
      return { success: true, redirectTo: '/login' };
    },
    async check() {
      if (await me()) return { authenticated: true };
      const wasSignedIn = expired();
      sessionStorage.removeItem(SIGNED_IN);
      return { authenticated: false, logout: true, redirectTo: wasSignedIn ? EXPIRED_REDIRECT : '/login', error: { name: t(wasSignedIn ? 'auth.expired' : 'auth.required'), message: '' } };
    },
    async onError(error) {
      // 401: the session is gone (expired, revoked). 403 is a refusal of one action, not a logout.
      if (error?.statusCode === 401) {
        identity = null;
        sessionStorage.removeItem(SIGNED_IN);
        return { logout: true, redirectTo: EXPIRED_REDIRECT, error: { name: t('auth.expired'), message: '' } };
      }
      return {};
    },
    getIdentity: () => me(),
  };
}
