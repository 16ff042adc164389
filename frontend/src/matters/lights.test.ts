import { describe, expect, it } from 'vitest';
import { countByLight, lightOf, todoKind } from './lights.ts';

const raised = '2026-11-23T08:00:00.000Z';
const due = '2026-11-27T08:00:00.000Z'; // four days later
const at = (iso: string) => new Date(iso);

describe('deadline lights', () => {
  it("is yellow from the server's yellow_at, red once the deadline has passed, green before", () => {
    // A working-day deadline: the server put 75 % of the working time on Thursday evening, not at 75 % of the wall clock.
    const m = { status: 'handling', date_created: raised, due_at: due, yellow_at: '2026-11-26T12:00:00.000Z' };
    expect(lightOf(m, at('2026-11-26T08:00:00Z'))).toBe('green'); // 75 % of the wall clock, not yet yellow
    expect(lightOf(m, at('2026-11-26T12:00:00Z'))).toBe('yellow');
    expect(lightOf(m, at('2026-11-27T07:59:59Z'))).toBe('yellow');
    expect(lightOf(m, at('2026-11-27T08:00:00Z'))).toBe('red'); // the deadline itself
  });

  it('is red (到期) for the rest of the due date, overdue (超期) from the next local midnight', () => {
    const m = { status: 'handling', date_created: raised, due_at: due, yellow_at: '2026-11-26T12:00:00.000Z' };
    expect(lightOf(m, at('2026-11-27T07:59:59Z'))).toBe('yellow'); // 15:59:59 China time: not yet due
    expect(lightOf(m, at('2026-11-27T15:59:59Z'))).toBe('red'); // 23:59:59 China time, the same day
    expect(lightOf(m, at('2026-11-27T16:00:00Z'))).toBe('overdue'); // 00:00 the next day
  });

  it('falls back to 75 % of the wall clock for a row read without yellow_at', () => {
    const m = { status: 'handling', date_created: raised, due_at: due };
    expect(lightOf(m, at('2026-11-25T08:00:00Z'))).toBe('green'); // 50 %
    expect(lightOf(m, at('2026-11-26T08:00:00Z'))).toBe('yellow'); // 75 %
    expect(lightOf(m, at('2026-11-27T08:00:01Z'))).toBe('red');
  });

  it('uses the sign-for deadline while waiting to be signed for', () => {
    const m = { status: 'pending_sign', date_created: raised, sign_due_at: '2026-11-24T08:00:00Z', due_at: due };
    expect(lightOf(m, at('2026-11-24T09:00:00Z'))).toBe('red');
    expect(lightOf({ ...m, status: 'handling' }, at('2026-11-24T09:00:00Z'))).toBe('green');
  });

  it('has no light while the clock is paused, whatever the deadline says', () => {
    const paused = { status: 'handling', date_created: raised, due_at: due, yellow_at: null, paused_at: '2026-11-24T08:00:00Z' };
    expect(lightOf(paused, at('2026-11-26T12:00:00Z'))).toBe('none');
    expect(lightOf(paused, at('2026-11-28T00:00:00Z'))).toBe('none');
  });

  it('has no light when closed or without a deadline, and counts per light', () => {
    const now = at('2026-11-26T09:00:00Z');
    const list = [
      { status: 'closed', due_at: due },
      { status: 'handling' },
      { status: 'handling', date_created: raised, due_at: due, yellow_at: '2026-11-26T08:00:00Z' },
      { status: 'handling', date_created: raised, due_at: '2026-11-25T00:00:00Z' },
    ];
    expect(countByLight(list, now)).toEqual({ overdue: 1, red: 0, yellow: 1, green: 0, none: 2 });
  });

  it('sorts statuses into the workbench boxes', () => {
    expect([todoKind('pending_acceptance'), todoKind('replied'), todoKind('pending_verification'), todoKind('closed')]).toEqual([
      'sign',
      'handle',
      'verify',
      null,
    ]);
  });
});
