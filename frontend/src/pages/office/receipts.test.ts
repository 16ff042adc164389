import { describe, expect, it } from 'vitest';
import { canReply, inboxOrder, receiptMarker, replyMarker, submissionMarker } from './receipts.ts';

const now = new Date('2026-11-20T02:00:00Z');
const due = { sign_due_at: '2026-11-21T00:00:00Z', reply_due_at: '2026-11-25T00:00:00Z' };

describe('a receipt in the inbox', () => {
  it('reads its state, with 逾期未签收 once an unsigned one is past its deadline', () => {
    expect(receiptMarker({ ...due, status: 'unread', reply_status: 'pending' }, now)).toEqual({ label: '未读', color: 'blue' });
    expect(receiptMarker({ ...due, sign_due_at: '2026-11-19T00:00:00Z', status: 'read', reply_status: 'pending' }, now)).toEqual({
      label: '逾期未签收',
      color: 'red',
    });
    expect(receiptMarker({ ...due, sign_due_at: '2026-11-19T00:00:00Z', status: 'late', reply_status: 'pending' }, now)).toEqual({
      label: '逾期签收',
      color: 'orange',
    });
    expect(receiptMarker({ ...due, status: 'signed', reply_status: 'pending' }, now).label).toBe('已签收');
  });

  it('asks for a reply only after the sign-for and once', () => {
    expect(canReply({ status: 'read', reply_status: 'pending' })).toBe(false);
    expect(canReply({ status: 'late', reply_status: 'pending' })).toBe(true);
    expect(canReply({ status: 'signed', reply_status: 'submitted' })).toBe(false);
    expect(replyMarker({ status: 'signed', reply_status: 'not_required' }, now)).toBeNull();
    expect(replyMarker({ ...due, reply_due_at: '2026-11-19T00:00:00Z', status: 'signed', reply_status: 'pending' }, now)?.label).toBe(
      '逾期未报送',
    );
    // A special project's submission reads the same.
    expect(submissionMarker('late', '2026-11-19T00:00:00Z', now)).toEqual({ label: '逾期报送', color: 'orange' });
    expect(submissionMarker('pending', due.reply_due_at, now)).toEqual({ label: '待报送', color: 'gold' });
  });

  it('lists the unsigned first, soonest deadline first, then the rest newest first', () => {
    const list = [
      { id: 1, status: 'signed' as const, reply_status: 'not_required' as const, sent_at: '2026-11-01T00:00:00Z' },
      { id: 2, status: 'unread' as const, reply_status: 'not_required' as const, sign_due_at: '2026-11-22T00:00:00Z' },
      { id: 3, status: 'late' as const, reply_status: 'not_required' as const, sent_at: '2026-11-10T00:00:00Z' },
      { id: 4, status: 'read' as const, reply_status: 'pending' as const, sign_due_at: '2026-11-21T00:00:00Z' },
    ];
    expect(inboxOrder(list).map((r) => r.id)).toEqual([4, 2, 3, 1]);
  });
});
