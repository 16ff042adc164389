// 登录失败处理 (等保 2.0 三级): what failed logins lead to. Pure; the hook in
// extensions/login-guard reads and writes the counts.
//
// - An account's consecutive failures (wrong password, wrong one-time code) are
//   counted; at `login_max_failures` the account is locked for `login_lock_minutes`
//   and its count starts again. A lock ends by itself, or when the unit's system
//   administrator clears it; the account stays active (Directus's own rule, which
//   suspended an account for good after 25 failures, is off).
// - Failures from one address are counted over `address_window_minutes`; at
//   `address_max_failures` that address may not try again until the window ends,
//   whichever account it names, so that guessing across many accounts is slowed
//   too. Only failures count: people in one office behind one address who type
//   their passwords right are never held.

import { SECURITY_DEFAULTS, SECURITY_SETTINGS, type SecuritySettings } from '../../schema/collections/security-settings.ts';

const MINUTE = 60_000;

/** The settings row as stored, each value inside its range, the default where missing or wrong. */
export function securitySettingsOf(row: Record<string, unknown> | null | undefined): SecuritySettings {
  const settings = { ...SECURITY_DEFAULTS };
  for (const [key, range] of Object.entries(SECURITY_SETTINGS) as [keyof SecuritySettings, { min: number; max: number }][]) {
    const value = Number(row?.[key]);
    if (row?.[key] !== null && row?.[key] !== undefined && Number.isInteger(value) && value >= range.min && value <= range.max)
      settings[key] = value;
  }
  return settings;
}

export interface FailureOutcome {
  /** The count to store. */
  failures: number;
  /** Set when this failure locks the account. */
  lockedUntil: Date | null;
}

/** What one more failure does to an account that had `failuresBefore`. */
export function afterFailure(failuresBefore: number, settings: SecuritySettings, now: Date): FailureOutcome {
  const failures = Math.max(0, failuresBefore) + 1;
  if (failures < settings.login_max_failures) return { failures, lockedUntil: null };
  return { failures: 0, lockedUntil: new Date(now.getTime() + settings.login_lock_minutes * MINUTE) };
}

/** Whether an account locked until `lockedUntil` is locked at `now`. */
export const isLocked = (lockedUntil: Date | null, now: Date): boolean => lockedUntil !== null && lockedUntil.getTime() > now.getTime();

/** A moment as office staff read it: Beijing time, to the minute. */
export function beijingTime(at: Date): string {
  const local = new Date(at.getTime() + 8 * 60 * MINUTE);
  return local.toISOString().slice(0, 16).replace('T', ' ');
}

/** What a locked account is told, however it tries. */
export function lockedMessage(lockedUntil: Date, settings: SecuritySettings): string {
  return `账号因连续 ${settings.login_max_failures} 次登录失败已被锁定，请于 ${beijingTime(lockedUntil)} 后再试，或联系本单位系统管理员解锁`;
}

/** What an address that failed too often is told. */
export function addressLimitedMessage(settings: SecuritySettings): string {
  return `本地址登录失败次数过多，请 ${settings.address_window_minutes} 分钟后再试`;
}

/** What the unit's system administrators are told of a lock. */
export function lockNotice(who: string, lockedUntil: Date, settings: SecuritySettings, address: string | null) {
  return {
    subject: `账号锁定：${who}`,
    body: `${who} 连续 ${settings.login_max_failures} 次登录失败${address ? `（来自 ${address}）` : ''}，账号已锁定至 ${beijingTime(lockedUntil)}。如属本人遗忘密码，可在用户管理中清空“锁定至”解锁并重置密码；如非本人操作，请核查。`,
  };
}
