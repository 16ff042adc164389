// When an open matter needs a reminder, and for whom. Pure: the worker and the
// reconciliation scan both ask this, so a milestone is always computed the same
// way and identified by (matter, kind, instant).

import { addDuration, pointOfAllowedTime, YELLOW_FROM, type Calendar, type DurationUnit } from '../../kernel/working-days.ts';
import { WAITING, type Status } from './transitions.ts';

export const MILESTONE_KINDS = ['sign_due', 'half', 'three_quarters', 'due', 'chase', 'escalate'] as const;
export type MilestoneKind = (typeof MILESTONE_KINDS)[number];

export const MILESTONE_LABELS: Record<MilestoneKind, string> = {
  sign_due: '签收到期',
  half: '办理时限过半',
  three_quarters: '办理时限已过75%',
  due: '办理到期',
  chase: '逾期催办',
  escalate: '逾期升级督办',
};

/** Working days after the deadline at which a still-open matter goes to the holder's superior. */
export const ESCALATE_AFTER_WORKING_DAYS = 5;

export interface OpenMatter {
  id: number;
  status: Status;
  /** When the matter was raised: the start of its clock. */
  created: Date;
  sign_due_at: Date | null;
  due_at: Date | null;
  /** The unit of the deadline policy's completion time, for fractions of working time. */
  complete_unit: DurationUnit;
  /** The clock is stopped: no reminders until it resumes (and the deadline moves). */
  paused?: boolean;
}

export interface Milestone {
  matter: number;
  kind: MilestoneKind;
  at: Date;
  /** Who is told: the holder's staff, or the leaders above the holder. */
  audience: 'holder' | 'superior';
}

/** The deterministic identity of a milestone: the job id and the reminder's key (BullMQ ids may not hold ':'). */
export function milestoneKey(m: Pick<Milestone, 'matter' | 'kind' | 'at'>): string {
  return `${m.matter}.${m.kind}.${m.at.getTime()}`;
}

/**
 * 75 % of the completion time (from raising to `due`, in the policy's unit): the
 * three_quarters reminder, and where the light turns yellow while the completion
 * deadline runs (lights.ts), so that the two always agree.
 */
export function threeQuarters(matter: Pick<OpenMatter, 'created' | 'complete_unit'>, due: Date, calendar: Calendar): Date {
  return pointOfAllowedTime(calendar, matter.created, due, YELLOW_FROM, matter.complete_unit);
}

export function milestonesOf(matter: OpenMatter, calendar: Calendar): Milestone[] {
  if (matter.status === 'closed' || matter.status === 'returned' || matter.paused) return [];
  const at = (kind: MilestoneKind, instant: Date, audience: Milestone['audience'] = 'holder'): Milestone => ({
    matter: matter.id,
    kind,
    at: instant,
    audience,
  });
  const list: Milestone[] = [];
  if (matter.sign_due_at && WAITING.includes(matter.status)) list.push(at('sign_due', matter.sign_due_at));
  if (matter.due_at) {
    const due = matter.due_at;
    list.push(
      at('half', pointOfAllowedTime(calendar, matter.created, due, 0.5, matter.complete_unit)),
      at('three_quarters', threeQuarters(matter, due, calendar)),
      at('due', due),
      // 催办: still open a working day after the deadline; then up the tree.
      at('chase', addDuration(calendar, due, { amount: 1, unit: 'working_days' }), 'superior'),
      at('escalate', addDuration(calendar, due, { amount: ESCALATE_AFTER_WORKING_DAYS, unit: 'working_days' }), 'superior'),
    );
  }
  return list;
}
