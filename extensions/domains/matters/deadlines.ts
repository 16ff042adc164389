// What a step does to a matter's clocks (时限): the sign-for deadline, the
// completion deadline, the pause and the instant its light turns yellow. Pure,
// beside transitions.ts: decide() says where the matter goes, deadlinesAfter()
// what its clocks read afterwards; the service only loads the facts and writes.
//
// - Handed on (dispatch, escalate, transfer, resubmit: HAND_ONS), the new holder
//   gets a sign-for clock from now, by the policy; once the matter no longer waits
//   to be signed for or accepted, there is none. A send-back returns the matter to
//   a unit that handles it again: no sign-for clock, as its light says.
// - An extension may be asked while the matter is not yet due and for at most the
//   policy's days; approved, the matter is due that many working days after the day
//   it was due.
// - Pausing (where the policy allows) stops the clock; resuming moves the
//   completion deadline on by the time it stood still.

import { HAND_ONS, yellowAt } from './lights.ts';
import { WAITING, type Action, type Status } from './transitions.ts';
import { addDuration, type Calendar, type Duration } from '../../kernel/working-days.ts';

/** A deadline policy row (时限标准) as the rules read it. */
export interface DeadlinePolicy {
  sign: Duration;
  complete: Duration;
  /** The most working days one extension may ask for. */
  maxExtensionDays: number;
  /** Whether the holder may stop the clock (暂停计时). */
  pausable: boolean;
}

/** A matter's clocks before the step. */
export interface Clocks {
  created: Date;
  sign_due_at: Date | null;
  due_at: Date | null;
  paused_at: Date | null;
}

export interface Step {
  action: Action;
  /** The status decide() gave the matter. */
  status: Status;
  /** Working days asked for (request_extension), or the pending request being approved (approve_extension). */
  extensionDays?: number | null;
}

/** Fields to write; a field left out keeps its value. */
export interface ClockChanges {
  sign_due_at?: Date | null;
  due_at?: Date;
  paused_at?: Date | null;
  yellow_at?: Date | null;
}

export type ClockOutcome = ({ ok: true } & ClockChanges) | { ok: false; status: 400 | 409; reason: string };

/** The clocks after `step`, taken at `now`; or why the step may not be taken now. */
export function deadlinesAfter(step: Step, matter: Clocks, policy: DeadlinePolicy, calendar: Calendar, now: Date): ClockOutcome {
  const { action, status } = step;
  if (action === 'request_extension') {
    if (matter.due_at && now >= matter.due_at) return { ok: false, status: 409, reason: '已超过办结时限，不能再申请延期' };
    if ((step.extensionDays ?? 0) > policy.maxExtensionDays)
      return { ok: false, status: 400, reason: `延期不能超过${policy.maxExtensionDays}个工作日` };
  }
  if (action === 'pause' && !policy.pausable) return { ok: false, status: 400, reason: '该类事项的时限标准不允许暂停计时' };

  const changes: ClockChanges = {};
  const waiting = WAITING.includes(status);
  const handedOn = HAND_ONS.includes(action);
  if (handedOn) changes.sign_due_at = addDuration(calendar, now, policy.sign);
  else if (!waiting) changes.sign_due_at = null;

  if (action === 'pause') changes.paused_at = now;
  if (action === 'resume') {
    if (matter.due_at && matter.paused_at)
      changes.due_at = new Date(matter.due_at.getTime() + (now.getTime() - matter.paused_at.getTime()));
    changes.paused_at = null;
  }
  if (action === 'approve_extension' && matter.due_at && step.extensionDays)
    // N more working days after the day the matter was due.
    changes.due_at = addDuration(calendar, new Date(matter.due_at.getTime() - 1), { amount: step.extensionDays, unit: 'working_days' });

  // The light's yellow instant afresh (lights.ts), unless the matter still waits on the same sign-for deadline.
  if (!waiting || handedOn) {
    const paused = changes.paused_at !== undefined ? changes.paused_at !== null : matter.paused_at !== null;
    changes.yellow_at = yellowAt(
      {
        status,
        created: matter.created,
        received: now,
        sign_due_at: changes.sign_due_at ?? null,
        due_at: changes.due_at ?? matter.due_at,
        sign_unit: policy.sign.unit,
        complete_unit: policy.complete.unit,
        paused,
      },
      calendar,
    );
  }
  return { ok: true, ...changes };
}
