// A recipient's receipt of a document (签收): its deadlines, whether a sign-for
// or a submission was on time, and when the reminders fall. Pure: the endpoint
// and the worker both ask this, so a reminder is always computed the same way
// and identified by (recipient, kind, instant).

import { addDuration, pointOfAllowedTime, type Calendar, type Duration, type DurationUnit } from '../../kernel/working-days.ts';
import type { OfficeReminderKind, ReceiptStatus, ReplyStatus } from './vocabulary.ts';

/** Share of the allowed time after which a recipient that has not acted is reminded. */
export const REMIND_AT = 0.75;

export interface DocumentDeadlines {
  sign_due_at: Date;
  reply_due_at: Date | null;
}

/**
 * Deadlines of a document sent at `sentAt`: sign-for by the policy's sign-for
 * time; a reply, when asked for, within the document's own working days or else
 * the policy's completion time.
 */
export function deadlinesOf(
  calendar: Calendar,
  sentAt: Date,
  policy: { sign: Duration; reply: Duration },
  reply: { required: boolean; withinDays: number | null },
): DocumentDeadlines {
  const sign_due_at = addDuration(calendar, sentAt, policy.sign);
  if (!reply.required) return { sign_due_at, reply_due_at: null };
  const within: Duration = reply.withinDays ? { amount: reply.withinDays, unit: 'working_days' } : policy.reply;
  return { sign_due_at, reply_due_at: addDuration(calendar, sentAt, within) };
}

/** Signed on time, or late (逾期签收): a late sign-for is still a sign-for, recorded as late. */
export function signOutcome(signDueAt: Date, now: Date): Extract<ReceiptStatus, 'signed' | 'late'> {
  return now.getTime() > signDueAt.getTime() ? 'late' : 'signed';
}

export function replyOutcome(replyDueAt: Date, now: Date): Extract<ReplyStatus, 'submitted' | 'late'> {
  return now.getTime() > replyDueAt.getTime() ? 'late' : 'submitted';
}

/**
 * A special project's submissions are due by the end (24:00, Beijing time) of its
 * due date; `replyOutcome` then tells on time from late, as for a document's reply.
 */
export function projectDeadline(dueOn: string): Date {
  const at = new Date(`${dueOn}T23:59:59.999+08:00`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(dueOn) || Number.isNaN(at.getTime())) throw new Error(`not a date: ${dueOn}`);
  return at;
}

export const isSigned = (status: ReceiptStatus) => status === 'signed' || status === 'late';

/** What the reminders of one recipient depend on. */
export interface OpenReceipt {
  recipient: number;
  status: ReceiptStatus;
  reply_status: ReplyStatus;
  sent_at: Date;
  sign_due_at: Date;
  sign_unit: DurationUnit;
  reply_due_at: Date | null;
  reply_unit: DurationUnit;
  /** Reminders already sent (their column in SENT_COLUMN is set). */
  sent: OfficeReminderKind[];
}

export interface ReceiptReminder {
  recipient: number;
  kind: OfficeReminderKind;
  at: Date;
}

/** A project submission's reminders: `recipient` is then the submission. */
export const isProjectReminder = (kind: OfficeReminderKind) => kind === 'project_remind' || kind === 'project_chase';

/** The job id and identity of a reminder (BullMQ ids may not hold ':'). */
export function reminderKey(r: ReceiptReminder): string {
  return `${isProjectReminder(r.kind) ? 'proj' : 'doc'}.${r.recipient}.${r.kind}.${r.at.getTime()}`;
}

/** Reminders still to come for a recipient: before and at the sign-for deadline, then the same for the reply. */
export function remindersOf(receipt: OpenReceipt, calendar: Calendar): ReceiptReminder[] {
  const list: ReceiptReminder[] = [];
  const at = (kind: OfficeReminderKind, instant: Date) => list.push({ recipient: receipt.recipient, kind, at: instant });
  if (!isSigned(receipt.status)) {
    at('sign_remind', pointOfAllowedTime(calendar, receipt.sent_at, receipt.sign_due_at, REMIND_AT, receipt.sign_unit));
    at('sign_chase', receipt.sign_due_at);
  }
  if (receipt.reply_due_at && receipt.reply_status === 'pending') {
    at('reply_remind', pointOfAllowedTime(calendar, receipt.sent_at, receipt.reply_due_at, REMIND_AT, receipt.reply_unit));
    at('reply_chase', receipt.reply_due_at);
  }
  return list.filter((r) => !receipt.sent.includes(r.kind));
}

/** What the reminders of a pending project submission depend on. */
export interface OpenSubmission {
  submission: number;
  assigned_at: Date;
  due: Date;
  sent: OfficeReminderKind[];
}

/** A submission still pending: reminded at 75 % of the working time from its assignment to the due date, chased at it. */
export function submissionRemindersOf(s: OpenSubmission, calendar: Calendar): ReceiptReminder[] {
  const list: ReceiptReminder[] = [
    { recipient: s.submission, kind: 'project_remind', at: pointOfAllowedTime(calendar, s.assigned_at, s.due, REMIND_AT, 'working_days') },
    { recipient: s.submission, kind: 'project_chase', at: s.due },
  ];
  return list.filter((r) => !s.sent.includes(r.kind));
}

/** The column that records a reminder as sent, so that each is sent once (on project_submissions for the project kinds). */
export const SENT_COLUMN: Record<OfficeReminderKind, string> = {
  sign_remind: 'reminded_at',
  sign_chase: 'chased_at',
  reply_remind: 'reply_reminded_at',
  reply_chase: 'reply_chased_at',
  project_remind: 'reminded_at',
  project_chase: 'chased_at',
};
