import { describe, expect, it } from 'vitest';
import { CALENDAR_2026 } from '../../../seed/calendar-2026.ts';
import { deadlinesAfter, type Clocks, type DeadlinePolicy, type Step } from './deadlines.ts';
import { yellowAt } from './lights.ts';
import { makeCalendar } from '../../kernel/working-days.ts';

const calendar = makeCalendar(CALENDAR_2026);
const cst = (local: string) => new Date(`${local}+08:00`);

// 一般: sign for within 1 working day, complete within 5, up to 10 days' extension, no pausing.
const normal: DeadlinePolicy = {
  sign: { amount: 1, unit: 'working_days' },
  complete: { amount: 5, unit: 'working_days' },
  maxExtensionDays: 10,
  pausable: false,
};
// Raised Fri 2026-11-27 09:00: signed for by the end of Mon 11-30, completed by the end of Fri 12-04.
const raised: Clocks = {
  created: cst('2026-11-27T09:00:00'),
  sign_due_at: cst('2026-12-01T00:00:00'),
  due_at: cst('2026-12-05T00:00:00'),
  paused_at: null,
};
const tue = cst('2026-12-01T10:00:00');
const after = (step: Step, clocks: Clocks = raised, policy: DeadlinePolicy = normal, now = tue) =>
  deadlinesAfter(step, clocks, policy, calendar, now);
/** The completion light's yellow instant with this due date: the 75 % point of raising → due. */
const completionYellow = (due: Date) =>
  yellowAt(
    {
      status: 'handling',
      created: raised.created,
      received: raised.created,
      sign_due_at: null,
      due_at: due,
      sign_unit: 'working_days',
      complete_unit: 'working_days',
      paused: false,
    },
    calendar,
  );

describe('the clocks after a step (deadlinesAfter)', () => {
  it.each([
    ['dispatch', 'pending_sign'],
    ['transfer', 'pending_sign'],
    ['escalate', 'pending_acceptance'],
    ['resubmit', 'pending_acceptance'],
  ] as const)('%s: the new holder gets a sign-for clock from now, and the light follows it', (action, status) => {
    // Tue 10:00 plus one working day: the end of Wed 12-02; yellow at 75 % of the 38 hours between, Wed 14:30.
    expect(after({ action, status })).toEqual({
      ok: true,
      sign_due_at: cst('2026-12-03T00:00:00'),
      yellow_at: cst('2026-12-02T14:30:00'),
    });
  });

  it.each([
    ['sign_for', 'handling'],
    ['accept', 'handling'],
    ['reply', 'replied'],
    ['reply', 'pending_verification'],
    ['return', 'returned'],
    ['reopen', 'handling'],
    // A send-back hands the matter to a unit that handles it again: no sign-for clock (it once got a fresh one).
    ['send_back', 'handling'],
  ] as const)('%s (to %s): no sign-for clock; the light is the completion deadline’s', (action, status) => {
    expect(after({ action, status })).toEqual({ ok: true, sign_due_at: null, yellow_at: completionYellow(raised.due_at!) });
  });

  it('leaves the clocks alone while the matter still waits on the same sign-for deadline', () => {
    expect(after({ action: 'co_reply', status: 'pending_sign' })).toEqual({ ok: true });
    expect(after({ action: 'request_extension', status: 'pending_acceptance', extensionDays: 2 })).toEqual({ ok: true });
  });

  it('has no light once closed', () => {
    expect(after({ action: 'close', status: 'closed' })).toEqual({ ok: true, sign_due_at: null, yellow_at: null });
  });

  describe('extensions (延期)', () => {
    it('are asked before the matter is due, for at most the policy’s days', () => {
      expect(after({ action: 'request_extension', status: 'handling', extensionDays: 10 }).ok).toBe(true);
      expect(after({ action: 'request_extension', status: 'handling', extensionDays: 11 })).toEqual({
        ok: false,
        status: 400,
        reason: '延期不能超过10个工作日',
      });
      const late = after({ action: 'request_extension', status: 'handling', extensionDays: 1 }, raised, normal, cst('2026-12-05T00:00:00'));
      expect(late).toEqual({ ok: false, status: 409, reason: '已超过办结时限，不能再申请延期' });
    });

    it('approved, make the matter due that many working days after the day it was due', () => {
      // Due at the end of Fri 12-04; two more working days: the end of Tue 12-08.
      const due = cst('2026-12-09T00:00:00');
      expect(after({ action: 'approve_extension', status: 'handling', extensionDays: 2 })).toEqual({
        ok: true,
        sign_due_at: null,
        due_at: due,
        yellow_at: completionYellow(due),
      });
    });

    it('rejected, change no deadline', () => {
      expect(after({ action: 'reject_extension', status: 'handling' })).toEqual({
        ok: true,
        sign_due_at: null,
        yellow_at: completionYellow(raised.due_at!),
      });
    });
  });

  describe('pausing the clock (暂停计时)', () => {
    const pausable = { ...normal, pausable: true };

    it('is refused where the policy does not allow it', () => {
      expect(after({ action: 'pause', status: 'handling' })).toEqual({
        ok: false,
        status: 400,
        reason: '该类事项的时限标准不允许暂停计时',
      });
    });

    it('stops the clock: no light while paused', () => {
      expect(after({ action: 'pause', status: 'handling' }, raised, pausable)).toEqual({
        ok: true,
        sign_due_at: null,
        paused_at: tue,
        yellow_at: null,
      });
    });

    it('resumed, moves the completion deadline on by the time the clock stood still', () => {
      const paused = { ...raised, paused_at: tue };
      const resumed = after({ action: 'resume', status: 'handling' }, paused, pausable, cst('2026-12-01T12:30:00'));
      const due = cst('2026-12-05T02:30:00');
      expect(resumed).toEqual({ ok: true, sign_due_at: null, due_at: due, paused_at: null, yellow_at: completionYellow(due) });
    });
  });
});
