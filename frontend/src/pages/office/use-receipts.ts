// My unit's receipts of documents sent to it (收文), with what the inbox and the
// workbench show of each document.

import { useApiUrl, useCustom, useGetIdentity, useList } from '@refinedev/core';
import type { Identity } from '../../providers/auth-provider.ts';
import type { ReceiptStatus, ReplyStatus } from '../../../../extensions/office/src/vocabulary.ts';

export interface InboxReceipt {
  id: number;
  status: ReceiptStatus;
  reply_status: ReplyStatus;
  read_at: string | null;
  signed_at: string | null;
  replied_at: string | null;
  reply_text: string | null;
  document: {
    id: number;
    title: string;
    kind: string;
    urgency: string;
    reference_number: string | null;
    body: string | null;
    sent_at: string | null;
    sign_due_at: string | null;
    reply_due_at: string | null;
    reply_required: boolean;
    reply_instructions: string | null;
    /** The sending unit's id; a recipient does not read its superiors' records, their names come from /office/documents/senders. */
    unit: number;
    attachments: {
      directus_files_id: { id: string; title: string | null; filename_download: string | null; type: string | null } | null;
    }[];
  };
}

const FIELDS = [
  'id',
  'status',
  'reply_status',
  'read_at',
  'signed_at',
  'replied_at',
  'reply_text',
  'document.id',
  'document.title',
  'document.kind',
  'document.urgency',
  'document.reference_number',
  'document.body',
  'document.sent_at',
  'document.sign_due_at',
  'document.reply_due_at',
  'document.reply_required',
  'document.reply_instructions',
  'document.unit',
  'document.attachments.directus_files_id.id',
  'document.attachments.directus_files_id.title',
  'document.attachments.directus_files_id.filename_download',
  'document.attachments.directus_files_id.type',
];

/** Receipts of my own unit (not those of the units below, which an upper level also reads). */
export function useMyReceipts(options: { unsignedOnly?: boolean } = {}) {
  const { data: me } = useGetIdentity<Identity>();
  const { result, query } = useList({
    resource: 'document_recipients',
    filters: [
      { field: 'unit', operator: 'eq', value: me?.unit?.id },
      ...(options.unsignedOnly ? [{ field: 'status', operator: 'in' as const, value: ['unread', 'read'] }] : []),
    ],
    sorters: [{ field: 'document.sent_at', order: 'desc' }],
    pagination: { mode: 'off' },
    meta: { fields: FIELDS },
    queryOptions: { enabled: Boolean(me?.unit?.id), refetchInterval: 60_000 },
  });
  const apiUrl = useApiUrl();
  const senders = useCustom<{ id: number; name: string }[]>({
    url: `${apiUrl}/office/documents/senders`,
    method: 'get',
    queryOptions: { enabled: Boolean(me?.unit?.id) },
  });
  // `query.data` is undefined until the answer comes (`result.data` is an empty object then).
  const names = new Map((senders.query.data?.data ?? []).map((u) => [u.id, u.name]));
  const receipts = ((result?.data ?? []) as unknown as InboxReceipt[]).map((r) => ({
    ...r,
    sender: names.get(Number(r.document.unit)) ?? '',
    sign_due_at: r.document.sign_due_at,
    reply_due_at: r.document.reply_due_at,
    sent_at: r.document.sent_at,
  }));
  return { me, receipts, isLoading: query.isLoading, refetch: query.refetch };
}
