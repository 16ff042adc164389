import { describe, expect, it } from 'vitest';
import { CALENDAR_2026 } from '../../../seed/calendar-2026.ts';
import { yellowAt, type TimedMatter } from './lights.ts';
import { milestonesOf } from './milestones.ts';
import { addDuration, makeCalendar } from '../../kernel/working-days.ts';

const calendar = makeCalendar(CALENDAR_2026);
const cst = (local: string) => new Date(`${local}+08:00`);

// 一般: sign for within 1 working day, complete within 5. Raised Fri 2026-11-27 09:00.
const raised = cst('2026-11-27T09:00:00');
const normal: TimedMatter = {
  status: 'handling',
  created: raised,
  received: raised,
  sign_due_at: cst('2026-12-01T00:00:00'),
  due_at: cst('2026-12-05T00:00:00'),
  sign_unit: 'working_days',
  complete_unit: 'working_days',
  paused: false,
};

describe('when the light turns yellow (临期时间)', () => {
  it('is the three_quarters reminder while the completion deadline runs', () => {
    // 75 % of the working time from Fri 09:00 to the end of Fri 12-04 (milestones.test.ts): Thu 12-03 14:15.
    expect(yellowAt(normal, calendar)).toEqual(cst('2026-12-03T14:15:00'));
    const reminder = milestonesOf({ id: 1, ...normal }, calendar).find((m) => m.kind === 'three_quarters')!;
    expect(yellowAt(normal, calendar)).toEqual(reminder.at);
    // Replied, back for verification, returned: still the completion deadline.
    for (const status of ['replied', 'pending_verification', 'returned'] as const)
      expect(yellowAt({ ...normal, status }, calendar)).toEqual(reminder.at);
  });

  it('measures working days in working time: a sign-for window over a weekend', () => {
    // Received Fri 10:00, sign for by the end of Mon: 14 h on Fri and 24 h on Mon; 75 % = 28.5 h, Mon 14:30.
    const received = cst('2026-11-27T10:00:00');
    const waiting = {
      ...normal,
      status: 'pending_sign' as const,
      received,
      sign_due_at: addDuration(calendar, received, { amount: 1, unit: 'working_days' }),
    };
    expect(waiting.sign_due_at).toEqual(cst('2026-12-01T00:00:00'));
    expect(yellowAt(waiting, calendar)).toEqual(cst('2026-11-30T14:30:00'));
  });

  it('measures working days in working time: a sign-for window over the National Day holiday', () => {
    // Received Wed 09-30 16:00; 10-01…10-07 off, so sign for by the end of Thu 10-08:
    // 8 h on 09-30 and 24 h on 10-08; 75 % = 24 h, 16 h into 10-08 (wall clock would say 10-06 22:00).
    const received = cst('2026-09-30T16:00:00');
    const waiting = {
      ...normal,
      status: 'pending_acceptance' as const,
      received,
      sign_due_at: addDuration(calendar, received, { amount: 1, unit: 'working_days' }),
    };
    expect(waiting.sign_due_at).toEqual(cst('2026-10-09T00:00:00'));
    expect(yellowAt(waiting, calendar)).toEqual(cst('2026-10-08T16:00:00'));
  });

  it('measures minutes and hours on the wall clock, weekend or not', () => {
    // 特急 raised Sat 10:00: sign for within 30 minutes, complete within 2 hours.
    const at = cst('2026-11-28T10:00:00');
    const urgent: TimedMatter = {
      ...normal,
      status: 'pending_sign',
      created: at,
      received: at,
      sign_due_at: cst('2026-11-28T10:30:00'),
      due_at: cst('2026-11-28T12:00:00'),
      sign_unit: 'minutes',
      complete_unit: 'hours',
    };
    expect(yellowAt(urgent, calendar)).toEqual(cst('2026-11-28T10:22:30'));
    expect(yellowAt({ ...urgent, status: 'handling' }, calendar)).toEqual(cst('2026-11-28T11:30:00'));
  });

  it('counts the sign-for window from when the current holder received the matter', () => {
    // Handed on at 11:00, sign for by 11:30: yellow at 11:22:30 whatever time it was raised.
    const handedOn = {
      ...normal,
      status: 'pending_sign' as const,
      received: cst('2026-11-28T11:00:00'),
      sign_due_at: cst('2026-11-28T11:30:00'),
      sign_unit: 'minutes' as const,
    };
    expect(yellowAt(handedOn, calendar)).toEqual(cst('2026-11-28T11:22:30'));
  });

  it('falls back to the completion deadline while waiting without a sign-for deadline', () => {
    expect(yellowAt({ ...normal, status: 'pending_sign', sign_due_at: null }, calendar)).toEqual(cst('2026-12-03T14:15:00'));
  });

  it('is none when closed, paused (the clock stands still) or without a deadline', () => {
    expect(yellowAt({ ...normal, status: 'closed' }, calendar)).toBeNull();
    expect(yellowAt({ ...normal, paused: true }, calendar)).toBeNull();
    expect(yellowAt({ ...normal, sign_due_at: null, due_at: null }, calendar)).toBeNull();
  });

  it('starts again from the moved deadline once the clock resumes', () => {
    // 紧急 raised Mon 09:00, complete within 24 hours: yellow at Tue 03:00. Paused 3 hours: due_at
    // moves to Tue 12:00, and yellow is that deadline's 75 %, Tue 05:15, its three_quarters reminder.
    const urgent = { ...normal, created: cst('2026-11-30T09:00:00'), due_at: cst('2026-12-01T09:00:00'), complete_unit: 'hours' as const };
    expect(yellowAt(urgent, calendar)).toEqual(cst('2026-12-01T03:00:00'));
    const resumed = { ...urgent, due_at: cst('2026-12-01T12:00:00') };
    expect(yellowAt(resumed, calendar)).toEqual(cst('2026-12-01T05:15:00'));
    expect(milestonesOf({ id: 1, ...resumed }, calendar).find((m) => m.kind === 'three_quarters')!.at).toEqual(yellowAt(resumed, calendar));
  });
});
