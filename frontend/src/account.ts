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
  /** An administrator who must set up two-factor sign-in first. */
  must_setup_tfa: boolean;
  tfa_enabled: boolean;
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
  return (await postAccount<{ message?: string }>('password', { current_password: current, password: next }))?.message ?? '';
}

/** Whether the new password keeps the rule (the server holds the same rule). */
export const keepsPasswordRule = (password: string): boolean => passwordProblem(password) === null;

/** The account's status for a screen; `signedOut` is called when no one is signed in. */
export function useAccountStatus(signedOut: () => void): AccountStatus | null {
  const [status, setStatus] = useState<AccountStatus | null>(null);
  useEffect(() => {
    // A busy server or a moment without network is not a sign-out: asked again, three times, before giving up.
    const ask = (left: number): Promise<void> =>
      accountStatus()
        .then((found) => (found ? setStatus(found) : signedOut()))
        .catch(() => (left > 0 ? new Promise((wait) => setTimeout(wait, 1000)).then(() => ask(left - 1)) : signedOut()));
    void ask(3);
    // Asked once per screen.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return status;
}

/** Posts to /account/… and resolves with the answer's data, or rejects with the server's reason. */
async function postAccount<T>(path: string, body: unknown): Promise<T> {
  const res = await fetch(`${apiUrl}/account/${path}`, {
    method: 'POST',
    credentials: 'include',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = (await res.json().catch(() => null)) as { data?: T; errors?: { message?: string }[] } | null;
  if (!res.ok) throw new Error(answer?.errors?.[0]?.message ?? `HTTP ${res.status}`);
  return answer?.data as T;
}

/** A new one-time-code secret for the owner (not in force until enabled). */
export const generateTfa = (password: string) => postAccount<{ secret: string; otpauth_url: string }>('tfa/generate', { password });

/** Puts the secret in force once a code of it is right. */
export const enableTfa = (secret: string, otp: string) => postAccount<{ message: string }>('tfa/enable', { secret, otp });

/** One step of an account screen at a time: busy while it runs, its failure's reason shown. */
export function useAccountStep(): { busy: boolean; failure: string | null; run: (work: () => Promise<void>) => Promise<void> } {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setFailure(null);
    try {
      await work();
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  return { busy, failure, run };
}
