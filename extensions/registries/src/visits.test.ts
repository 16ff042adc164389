import { describe, expect, it } from 'vitest';
import { nextVisitDue } from './visits.ts';

const TODAY = new Date('2026-11-27T02:00:00Z');

describe('the visit rhythm', () => {
  it('counts from the last service, on its day in China time', () => {
    // 2026-10-31 17:30 UTC is 2026-11-01 01:30 in Nanjing: 30 days later is 12-01.
    expect(nextVisitDue(new Date('2026-10-31T17:30:00Z'), '2026-01-01', 30, TODAY)).toBe('2026-12-01');
    expect(nextVisitDue(Date.parse('2026-11-20T02:00:00Z'), null, 7, TODAY)).toBe('2026-11-27');
  });

  it('counts from the start of management before any service, and from today without one', () => {
    expect(nextVisitDue(null, '2026-11-01', 15, TODAY)).toBe('2026-11-16');
    expect(nextVisitDue(null, null, 10, TODAY)).toBe('2026-12-07');
    expect(nextVisitDue(null, null, null, TODAY)).toBe('2026-12-27');
  });
});
