import { describe, expect, it } from 'vitest';
import { makeCalendar } from '../../extensions/kernel/working-days.ts';
import { CALENDAR_2026 } from '../calendar-2026.ts';
import { countOf, spread, stream, uuidFrom, weighted } from './draw.ts';
import { DAY, GROWTH, HOUR, inOfficeHours, instantInWindow, officeInstant, windowOf, workingDays } from './time.ts';

const calendar = makeCalendar(CALENDAR_2026);

describe('drawing', () => {
  it('gives the same numbers for the same seed and name, others for another', () => {
    const a = stream(1, 'matters', 5);
    const b = stream(1, 'matters', 5);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
    expect(stream(1, 'matters', 6)()).not.toBe(stream(1, 'matters', 5)());
    expect(stream(2, 'matters', 5)()).not.toBe(stream(1, 'matters', 5)());
  });

  it('keeps means and shares', () => {
    const rnd = stream(3, 'test');
    const n = 20_000;
    const factors = Array.from({ length: n }, () => spread(rnd, 0.35));
    expect(factors.reduce((x, y) => x + y, 0) / n).toBeCloseTo(1, 1);
    expect(Array.from({ length: n }, () => countOf(rnd, 0.3)).reduce((x, y) => x + y, 0) / n).toBeCloseTo(0.3, 1);
    expect(Array.from({ length: n }, () => weighted(rnd, { a: 0.8, b: 0.2 })).filter((k) => k === 'a').length / n).toBeCloseTo(0.8, 1);
    expect(uuidFrom(rnd)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('time in the Pukou-scale data', () => {
  const window = windowOf(new Date('2026-12-04T10:00:00Z'), 3);

  it('spans three years, busier towards the end', () => {
    expect(window.start.toISOString()).toBe('2023-12-04T10:00:00.000Z');
    const rnd = stream(1, 'window');
    const span = window.end.getTime() - window.start.getTime();
    const xs = Array.from({ length: 20_000 }, () => (instantInWindow(rnd, window).getTime() - window.start.getTime()) / span);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThanOrEqual(1);
    const early = xs.filter((x) => x < 0.1).length;
    const late = xs.filter((x) => x > 0.9).length;
    expect(late / early).toBeGreaterThan(GROWTH * 0.85);
    expect(late / early).toBeLessThan(GROWTH * 1.15);
  });

  it('moves office work out of nights, weekends and holidays into office hours, one time in ten left as overtime', () => {
    const rnd = stream(1, 'office');
    const saturdayNight = Date.parse('2026-10-03T14:00:00Z'); // 22:00 in China, in the National Day holiday
    const moved = Array.from({ length: 2000 }, () => officeInstant(rnd, calendar, saturdayNight));
    const kept = moved.filter((t) => t === saturdayNight).length / moved.length;
    expect(kept).toBeGreaterThan(0.05);
    expect(kept).toBeLessThan(0.15);
    for (const t of moved.filter((x) => x !== saturdayNight)) {
      expect(inOfficeHours(calendar, t)).toBe(true);
      expect(t).toBeGreaterThan(saturdayNight);
      expect(t - saturdayNight).toBeLessThan(8 * DAY);
    }
    const tuesday = Date.parse('2026-12-01T03:00:00Z') + HOUR; // 12:00 in China
    expect(officeInstant(rnd, calendar, tuesday)).toBe(tuesday);
    // 国庆节 1–7 October off; the 10th, a Saturday, worked instead.
    expect(workingDays(calendar, { start: new Date('2026-09-30T16:00:00Z'), end: new Date('2026-10-11T12:00:00Z') })).toEqual([
      '2026-10-08',
      '2026-10-09',
      '2026-10-10',
    ]);
  });
});
