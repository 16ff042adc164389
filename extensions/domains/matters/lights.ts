// 临期时间 (`yellow_at`): the instant a matter's deadline light (红黄绿灯) turns
// yellow. Stored on the matter, so that the light is one fact, read by every
// screen and filterable on the server. Pure: the calendar is passed in.
//
// The light follows the running deadline: the sign-for one (sign_due_at) while
// the matter waits to be signed for or accepted, else the completion one
// (due_at). It turns yellow at 75 % (YELLOW_FROM) of that deadline's allowed
// time, measured like the deadline (working time for working days, wall clock
// for minutes and hours):
// - completion: from raising to due_at, the three_quarters reminder's instant;
// - sign-for: from when the current holder received the matter (raised, or
//   handed on: where sign_due_at is counted from) to sign_due_at.
// None while paused: the clock stands still, so the light neither turns yellow
// nor red; resuming moves due_at on by the pause and the light starts again.

import { threeQuarters } from './milestones.ts';
import { WAITING, type Action, type Status } from './transitions.ts';
import { pointOfAllowedTime, YELLOW_FROM, type Calendar, type DurationUnit } from '../../kernel/working-days.ts';

export interface TimedMatter {
  status: Status;
  /** When it was raised: the start of the completion clock. */
  created: Date;
  /** When the current holder received it (raised, or the last hand-on): the start of the sign-for clock. */
  received: Date;
  sign_due_at: Date | null;
  due_at: Date | null;
  /** The units of the deadline policy's sign-for and completion times. */
  sign_unit: DurationUnit;
  complete_unit: DurationUnit;
  /** The clock is stopped (暂停计时). */
  paused: boolean;
}

/**
 * The actions after which a matter waits at a new holder with a new sign-for
 * deadline, counted from the step (the first one is counted from the raising).
 */
export const HAND_ONS: readonly Action[] = ['dispatch', 'escalate', 'transfer', 'resubmit'];

/** When the light turns yellow; null when closed, paused or without a running deadline. */
export function yellowAt(matter: TimedMatter, calendar: Calendar): Date | null {
  if (matter.status === 'closed' || matter.paused) return null;
  if (WAITING.includes(matter.status) && matter.sign_due_at)
    return pointOfAllowedTime(calendar, matter.received, matter.sign_due_at, YELLOW_FROM, matter.sign_unit);
  return matter.due_at ? threeQuarters(matter, matter.due_at, calendar) : null;
}
