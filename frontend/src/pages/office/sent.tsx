// 发文签收情况: my unit's sent documents, and for one of them the sender's status
// page (GET /office/documents/:id/status): counts, who has not signed, the late
// ones, each recipient's reply. Only the sending unit and its superiors get it.

import { useApiUrl, useCustom, useGetIdentity, useList } from '@refinedev/core';
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

const when = (at: string | null | undefined) => (at ? formatLocal(at) : '—');

export function SentDocuments() {
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
        {me?.unit?.name ?? ''} 发文签收情况
      </Typography.Title>
      {draftRows.length > 0 && (
        <Table
          rowKey="id"
          title={() => '草稿（待发送）'}
          dataSource={draftRows}
          pagination={false}
          onRow={(d) => ({ 'data-testid': `draft-${d.id}` }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: '标题', dataIndex: 'title' },
            {
              title: '发送',
              render: (_, d) => (
                <TargetsButton
                  label="发送"
                  path={`documents/${d.id}/send`}
                  testId="send-document"
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
      <Table
        rowKey="id"
        loading={query.isLoading}
        dataSource={(result?.data ?? []) as any[]}
        pagination={false}
        locale={{ emptyText: '本单位尚未发送公文' }}
        columns={[
          {
            title: '标题',
            render: (_, d) => (
              <Button type="link" style={{ padding: 0 }} onClick={() => push(`/office/sent/${d.id}`)}>
                {d.title}
              </Button>
            ),
          },
          { title: '发送时间', render: (_, d) => when(d.sent_at) },
          { title: '签收时限', render: (_, d) => when(d.sign_due_at) },
          { title: '接收单位数', dataIndex: 'recipient_count' },
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

const FILTERS = [
  { value: 'all', label: '全部' },
  { value: 'unsigned', label: '未签收' },
  { value: 'overdue', label: '逾期未签收' },
  { value: 'signed', label: '已签收' },
  { value: 'late', label: '逾期签收' },
];

export function DocumentStatus() {
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
  if (error) return <Alert type="error" showIcon message={`无法查看签收情况：${error.message ?? ''}`} data-testid="status-error" />;
  const counts = page?.counts;
  const stats: [keyof StatusPage['counts'], string, string?][] = [
    ['unsigned', '未签收'],
    ['overdue', '逾期未签收', '#f5222d'],
    ['signed', '已签收', '#52c41a'],
    ['late', '逾期签收', '#fa8c16'],
  ];
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {page?.document.title ?? '签收情况'}
      </Typography.Title>
      <Typography.Text type="secondary">
        发送 {when(page?.document.sent_at)} · 签收时限 {when(page?.document.sign_due_at)}
        {page?.document.reply_due_at ? ` · 报送时限 ${when(page.document.reply_due_at)}` : ''} · 接收单位{' '}
        {page?.document.recipient_count ?? 0} 个
      </Typography.Text>
      <StatusCounts items={stats.map(([key, label, color]) => ({ key, label, color, value: counts?.[key] ?? 0 }))} />
      <Segmented options={FILTERS} value={show} onChange={(v) => setShow(String(v))} data-testid="status-filter" />
      <Table
        rowKey="id"
        loading={query.isLoading}
        dataSource={page?.recipients ?? []}
        pagination={false}
        locale={{ emptyText: '没有符合条件的接收单位' }}
        onRow={(r) => ({ 'data-testid': `recipient-${r.unit_name}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: '接收单位', dataIndex: 'unit_name' },
          {
            title: '签收状态',
            render: (_, r) => (
              <MarkerTag marker={receiptMarker({ ...r, sign_due_at: page?.document.sign_due_at }, now)} testId="recipient-status" />
            ),
          },
          { title: '阅读时间', render: (_, r) => when(r.read_at) },
          { title: '签收时间', render: (_, r) => when(r.signed_at) },
          { title: '报送', render: (_, r) => <MarkerTag marker={replyMarker({ ...r, reply_due_at: page?.document.reply_due_at }, now)} /> },
          { title: '报送时间', render: (_, r) => when(r.replied_at) },
        ]}
      />
    </Space>
  );
}
