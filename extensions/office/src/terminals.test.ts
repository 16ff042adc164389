import { describe, expect, it } from 'vitest';
import { handoverComplete, loginChannel, lossReportedInTime, workingDaysOf } from './terminals.ts';

describe('terminal rules', () => {
  it('a loss reported within 24 hours is on time, a minute later it is not', () => {
    const lost = new Date('2026-11-25T20:00:00+08:00');
    expect(lossReportedInTime(lost, new Date('2026-11-26T20:00:00+08:00'))).toBe(true);
    expect(lossReportedInTime(lost, new Date('2026-11-26T20:01:00+08:00'))).toBe(false);
  });

  it('a handover completes only with both confirmations', () => {
    expect(handoverComplete({ from_confirmed_at: 1, to_confirmed_at: null })).toBe(false);
    expect(handoverComplete({ from_confirmed_at: null, to_confirmed_at: 1 })).toBe(false);
    expect(handoverComplete({ from_confirmed_at: 1, to_confirmed_at: 2 })).toBe(true);
  });

  it('tells a phone from a PC by the user agent', () => {
    expect(loginChannel('Mozilla/5.0 (Linux; Android 14; V2309A) AppleWebKit/537.36 Mobile Safari/537.36')).toBe('phone');
    expect(loginChannel('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)')).toBe('phone');
    expect(loginChannel('Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120.0')).toBe('pc');
    expect(loginChannel(undefined)).toBe('pc');
  });

  it('counts the working days of a month up to today', () => {
    const weekdays = (d: string) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()) && d !== '2026-10-01';
    expect(workingDaysOf('2026-10', '2026-10-09', weekdays)).toEqual([
      '2026-10-02',
      '2026-10-05',
      '2026-10-06',
      '2026-10-07',
      '2026-10-08',
      '2026-10-09',
    ]);
    expect(workingDaysOf('2026-13', '2026-10-09', weekdays)).toEqual([]);
  });
});
