import { describe, expect, it } from 'vitest';
import { CALENDAR_2026 } from '../../../seed/calendar-2026.ts';
import { milestoneKey, milestonesOf, type OpenMatter } from './milestones.ts';
import { makeCalendar } from '../../kernel/working-days.ts';

const calendar = makeCalendar(CALENDAR_2026);
const cst = (s: string) => new Date(`${s}+08:00`);

// Raised Fri 2026-11-27 09:00; sign for by the end of Mon 11-30; complete by the end of Fri 12-04.
const matter: OpenMatter = {
  id: 42,
  status: 'pending_acceptance',
  created: cst('2026-11-27T09:00:00'),
  sign_due_at: cst('2026-12-01T00:00:00'),
  due_at: cst('2026-12-05T00:00:00'),
  complete_unit: 'working_days',
};

describe('milestones of an open matter', () => {
  it('puts each reminder at its hand-computed instant', () => {
    const list = milestonesOf(matter, calendar).map((m) => [m.kind, m.at.toISOString(), m.audience]);
    expect(list).toEqual([
      ['sign_due', cst('2026-12-01T00:00:00').toISOString(), 'holder'],
      // Working time from Fri 09:00 to the end of Fri 12-04: 15 h on 11-27, then 5 whole days (Mon-Fri) = 135 h.
      // Half (67.5 h): 15 h on Fri, 24 h Mon, 24 h Tue, 4.5 h into Wed 12-02.
      ['half', cst('2026-12-02T04:30:00').toISOString(), 'holder'],
      // 75 % (101.25 h): 15 + 24 + 24 + 24 = 87 h by the end of Wed; 14.25 h into Thu 12-03.
      ['three_quarters', cst('2026-12-03T14:15:00').toISOString(), 'holder'],
      ['due', cst('2026-12-05T00:00:00').toISOString(), 'holder'],
      // A working day after the deadline: the end of Mon 12-07.
      ['chase', cst('2026-12-08T00:00:00').toISOString(), 'superior'],
      // Five working days after: Mon 12-07 to Fri 12-11.
      ['escalate', cst('2026-12-12T00:00:00').toISOString(), 'superior'],
    ]);
  });

  it('drops the sign-for reminder once signed, and everything once closed, returned or paused', () => {
    expect(milestonesOf({ ...matter, status: 'handling' }, calendar).map((m) => m.kind)).toEqual([
      'half',
      'three_quarters',
      'due',
      'chase',
      'escalate',
    ]);
    expect(milestonesOf({ ...matter, status: 'closed' }, calendar)).toEqual([]);
    expect(milestonesOf({ ...matter, status: 'returned' }, calendar)).toEqual([]);
    expect(milestonesOf({ ...matter, status: 'handling', paused: true }, calendar)).toEqual([]);
  });

  it('counts wall-clock time for deadlines in hours', () => {
    const urgent: OpenMatter = {
      ...matter,
      status: 'handling',
      created: cst('2026-11-28T22:00:00'),
      due_at: cst('2026-11-29T00:00:00'),
      complete_unit: 'hours',
    };
    const [half, threeQuarters] = milestonesOf(urgent, calendar);
    expect(half!.at).toEqual(cst('2026-11-28T23:00:00'));
    expect(threeQuarters!.at).toEqual(cst('2026-11-28T23:30:00'));
  });

  it('names a milestone by matter, kind and instant, so a changed deadline is a new job', () => {
    const [first] = milestonesOf(matter, calendar);
    expect(milestoneKey(first!)).toBe(`42.sign_due.${cst('2026-12-01T00:00:00').getTime()}`);
    const [moved] = milestonesOf({ ...matter, sign_due_at: cst('2026-12-02T00:00:00') }, calendar);
    expect(milestoneKey(moved!)).not.toBe(milestoneKey(first!));
  });
});
