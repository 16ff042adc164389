// How a document receipt reads in the inbox and on the sender's page: its state
// with the late marker (逾期), and what the recipient may still do. Pure.

import { say, word } from '../../i18n/index.ts';
import { RECEIPT_STATUSES, REPLY_STATUSES, type ReceiptStatus, type ReplyStatus } from '../../../../extensions/office/src/vocabulary.ts';

export interface ReceiptView {
  status: ReceiptStatus;
  reply_status: ReplyStatus;
  sign_due_at?: string | null;
  reply_due_at?: string | null;
}

export interface Marker {
  label: string;
  color: string;
}

const past = (at: string | null | undefined, now: Date) => Boolean(at) && new Date(at!).getTime() < now.getTime();
export const isUnsigned = (r: Pick<ReceiptView, 'status'>) => r.status === 'unread' || r.status === 'read';

/** 未读 / 已读 / 已签收 / 逾期签收, and 逾期未签收 for an unsigned one past its deadline. */
export function receiptMarker(r: ReceiptView, now: Date): Marker {
  if (isUnsigned(r) && past(r.sign_due_at, now)) return { label: say('office.overdueUnsigned'), color: 'red' };
  const colors: Record<ReceiptStatus, string> = { unread: 'blue', read: 'geekblue', signed: 'green', late: 'orange' };
  return { label: word('receipt', RECEIPT_STATUSES, r.status), color: colors[r.status] };
}

/** A submission (报送, a document's reply or a special project's): 待报送 / 已报送 / 逾期报送, 逾期未报送 past its deadline. */
export function submissionMarker(status: Exclude<ReplyStatus, 'not_required'>, dueAt: string | null | undefined, now: Date): Marker {
  if (status === 'pending' && past(dueAt, now)) return { label: say('office.overdueUnsubmitted'), color: 'red' };
  const colors = { pending: 'gold', submitted: 'green', late: 'orange' };
  return { label: word('reply', REPLY_STATUSES, status), color: colors[status] };
}

/** A document's reply; nothing when no reply is asked. */
export function replyMarker(r: ReceiptView, now: Date): Marker | null {
  return r.reply_status === 'not_required' ? null : submissionMarker(r.reply_status, r.reply_due_at, now);
}

/** A reply is taken once, after the sign-for (the server checks the same). */
export const canReply = (r: ReceiptView) => !isUnsigned(r) && r.reply_status === 'pending';

/** The inbox's order: unsigned first, soonest deadline first; then the rest, newest first. */
export function inboxOrder<T extends ReceiptView & { sent_at?: string | null }>(list: T[]): T[] {
  const time = (at: string | null | undefined) => (at ? new Date(at).getTime() : 0);
  return [...list].sort((a, b) => {
    if (isUnsigned(a) !== isUnsigned(b)) return isUnsigned(a) ? -1 : 1;
    return isUnsigned(a) ? time(a.sign_due_at) - time(b.sign_due_at) : time(b.sent_at) - time(a.sent_at);
  });
}
