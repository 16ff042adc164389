import { describe, expect, it } from 'vitest';
import { storedDate } from '../../kernel/db-values.ts';
import { monthlyLines, monthRange } from './activity.ts';

describe('monthly activity', () => {
  it('knows the days of a month, leap years included, and refuses anything else', () => {
    expect(monthRange('2026-11')).toEqual({ first: '2026-11-01', last: '2026-11-30' });
    expect(monthRange('2028-02')).toEqual({ first: '2028-02-01', last: '2028-02-29' });
    expect(monthRange('2026-13')).toBeNull();
    expect(monthRange('2026-1')).toBeNull();
    expect(monthRange(undefined)).toBeNull();
  });

  it('lists every unit, counts the shortfall against ten, and notes the monthly meeting', () => {
    const units = [
      { id: 1, name: '江浦街道', level: 'street' },
      { id: 2, name: '求雨山社区', level: 'community' },
      { id: 3, name: '象山社区', level: 'community' },
    ];
    const lines = monthlyLines(units, [
      { unit: 2, count: 12, meetings: 2, regular_meetings: 1 },
      { unit: 1, count: 7, meetings: 1, regular_meetings: 0 },
    ]);
    expect(lines.map((l) => [l.name, l.count, l.shortfall, l.regular_meeting_held])).toEqual([
      ['江浦街道', 7, 3, false],
      ['求雨山社区', 12, 0, true],
      ['象山社区', 0, 10, false],
    ]);
  });

  it('compares dates as each database stores them', () => {
    expect(storedDate('pg', '2026-11-01')).toBe('2026-11-01');
    expect(storedDate('sqlite3', '2026-11-01')).toBe(Date.UTC(2026, 10, 1));
  });
});
