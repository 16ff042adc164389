import { describe, expect, it } from 'vitest';
import { before, changeOf, lastMonths, monthsOf, parseSpan, yearEarlier } from './span.ts';

describe('statistics spans', () => {
  it('read a month, a quarter, a half year, a year and a range of months in Beijing time', () => {
    expect(parseSpan('2026-11')).toMatchObject({ from: '2026-11', to: '2026-11', months: 1, first: '2026-11-01', last: '2026-11-30' });
    expect(parseSpan('2026-Q4')).toMatchObject({ from: '2026-10', to: '2026-12', months: 3, end: new Date('2026-12-31T16:00:00Z') });
    expect(parseSpan('2026-Q1')).toMatchObject({ from: '2026-01', to: '2026-03', start: new Date('2025-12-31T16:00:00Z') });
    expect(parseSpan('2026-H2')).toMatchObject({ from: '2026-07', to: '2026-12', months: 6 });
    expect(parseSpan('2026')).toMatchObject({ from: '2026-01', to: '2026-12', months: 12 });
    expect(parseSpan('2025-11..2026-02')).toMatchObject({ from: '2025-11', to: '2026-02', months: 4, last: '2026-02-28' });
  });

  it.each([['2026-13'], ['2026-Q5'], ['2026-11..2026-10'], ['2020-01..2026-01'], ['2026-1'], [''], [null], [2026], [{ key: '2026' }]])(
    'refuse %j',
    (key) => {
      expect(parseSpan(key)).toBeNull();
    },
  );

  it('give the span before (环比) and the same months a year earlier (同比)', () => {
    expect(before(parseSpan('2026-01')!).key).toBe('2025-12');
    expect(before(parseSpan('2026-Q1')!)).toMatchObject({ from: '2025-10', to: '2025-12' });
    expect(before(parseSpan('2026-09..2026-11')!).key).toBe('2026-06..2026-08');
    expect(yearEarlier(parseSpan('2026-Q4')!)).toMatchObject({ from: '2025-10', to: '2025-12' });
    expect(yearEarlier(parseSpan('2026-02')!).last).toBe('2025-02-28');
  });

  it('say the change in percent, none against zero', () => {
    expect(changeOf(120, 100)).toBe(20);
    expect(changeOf(90, 120)).toBe(-25);
    expect(changeOf(5, 0)).toBeNull();
    expect(changeOf(5, null)).toBeNull();
    expect(changeOf(1, 3)).toBe(-66.7);
  });

  it('split a span into its months, and name the last months up to an instant in Beijing time', () => {
    expect(monthsOf(parseSpan('2025-11..2026-02')!).map((m) => m.key)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    // 31 December 17:00 UTC is already January in Beijing.
    expect(lastMonths(new Date('2026-12-31T17:00:00Z'), 12)).toMatchObject({ from: '2026-02', to: '2027-01', months: 12 });
    expect(lastMonths(new Date('2026-12-03T00:00:00Z'), 1).key).toBe('2026-12');
  });
});
