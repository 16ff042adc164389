// 发文签收情况: my unit's sent documents, and for one of them the sender's status
// page (GET /office/documents/:id/status): counts, who has not signed, the late
// ones, each recipient's reply. Only the sending unit and its superiors get it.

import { useApiUrl, useCustom, useGetIdentity, useList, useTranslate } from '@refinedev/core';
import { Alert, Button, Segmented, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { ReceiptStatus, ReplyStatus } from '../../../../extensions/office/src/vocabulary.ts';
import type { Identity } from '../../providers/auth-provider.ts';
import { MarkerTag } from './marker-tag.tsx';
import { StatusCounts } from './status-counts.tsx';
import { receiptMarker, replyMarker } from './receipts.ts';
import { formatLocal } from './timeline.ts';
import { TargetsButton } from './targets-form.tsx';
import { MonthlyReport } from '../reports/monthly-report.tsx';
import { ListTable } from '../../components/list-table.tsx';

const when = (at: string | null | undefined) => (at ? formatLocal(at) : '—');

export function SentDocuments() {
  const t = useTranslate();
  const { data: me } = useGetIdentity<Identity>();
  const push = useNavigate();
  const { result, query } = useList({
    resource: 'documents',
    filters: [
      { field: 'unit', operator: 'eq', value: me?.unit?.id },
      { field: 'status', operator: 'eq', value: 'sent' },
    ],
    sorters: [{ field: 'sent_at', order: 'desc' }],
    pagination: { pageSize: 50 },
    meta: { fields: ['id', 'title', 'sent_at', 'sign_due_at', 'reply_due_at', 'recipient_count'] },
    queryOptions: { enabled: Boolean(me?.unit?.id) },
  });
  // Drafts of my unit, each sent from here to the units chosen (POST /office/documents/:id/send).
  const drafts = useList({
    resource: 'documents',
    filters: [
      { field: 'unit', operator: 'eq', value: me?.unit?.id },
      { field: 'status', operator: 'eq', value: 'draft' },
    ],
    sorters: [{ field: 'id', order: 'desc' }],
    pagination: { pageSize: 50 },
    meta: { fields: ['id', 'title', 'kind'] },
    queryOptions: { enabled: Boolean(me?.unit?.id) },
  });
  const draftRows = (drafts.result?.data ?? []) as { id: number; title: string }[];
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('office.sentTitle', { unit: me?.unit?.name ?? '' })}
      </Typography.Title>
      {/* Every district, street and community office writes its monthly analysis report (leaders read it). */}
      {['district', 'street', 'community'].includes(me?.unit?.level ?? '') && me?.unit?.kind === 'office' && me?.job !== 'leader' && (
        <MonthlyReport kind="analysis" />
      )}
      {draftRows.length > 0 && (
        <ListTable
          rowKey="id"
          title={() => t('office.drafts')}
          dataSource={draftRows}
          pagination={false}
          onRow={(d) => ({ 'data-testid': `draft-${d.id}` }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('office.title'), dataIndex: 'title' },
            {
              title: t('office.send'),
              render: (_, d) => (
                <TargetsButton
                  label={t('office.send')}
                  path={`documents/${d.id}/send`}
                  testId="send-document"
                  upward
                  submissionId
                  onDone={() => {
                    void drafts.query.refetch();
                    void query.refetch();
                  }}
                />
              ),
            },
          ]}
        />
      )}
      <ListTable
        rowKey="id"
        loading={query.isLoading}
        dataSource={(result?.data ?? []) as any[]}
        pagination={false}
        locale={{ emptyText: t('office.noneSent') }}
        columns={[
          {
            title: t('office.title'),
            render: (_, d) => (
              <Button type="link" style={{ padding: 0 }} onClick={() => push(`/office/sent/${d.id}`)}>
                {d.title}
              </Button>
            ),
          },
          { title: t('office.sentAt'), render: (_, d) => when(d.sent_at) },
          { title: t('office.signDue'), render: (_, d) => when(d.sign_due_at) },
          { title: t('office.recipientCount'), dataIndex: 'recipient_count' },
        ]}
      />
    </Space>
  );
}

interface StatusPage {
  document: {
    id: number;
    title: string;
    sent_at: string | null;
    sign_due_at: string | null;
    reply_due_at: string | null;
    recipient_count: number;
  };
  counts: Record<'unread' | 'read' | 'signed' | 'late' | 'unsigned' | 'overdue', number>;
  recipients: {
    id: number;
    unit_name: string;
    level: string;
    status: ReceiptStatus;
    read_at: string | null;
    signed_at: string | null;
    reply_status: ReplyStatus;
    replied_at: string | null;
  }[];
}

/** The recipients' groups: the counts, and (with 'all') the filter above the list. */
const GROUPS = ['unsigned', 'overdue', 'signed', 'late'] as const;

export function DocumentStatus() {
  const t = useTranslate();
  const { id } = useParams();
  const apiUrl = useApiUrl();
  const [show, setShow] = useState('all');
  const { query } = useCustom<StatusPage>({
    url: `${apiUrl}/office/documents/${id}/status`,
    method: 'get',
    config: { query: { show, limit: 500 } },
    queryOptions: { retry: false },
  });
  // `query.data` is undefined until the answer comes (`result.data` is an empty object then).
  const page = query.data?.data;
  const error = query.error as { message?: string } | null;
  const now = new Date();
  if (error)
    return <Alert type="error" showIcon message={t('office.statusError', { message: error.message ?? '' })} data-testid="status-error" />;
  const counts = page?.counts;

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {page?.document.title ?? t('office.signStatus')}
      </Typography.Title>
      <Typography.Text type="secondary">
        {[
          t('office.sentOn', { at: when(page?.document.sent_at) }),
          t('office.signDueOn', { at: when(page?.document.sign_due_at) }),
          ...(page?.document.reply_due_at ? [t('office.submitDueOn', { at: when(page.document.reply_due_at) })] : []),
          t('office.recipients', { count: page?.document.recipient_count ?? 0 }),
        ].join(' · ')}
      </Typography.Text>
      <StatusCounts groups={GROUPS} counts={counts} words="office.receiptGroups" />
      <Segmented
        options={['all', ...GROUPS].map((value) => ({ value, label: t(`office.receiptGroups.${value}`) }))}
        value={show}
        onChange={(v) => setShow(String(v))}
        data-testid="status-filter"
      />
      <ListTable
        rowKey="id"
        loading={query.isLoading}
        dataSource={page?.recipients ?? []}
        pagination={false}
        locale={{ emptyText: t('office.noRecipients') }}
        onRow={(r) => ({ 'data-testid': `recipient-${r.unit_name}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('office.recipient'), dataIndex: 'unit_name' },
          {
            title: t('office.signStatus'),
            render: (_, r) => (
              <MarkerTag marker={receiptMarker({ ...r, sign_due_at: page?.document.sign_due_at }, now)} testId="recipient-status" />
            ),
          },
          { title: t('office.readAt'), render: (_, r) => when(r.read_at) },
          { title: t('office.signedAt'), render: (_, r) => when(r.signed_at) },
          {
            title: t('office.submission'),
            render: (_, r) => <MarkerTag marker={replyMarker({ ...r, reply_due_at: page?.document.reply_due_at }, now)} />,
          },
          { title: t('office.submittedAt'), render: (_, r) => when(r.replied_at) },
        ]}
      />
    </Space>
  );
}
