import { describe, expect, it } from 'vitest';
import { daysEnded, lastClosed, localDay, monthsEnded, parsePeriod, periodOf, previous } from './period.ts';

describe('assessment periods', () => {
  it('reads a month, a half year and a year in Beijing time', () => {
    expect(parsePeriod('2026-11')).toMatchObject({
      type: 'month',
      first: '2026-11-01',
      last: '2026-11-30',
      start: new Date('2026-10-31T16:00:00Z'),
      end: new Date('2026-11-30T16:00:00Z'),
      label: '2026年11月',
    });
    expect(parsePeriod('2024-02')?.last).toBe('2024-02-29');
    expect(parsePeriod('2026-H2')).toMatchObject({ first: '2026-07-01', last: '2026-12-31', end: new Date('2026-12-31T16:00:00Z') });
    expect(parsePeriod('2026')).toMatchObject({ type: 'year', first: '2026-01-01', last: '2026-12-31', label: '2026年' });
  });

  it.each([['2026-13'], ['2026-H3'], ['26-11'], [''], [null], [{ key: '2026-11' }], ['2026-11 ']])('refuses %j', (key) => {
    expect(parsePeriod(key)).toBeNull();
  });

  it('places an instant by Beijing time: 23:30 on 30 November in Beijing is still November', () => {
    expect(periodOf('month', new Date('2026-11-30T15:30:00Z')).key).toBe('2026-11');
    expect(periodOf('month', new Date('2026-11-30T16:30:00Z')).key).toBe('2026-12');
    expect(periodOf('half_year', new Date('2026-06-30T16:00:00Z')).key).toBe('2026-H2');
  });

  it('names the period that closed (scored on the 1st) and the ones before it', () => {
    expect(lastClosed('month', new Date('2026-12-01T01:00:00Z')).key).toBe('2026-11');
    expect(lastClosed('month', new Date('2026-01-01T01:00:00Z')).key).toBe('2025-12');
    expect(lastClosed('half_year', new Date('2026-07-01T01:00:00Z')).key).toBe('2026-H1');
    expect(lastClosed('year', new Date('2027-01-01T01:00:00Z')).key).toBe('2026');
    expect(previous(parsePeriod('2026-02')!, 3).map((p) => p.key)).toEqual(['2026-01', '2025-12', '2025-11']);
  });

  it('counts the days and months a cut-off has ended, a day under way not among them', () => {
    const november = parsePeriod('2026-11')!;
    expect(localDay(new Date('2026-11-03T15:59:59Z'))).toBe('2026-11-03');
    expect(localDay(new Date('2026-11-03T16:00:00Z'))).toBe('2026-11-04');
    // At 10:00 on the 4th in Beijing: the 1st to the 3rd have ended.
    expect(daysEnded(november, new Date('2026-11-04T02:00:00Z'))).toEqual(['2026-11-01', '2026-11-02', '2026-11-03']);
    expect(daysEnded(november, november.end)).toHaveLength(30);
    expect(daysEnded(november, november.end, (d) => d.endsWith('0'))).toEqual(['2026-11-10', '2026-11-20', '2026-11-30']);
    expect(daysEnded(november, november.start)).toEqual([]);
    const half = parsePeriod('2026-H2')!;
    expect(monthsEnded(half, half.end)).toEqual(['2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12']);
    expect(monthsEnded(half, new Date('2026-09-30T15:59:00Z'))).toEqual(['2026-07', '2026-08']);
    expect(monthsEnded(half, new Date('2026-09-30T16:00:00Z'))).toEqual(['2026-07', '2026-08', '2026-09']);
    expect(monthsEnded(november, new Date('2026-11-20T00:00:00Z'))).toEqual([]);
  });
});
