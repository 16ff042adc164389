import { describe, expect, it } from 'vitest';
import { CALENDAR_2026 } from '../../seed/calendar-2026.ts';
import {
  addDuration,
  type Calendar,
  type CalendarDay,
  isWorkingDay,
  lightAt,
  localDayStart,
  localDateOf,
  makeCalendar,
  pointOfAllowedTime,
  pointInWorkingTime,
  workingTimeBetween,
  YELLOW_FROM,
  type DurationUnit,
} from './working-days.ts';

// Every instant is written with its +08:00 offset, so the machine's zone cannot matter.
const cst = (local: string) => new Date(`${local}+08:00`);
const HOUR = 3_600_000;
/** The light of a deadline counted from `start`, as a matter's stored yellow_at makes it. */
const light = (calendar: Calendar, start: Date, due: Date, now: Date, unit: DurationUnit) =>
  lightAt(due, pointOfAllowedTime(calendar, start, due, YELLOW_FROM, unit), now);

const calendar = makeCalendar(CALENDAR_2026);
const office = makeCalendar(CALENDAR_2026, { start: '08:30', end: '17:30' });

describe('the 2026 calendar', () => {
  it('holds the notice: 33 holiday dates and 6 make-up working days', () => {
    expect(CALENDAR_2026.filter((d) => d.kind === 'holiday')).toHaveLength(3 + 9 + 3 + 5 + 3 + 3 + 7);
    expect(CALENDAR_2026.filter((d) => d.kind === 'workday').map((d) => d.date)).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    expect(CALENDAR_2026.find((d) => d.date === '2026-02-17')?.name).toBe('春节');
  });

  it.each([
    ['2026-01-01', false, 'Thu, 元旦'],
    ['2026-01-03', false, 'Sat, 元旦'],
    ['2026-01-04', true, 'Sun, 元旦调休上班'],
    ['2026-01-05', true, 'Mon'],
    ['2026-01-10', false, 'Sat'],
    ['2026-02-14', true, 'Sat, 春节调休上班'],
    ['2026-02-16', false, 'Mon, 春节'],
    ['2026-02-23', false, 'Mon, 春节'],
    ['2026-02-24', true, 'Tue'],
    ['2026-02-28', true, 'Sat, 春节调休上班'],
    ['2026-05-01', false, 'Fri, 劳动节'],
    ['2026-05-09', true, 'Sat, 劳动节调休上班'],
    ['2026-06-19', false, 'Fri, 端午节'],
    ['2026-09-20', true, 'Sun, 国庆节调休上班'],
    ['2026-09-25', false, 'Fri, 中秋节'],
    ['2026-10-08', true, 'Thu'],
    ['2026-10-10', true, 'Sat, 国庆节调休上班'],
    ['2026-10-11', false, 'Sun'],
  ])('%s is a working day: %s (%s)', (date, working) => expect(isWorkingDay(calendar, date)).toBe(working));
});

describe('working-day deadlines end at the end of the N-th working day after the start day', () => {
  it.each([
    // Fri: Sat and Sun do not work; Mon 11-30 is the 1st → 24:00 Mon.
    ['2026-11-27T10:00', 1, '2026-12-01T00:00'],
    // Sat: the start day never counts; Mon is still the 1st.
    ['2026-11-28T10:00', 1, '2026-12-01T00:00'],
    // One minute before midnight on Friday is still Friday.
    ['2026-11-27T23:59', 1, '2026-12-01T00:00'],
    // Mon 07:00 local is Sun 23:00 UTC; the start day is Monday, so Tue is the 1st.
    ['2026-11-30T07:00', 1, '2026-12-02T00:00'],
    // Wed 09-30: Oct 1–7 holidays; Thu 10-08 is the 1st.
    ['2026-09-30T10:00', 1, '2026-10-09T00:00'],
    // Wed 09-30: 10-08 Thu, 10-09 Fri, 10-10 Sat (调休), 10-12 Mon, 10-13 Tue is the 5th.
    ['2026-09-30T10:00', 5, '2026-10-14T00:00'],
    // …then 10-14 Wed, 10-15 Thu, 10-16 Fri, 10-19 Mon, 10-20 Tue is the 10th.
    ['2026-09-30T10:00', 10, '2026-10-21T00:00'],
    // Started on a holiday (Sat 10-03): 10-04..07 holidays; Thu 10-08 is the 1st.
    ['2026-10-03T09:00', 1, '2026-10-09T00:00'],
    // Started on 国庆 day (Thu 10-01): 10-08 Thu, 10-09 Fri, 10-10 Sat (调休) is the 3rd.
    ['2026-10-01T09:00', 3, '2026-10-11T00:00'],
    // Fri 02-13: Sat 02-14 (调休) is the 1st.
    ['2026-02-13T10:00', 1, '2026-02-15T00:00'],
    // Fri 02-13: 02-14 Sat, [02-15..23 春节], 02-24 Tue, 02-25, 02-26, 02-27 Fri is the 5th.
    ['2026-02-13T10:00', 5, '2026-02-28T00:00'],
    // …then 02-28 Sat (调休), 03-02 Mon, 03-03, 03-04, 03-05 Thu is the 10th.
    ['2026-02-13T10:00', 10, '2026-03-06T00:00'],
    // Thu 04-30: [05-01..05 劳动节], 05-06 Wed, 05-07, 05-08 Fri, 05-09 Sat (调休), 05-11 Mon is the 5th.
    ['2026-04-30T15:00', 5, '2026-05-12T00:00'],
    // Fri 09-18: Sat 09-19 rests, Sun 09-20 (调休) is the 1st, Mon 09-21 the 2nd.
    ['2026-09-18T16:00', 2, '2026-09-22T00:00'],
    // Wed 12-30: 12-31 Thu is the 1st; 2027 is not yet in the calendar, so Fri 2027-01-01 is the 2nd.
    ['2026-12-30T10:00', 2, '2027-01-02T00:00'],
  ])('given %s with %i working days → due %s', (start, amount, due) => {
    expect(addDuration(calendar, cst(start), { amount, unit: 'working_days' })).toEqual(cst(due));
  });

  it.each([
    // Office hours 08:30–17:30: the day ends at its close.
    ['2026-11-27T10:00', 1, '2026-11-30T17:30'],
    // Friday after the close: still Monday's close.
    ['2026-11-27T20:00', 1, '2026-11-30T17:30'],
    ['2026-09-30T10:00', 1, '2026-10-08T17:30'],
    ['2026-02-13T10:00', 5, '2026-02-27T17:30'],
  ])('with office hours, given %s with %i working days → due %s', (start, amount, due) => {
    expect(addDuration(office, cst(start), { amount, unit: 'working_days' })).toEqual(cst(due));
  });
});

describe('minutes and hours are wall-clock time', () => {
  it.each([
    // Emergencies do not stop for the weekend or the holidays.
    ['2026-11-27T20:00', 24, 'hours', '2026-11-28T20:00'],
    ['2026-11-27T23:00', 2, 'hours', '2026-11-28T01:00'],
    ['2026-10-01T09:00', 90, 'minutes', '2026-10-01T10:30'],
    ['2026-10-01T09:00', 0, 'minutes', '2026-10-01T09:00'],
  ] as const)('given %s, %d %s → due %s', (start, amount, unit, due) => {
    expect(addDuration(office, cst(start), { amount, unit })).toEqual(cst(due));
  });
});

describe('working time between two instants', () => {
  it.each([
    // Fri 18:00–24:00 and Mon 00:00–06:00; the weekend does not count.
    [calendar, '2026-11-27T18:00', '2026-11-30T06:00', 12],
    // Both ends outside office hours.
    [office, '2026-11-27T18:00', '2026-11-30T06:00', 0],
    // Fri 13:30–17:30 and Mon 08:30–10:00.
    [office, '2026-11-27T13:30', '2026-11-30T10:00', 4 + 1.5],
    // Fri 02-13 and Sat 02-14 (调休) whole, 春节 none, Tue 02-24 whole.
    [calendar, '2026-02-13T00:00', '2026-02-25T00:00', 72],
    // Backwards is nothing.
    [calendar, '2026-11-30T06:00', '2026-11-27T18:00', 0],
  ] as [Calendar, string, string, number][])('from %#: %s to %s is %i h', (cal, from, to, hours) => {
    expect(workingTimeBetween(cal, cst(from), cst(to))).toBe(hours * HOUR);
  });
});

describe('warning milestones at fractions of the allowed time', () => {
  it.each([
    // Fri 00:00 + 1 working day → due Tue 00:00; working time Fri 24 h + Mon 24 h = 48 h.
    // 50% = 24 h: the close of Friday, which is the instant Sat 00:00, not Mon 00:00.
    [calendar, '2026-11-27T00:00', '2026-12-01T00:00', 0.5, '2026-11-28T00:00'],
    // 75% = 36 h: Fri 24 h + Mon 12 h.
    [calendar, '2026-11-27T00:00', '2026-12-01T00:00', 0.75, '2026-11-30T12:00'],
    // Fri 12:00 + 2 working days → due Wed 00:00; Fri 12 h + Mon 24 h + Tue 24 h = 60 h.
    // 50% = 30 h: Fri 12 h + Mon 18 h; 75% = 45 h: Fri 12 h + Mon 24 h + Tue 9 h.
    [calendar, '2026-11-27T12:00', '2026-12-02T00:00', 0.5, '2026-11-30T18:00'],
    [calendar, '2026-11-27T12:00', '2026-12-02T00:00', 0.75, '2026-12-01T09:00'],
    // Office hours: Fri 13:30 + 1 working day → due Mon 17:30; Fri 4 h + Mon 9 h = 13 h.
    // 50% = 6.5 h: Fri 4 h + Mon 2.5 h from 08:30; 75% = 9.75 h: Fri 4 h + Mon 5.75 h.
    [office, '2026-11-27T13:30', '2026-11-30T17:30', 0.5, '2026-11-30T11:00'],
    [office, '2026-11-27T13:30', '2026-11-30T17:30', 0.75, '2026-11-30T14:15'],
    // Across 春节: Fri 02-13 + 2 working days → 02-14 Sat, 02-24 Tue → due Wed 02-25 00:00.
    // 72 h in all; 75% = 54 h: Fri 24 h + Sat 24 h + Tue 6 h.
    [calendar, '2026-02-13T00:00', '2026-02-25T00:00', 0.75, '2026-02-24T06:00'],
    // The ends.
    [calendar, '2026-11-27T12:00', '2026-12-02T00:00', 0, '2026-11-27T12:00'],
    [calendar, '2026-11-27T12:00', '2026-12-02T00:00', 1, '2026-12-02T00:00'],
  ] as [Calendar, string, string, number, string][])('%#: from %s to %s, %d is reached at %s', (cal, start, due, fraction, at) => {
    expect(pointInWorkingTime(cal, cst(start), cst(due), fraction)).toEqual(cst(at));
    expect(pointOfAllowedTime(cal, cst(start), cst(due), fraction, 'working_days')).toEqual(cst(at));
  });

  it('counts hours and minutes on the wall clock, weekend included', () => {
    // Fri 20:00 + 24 h → Sat 20:00; half is Sat 08:00, three quarters Sat 14:00.
    const [start, due] = [cst('2026-11-27T20:00'), cst('2026-11-28T20:00')];
    expect(pointOfAllowedTime(calendar, start, due, 0.5, 'hours')).toEqual(cst('2026-11-28T08:00'));
    expect(pointOfAllowedTime(calendar, start, due, 0.75, 'hours')).toEqual(cst('2026-11-28T14:00'));
    expect(pointOfAllowedTime(office, start, due, 0.75, 'minutes')).toEqual(cst('2026-11-28T14:00'));
  });
});

describe('the light: green < 75%, yellow 75%..<100%, red from due through that local date, then overdue', () => {
  // Fri 00:00 + 1 working day → due Tue 00:00 (end of Mon); 75% at Mon 12:00 (see above).
  it.each([
    ['2026-11-27T00:00', 'green'],
    ['2026-11-28T10:00', 'green'], // over half, but the weekend is not working time
    ['2026-11-30T11:59:59.999', 'green'],
    ['2026-11-30T12:00', 'yellow'],
    ['2026-11-30T23:59:59.999', 'yellow'],
    ['2026-12-01T00:00', 'red'], // due: 24:00 Monday is Tuesday 00:00
    ['2026-12-01T23:59:59.999', 'red'],
    ['2026-12-02T00:00', 'overdue'],
    ['2026-12-20T09:00', 'overdue'],
  ])('working days, no office hours: at %s it is %s', (now, expected) => {
    expect(light(calendar, cst('2026-11-27T00:00'), cst('2026-12-01T00:00'), cst(now), 'working_days')).toBe(expected);
  });

  // Office hours: Fri 13:30 + 1 working day → due Mon 17:30; 75% at Mon 14:15.
  it.each([
    ['2026-11-30T14:14:59.999', 'green'],
    ['2026-11-30T14:15', 'yellow'],
    ['2026-11-30T17:29:59.999', 'yellow'],
    ['2026-11-30T17:30', 'red'],
    ['2026-11-30T23:59:59.999', 'red'],
    ['2026-12-01T00:00', 'overdue'],
  ])('working days, office hours: at %s it is %s', (now, expected) => {
    expect(light(office, cst('2026-11-27T13:30'), cst('2026-11-30T17:30'), cst(now), 'working_days')).toBe(expected);
  });

  // Fri 20:00 + 24 h → due Sat 20:00; 75% at Sat 14:00.
  it.each([
    ['2026-11-28T13:59', 'green'],
    ['2026-11-28T14:00', 'yellow'],
    ['2026-11-28T20:00', 'red'],
    ['2026-11-28T23:59', 'red'],
    ['2026-11-29T00:00', 'overdue'],
  ])('hours: at %s it is %s', (now, expected) => {
    expect(light(calendar, cst('2026-11-27T20:00'), cst('2026-11-28T20:00'), cst(now), 'hours')).toBe(expected);
  });
});

describe('the light from a stored yellow instant, and the local day', () => {
  const due = cst('2026-11-30T17:30');
  const yellow = cst('2026-11-30T14:15');
  it.each([
    ['2026-11-30T14:14', 'green'],
    ['2026-11-30T14:15', 'yellow'],
    ['2026-11-30T17:30', 'red'],
    ['2026-11-30T23:59:59.999', 'red'],
    ['2026-12-01T00:00', 'overdue'],
  ])('lightAt at %s is %s', (now, expected) => expect(lightAt(due, yellow, cst(now))).toBe(expected));

  it('starts the local (China) day at its midnight, whatever the instant', () => {
    expect(localDayStart(cst('2026-11-30T23:59:59.999'))).toEqual(cst('2026-11-30T00:00'));
    expect(localDayStart(cst('2026-12-01T00:00'))).toEqual(cst('2026-12-01T00:00'));
    expect(localDayStart(new Date('2026-11-30T16:30:00Z'))).toEqual(cst('2026-12-01T00:00'));
  });
});

describe('malformed input is refused', () => {
  it.each([
    [[{ date: '2026-02-30', kind: 'holiday' }], '“2026-02-30”无效'],
    [[{ date: '2026-2-3', kind: 'holiday' }], '“2026-2-3”无效'],
    [[{ date: '2026-10-01T00:00', kind: 'holiday' }], '无效'],
    [[{ date: '2026-10-01', kind: 'rest' }], '类型“rest”无效'],
    [
      [
        { date: '2026-10-10', kind: 'workday' },
        { date: '2026-10-10', kind: 'holiday' },
      ],
      '2026-10-10 既登记为节假日又登记为调休上班日',
    ],
  ])('calendar rows %j', (rows, message) => {
    expect(() => makeCalendar(rows as CalendarDay[])).toThrow(message);
  });

  it('accepts the same date listed twice with the same kind', () => {
    const cal = makeCalendar([
      { date: '2026-10-01', kind: 'holiday', name: '国庆节' },
      { date: '2026-10-01', kind: 'holiday' },
    ]);
    expect(isWorkingDay(cal, '2026-10-01')).toBe(false);
  });

  it.each([
    [{ start: '8:30', end: '17:30' }, '“8:30”无效'],
    [{ start: '08:30', end: '24:00' }, '“24:00”无效'],
    [{ start: '17:30', end: '08:30' }, '结束（08:30）应晚于开始（17:30）'],
    [{ start: '08:30', end: '08:30' }, '应晚于开始'],
  ])('office hours %j', (hours, message) => expect(() => makeCalendar([], hours)).toThrow(message));

  const start = cst('2026-11-27T10:00');
  it.each([
    [0, 'working_days', '工作日时限应为正整数'],
    [-1, 'working_days', '工作日时限应为正整数'],
    [1.5, 'working_days', '工作日时限应为正整数'],
    [Number.NaN, 'working_days', '工作日时限应为正整数'],
    [-5, 'hours', '时限不能为负数'],
    [-1, 'minutes', '时限不能为负数'],
    [Number.POSITIVE_INFINITY, 'hours', '时限不能为负数'],
    [1, 'days', '时限单位“days”无效'],
  ])('a duration of %d %s', (amount, unit, message) => {
    expect(() => addDuration(calendar, start, { amount, unit } as never)).toThrow(message);
  });

  it('refuses a bad date, an invalid instant and a fraction outside [0, 1]', () => {
    expect(() => isWorkingDay(calendar, '2026-13-01')).toThrow('无效');
    expect(() => addDuration(calendar, new Date('yesterday'), { amount: 1, unit: 'hours' })).toThrow('not a valid Date');
    expect(() => pointOfAllowedTime(calendar, start, start, 1.5, 'hours')).toThrow('fraction');
    expect(() => pointInWorkingTime(calendar, start, start, -0.1)).toThrow('fraction');
  });
});

describe("the machine's time zone does not matter", () => {
  it.each(['UTC', 'America/New_York', 'Asia/Shanghai', 'Pacific/Kiritimati'])('under TZ=%s', (zone) => {
    const saved = process.env.TZ;
    process.env.TZ = zone;
    try {
      // Mon 07:00 local is Sunday in UTC and in New York; Monday is still the start day.
      expect(localDateOf(cst('2026-11-30T07:00'))).toBe('2026-11-30');
      expect(addDuration(calendar, cst('2026-11-30T07:00'), { amount: 1, unit: 'working_days' })).toEqual(cst('2026-12-02T00:00'));
      expect(addDuration(office, cst('2026-09-30T23:30'), { amount: 1, unit: 'working_days' })).toEqual(cst('2026-10-08T17:30'));
      expect(isWorkingDay(calendar, '2026-10-10')).toBe(true);
      expect(light(calendar, cst('2026-11-27T00:00'), cst('2026-12-01T00:00'), cst('2026-12-01T23:59'), 'working_days')).toBe('red');
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});
