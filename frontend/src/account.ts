// 账号安全 in the app (office and phone alike): what the server says the signed-in
// owner must do first (修改密码: a password set by an administrator, or too old),
// and the change itself (POST /account/password). The session cookie goes with
// each request; after a change every session of the account ends, and the owner
// signs in afresh with the new password.

import { passwordProblem } from '../../extensions/kernel/password-rule.ts';
import { useEffect, useState } from 'react';
import { apiUrl } from './directus.ts';

export interface AccountStatus {
  email: string | null;
  must_change_password: boolean;
  /** Why the password must be changed now, in Chinese (the server's words). */
  reason: string | null;
  password_expires_at: string | null;
  /** The password rule, in Chinese. */
  password_rule: string;
}

/** Set when the password was just changed: the login page says to sign in with the new one. */
export const PASSWORD_CHANGED = 'zongzhi.password-changed';

/** The signed-in owner's account, or null when no one is signed in. */
export async function accountStatus(): Promise<AccountStatus | null> {
  const res = await fetch(`${apiUrl}/account/status`, { credentials: 'include' });
  if (res.status === 401 || res.status === 403) return null;
  if (!res.ok) throw new Error(`account status: ${res.status}`);
  return ((await res.json()) as { data: AccountStatus }).data;
}

/** Changes the password; resolves with the server's message, rejects with its reason. */
export async function changePassword(current: string, next: string): Promise<string> {
  const res = await fetch(`${apiUrl}/account/password`, {
    method: 'POST',
    credentials: 'include',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ current_password: current, password: next }),
  });
  const body = (await res.json().catch(() => null)) as { data?: { message?: string }; errors?: { message?: string }[] } | null;
  if (!res.ok) throw new Error(body?.errors?.[0]?.message ?? `HTTP ${res.status}`);
  return body?.data?.message ?? '';
}

/** Whether the new password keeps the rule (the server holds the same rule). */
export const keepsPasswordRule = (password: string): boolean => passwordProblem(password) === null;

/** The account's status for a screen; `signedOut` is called when no one is signed in. */
export function useAccountStatus(signedOut: () => void): AccountStatus | null {
  const [status, setStatus] = useState<AccountStatus | null>(null);
  useEffect(() => {
    accountStatus()
      .then((found) => (found ? setStatus(found) : signedOut()))
      .catch(signedOut);
    // Asked once per screen.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return status;
}
