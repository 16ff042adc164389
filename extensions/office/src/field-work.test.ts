import { describe, expect, it } from 'vitest';
import { enteredBeforeEruption, resolutionRate } from './field-work.ts';

describe('field work rules', () => {
  it('flags an incident entered only after it erupted', () => {
    const entered = new Date('2026-11-20T09:00:00+08:00');
    expect(enteredBeforeEruption(entered, new Date('2026-11-21T08:00:00+08:00'))).toBe(true);
    expect(enteredBeforeEruption(entered, new Date('2026-11-19T18:00:00+08:00'))).toBe(false);
    expect(enteredBeforeEruption(entered, null)).toBeNull();
  });

  it('computes the resolution rate against 95 %', () => {
    expect(resolutionRate({ registered: 20, resolved: 19, overdue: 0, resolved_late: 2 })).toEqual({ rate: 0.95, meets_target: true });
    expect(resolutionRate({ registered: 3, resolved: 2, overdue: 1, resolved_late: 0 })).toEqual({ rate: 0.667, meets_target: false });
    expect(resolutionRate({ registered: 0, resolved: 0, overdue: 0, resolved_late: 0 })).toEqual({ rate: null, meets_target: null });
  });
});
