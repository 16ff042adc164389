import { describe, expect, it } from 'vitest';
import { makeCalendar } from '../../kernel/working-days.ts';
import {
  deadlinesOf,
  projectDeadline,
  remindersOf,
  reminderKey,
  replyOutcome,
  signOutcome,
  submissionRemindersOf,
  type OpenReceipt,
} from './receipts.ts';

// 2026-10-01..07 National Day holidays, 2026-10-10 (Saturday) a working day.
const calendar = makeCalendar([
  ...['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ date: `2026-10-${d}`, kind: 'holiday' as const })),
  { date: '2026-10-10', kind: 'workday' as const },
]);
const cst = (text: string) => new Date(`${text}+08:00`);
const policy = { sign: { amount: 1, unit: 'working_days' as const }, reply: { amount: 5, unit: 'working_days' as const } };

describe('document deadlines', () => {
  it('sign-for within one working day: sent on the eve of the holidays, due when work resumes', () => {
    const { sign_due_at, reply_due_at } = deadlinesOf(calendar, cst('2026-09-30T16:00:00'), policy, { required: false, withinDays: null });
    expect(sign_due_at).toEqual(cst('2026-10-09T00:00:00'));
    expect(reply_due_at).toBeNull();
  });

  it('a reply within the document’s own working days, else the policy’s', () => {
    const sent = cst('2026-10-09T09:00:00'); // Friday; Saturday the 10th is worked
    expect(deadlinesOf(calendar, sent, policy, { required: true, withinDays: 2 }).reply_due_at).toEqual(cst('2026-10-13T00:00:00'));
    expect(deadlinesOf(calendar, sent, policy, { required: true, withinDays: null }).reply_due_at).toEqual(cst('2026-10-16T00:00:00'));
  });

  it('a sign-for after the deadline is late, at the deadline on time', () => {
    const due = cst('2026-10-09T00:00:00');
    expect(signOutcome(due, cst('2026-10-08T23:59:59'))).toBe('signed');
    expect(signOutcome(due, due)).toBe('signed');
    expect(signOutcome(due, cst('2026-10-09T00:00:01'))).toBe('late');
  });
});

describe('receipt reminders', () => {
  const receipt: OpenReceipt = {
    recipient: 7,
    status: 'unread',
    reply_status: 'pending',
    sent_at: cst('2026-11-02T08:00:00'),
    sign_due_at: cst('2026-11-03T00:00:00'),
    sign_unit: 'working_days',
    reply_due_at: cst('2026-11-07T00:00:00'),
    reply_unit: 'working_days',
    sent: [],
  };

  it('before and at each deadline, while the recipient has not acted', () => {
    const list = remindersOf(receipt, calendar);
    expect(list.map((r) => [r.kind, r.at])).toEqual([
      ['sign_remind', cst('2026-11-02T20:00:00')],
      ['sign_chase', cst('2026-11-03T00:00:00')],
      ['reply_remind', cst('2026-11-05T20:00:00')], // 112 working hours from Monday 08:00; 84 of them end on Thursday at 20:00
      ['reply_chase', cst('2026-11-07T00:00:00')],
    ]);
    expect(reminderKey(list[0]!)).toBe(`doc.7.sign_remind.${cst('2026-11-02T20:00:00').getTime()}`);
    expect(reminderKey(list[0]!)).not.toContain(':');
  });

  it('none for a sign-for once signed (on time or late), none for a reply once submitted', () => {
    expect(remindersOf({ ...receipt, status: 'late' }, calendar).map((r) => r.kind)).toEqual(['reply_remind', 'reply_chase']);
    expect(remindersOf({ ...receipt, status: 'signed', reply_status: 'submitted' }, calendar)).toEqual([]);
    expect(remindersOf({ ...receipt, sent: ['sign_remind'] }, calendar).map((r) => r.kind)).toEqual([
      'sign_chase',
      'reply_remind',
      'reply_chase',
    ]);
    expect(remindersOf({ ...receipt, reply_due_at: null, reply_status: 'not_required' }, calendar).map((r) => r.kind)).toEqual([
      'sign_remind',
      'sign_chase',
    ]);
  });
});

describe('a special project’s deadline', () => {
  it('is the end of its due date in Beijing time: a submission that evening is on time, past midnight late', () => {
    const due = projectDeadline('2026-11-30');
    expect(due.toISOString()).toBe('2026-11-30T15:59:59.999Z');
    expect(replyOutcome(due, cst('2026-11-30T23:30:00'))).toBe('submitted');
    expect(replyOutcome(due, cst('2026-12-01T00:00:01'))).toBe('late');
  });

  it('refuses what is not a date', () => {
    for (const bad of ['2026-13-01', '30.11.2026', '']) expect(() => projectDeadline(bad)).toThrow('not a date');
  });
});

describe('a project submission’s reminders', () => {
  const open = { submission: 9, assigned_at: cst('2026-09-28T08:00:00'), due: projectDeadline('2026-10-09'), sent: [] };

  it('remind at 75 % of the working time from the assignment to the due date (holidays skipped), chase at its end', () => {
    const list = submissionRemindersOf(open, calendar);
    expect(list.map((r) => r.kind)).toEqual(['project_remind', 'project_chase']);
    // Monday 08:00 to the end of Friday 9 October, the holidays skipped: 16 + 24 + 24 hours before them, 24 + 24 after;
    // 75 % of the 112 hours is 84, 20 hours into 8 October.
    expect(Math.abs(list[0]!.at.getTime() - cst('2026-10-08T20:00:00').getTime())).toBeLessThan(1000);
    expect(list[1]!.at.toISOString()).toBe('2026-10-09T15:59:59.999Z');
    expect(reminderKey(list[0]!)).toMatch(/^proj\.9\.project_remind\.\d+$/);
  });

  it('none that was sent already', () => {
    expect(submissionRemindersOf({ ...open, sent: ['project_remind'] }, calendar).map((r) => r.kind)).toEqual(['project_chase']);
  });
});
