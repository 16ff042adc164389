import { describe, expect, it } from 'vitest';
import { SECURITY_DEFAULTS } from '../../schema/collections/security-settings.ts';
import { addressLimitedMessage, afterFailure, beijingTime, isLocked, lockedMessage, lockNotice, securitySettingsOf } from './login-rule.ts';

const NOW = new Date('2026-12-04T02:00:00Z');

describe('failed logins', () => {
  it('lock the account at the fifth failure for fifteen minutes, and count again from zero', () => {
    let failures = 0;
    for (let i = 1; i < 5; i++) {
      const outcome = afterFailure(failures, SECURITY_DEFAULTS, NOW);
      expect(outcome).toEqual({ failures: i, lockedUntil: null });
      failures = outcome.failures;
    }
    expect(afterFailure(failures, SECURITY_DEFAULTS, NOW)).toEqual({ failures: 0, lockedUntil: new Date('2026-12-04T02:15:00Z') });
  });

  it('follow the settings as stored', () => {
    const settings = securitySettingsOf({ login_max_failures: 3, login_lock_minutes: 60 });
    expect(afterFailure(1, settings, NOW).lockedUntil).toBeNull();
    expect(afterFailure(2, settings, NOW).lockedUntil).toEqual(new Date('2026-12-04T03:00:00Z'));
  });

  it('know when a lock holds', () => {
    expect(isLocked(null, NOW)).toBe(false);
    expect(isLocked(new Date('2026-12-04T02:00:01Z'), NOW)).toBe(true);
    expect(isLocked(NOW, NOW)).toBe(false);
  });
});

describe('security settings', () => {
  it('keep each value in its range and fall back to the default', () => {
    expect(securitySettingsOf(null)).toEqual(SECURITY_DEFAULTS);
    expect(
      securitySettingsOf({
        login_max_failures: 1,
        login_lock_minutes: '30',
        address_max_failures: 2.5,
        password_max_age_days: 0,
        password_history: null,
      }),
    ).toEqual({ ...SECURITY_DEFAULTS, login_lock_minutes: 30, password_max_age_days: 0 });
  });
});

describe('messages', () => {
  it('say until when, in Beijing time', () => {
    expect(beijingTime(new Date('2026-12-04T16:05:00Z'))).toBe('2026-12-05 00:05');
    expect(lockedMessage(new Date('2026-12-04T02:15:00Z'), SECURITY_DEFAULTS)).toBe(
      '账号因连续 5 次登录失败已被锁定，请于 2026-12-04 10:15 后再试，或联系本单位系统管理员解锁',
    );
    expect(addressLimitedMessage(SECURITY_DEFAULTS)).toBe('本地址登录失败次数过多，请 15 分钟后再试');
    expect(lockNotice('王芳', new Date('2026-12-04T02:15:00Z'), SECURITY_DEFAULTS, '10.1.2.3').body).toContain('来自 10.1.2.3');
  });
});
