// 收文签收: the documents sent to my unit, with their sign-for deadline and the
// late marker; sign for with one click; open a document (recorded as read) with
// its attachments, and reply or submit material (报送) when it asks for it.

import { Button, Descriptions, Drawer, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { DOCUMENT_KINDS } from '../../../../extensions/office/src/vocabulary.ts';
import { URGENCIES } from '../../../../extensions/domains/matters/vocabulary.ts';
import { assetUrl } from '../../components/schema/files.tsx';
import { MarkerTag } from './marker-tag.tsx';
import { SubmissionForm } from './submission-form.tsx';
import { canReply, inboxOrder, isUnsigned, receiptMarker, replyMarker } from './receipts.ts';
import { formatLocal } from './timeline.ts';
import { useMyReceipts, type InboxReceipt } from './use-receipts.ts';
import { useOfficeAction } from './use-office-action.ts';

const when = (at: string | null | undefined) => (at ? formatLocal(at) : '—');
const word = (list: Record<string, string>, value: string) => list[value] ?? value;

function DocumentDrawer({
  receipt,
  onClose,
  onChanged,
}: {
  receipt: InboxReceipt & { sender: string; sign_due_at: string | null; reply_due_at: string | null };
  onClose: () => void;
  onChanged: () => void;
}) {
  const doc = receipt.document;
  const now = new Date();
  return (
    <Drawer open width={720} title={doc.title} onClose={onClose} destroyOnHidden data-testid="document-drawer">
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Descriptions column={2} size="small" bordered>
          <Descriptions.Item label="发文单位">{receipt.sender}</Descriptions.Item>
          <Descriptions.Item label="文号">{doc.reference_number ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="类别">{word(DOCUMENT_KINDS, doc.kind)}</Descriptions.Item>
          <Descriptions.Item label="紧急程度">{word(URGENCIES, doc.urgency)}</Descriptions.Item>
          <Descriptions.Item label="发送时间">{when(doc.sent_at)}</Descriptions.Item>
          <Descriptions.Item label="签收时限">{when(doc.sign_due_at)}</Descriptions.Item>
          <Descriptions.Item label="签收状态">
            <MarkerTag marker={receiptMarker(receipt, now)} />
            {receipt.signed_at ? when(receipt.signed_at) : ''}
          </Descriptions.Item>
          <Descriptions.Item label="报送">
            <MarkerTag marker={replyMarker(receipt, now)} />
            {doc.reply_required ? `时限 ${when(doc.reply_due_at)}` : '无需报送'}
          </Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="document-body">
          {doc.body}
        </Typography.Paragraph>
        <div>
          <Typography.Title level={5}>附件</Typography.Title>
          {doc.attachments.length === 0 && <Typography.Text type="secondary">无附件</Typography.Text>}
          <ul data-testid="attachments">
            {doc.attachments
              .map((a) => a.directus_files_id)
              .filter((f): f is NonNullable<typeof f> => Boolean(f))
              .map((f) => (
                <li key={f.id}>
                  <a href={`${assetUrl(f.id)}?download`} target="_blank" rel="noreferrer">
                    {f.title ?? f.filename_download ?? f.id}
                  </a>
                </li>
              ))}
          </ul>
        </div>
        {doc.reply_required && (
          <div>
            <Typography.Title level={5}>报送</Typography.Title>
            {doc.reply_instructions && (
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{doc.reply_instructions}</Typography.Paragraph>
            )}
            {canReply(receipt) && <SubmissionForm path={`documents/${doc.id}/reply`} onDone={onChanged} />}
            {isUnsigned(receipt) && <Typography.Text type="secondary">签收后才能报送。</Typography.Text>}
            {receipt.replied_at && (
              <Typography.Paragraph
                style={{ whiteSpace: 'pre-wrap' }}
              >{`${when(receipt.replied_at)} 已报送：${receipt.reply_text ?? '（材料）'}`}</Typography.Paragraph>
            )}
          </div>
        )}
      </Space>
    </Drawer>
  );
}

export function OfficeInbox() {
  const { me, receipts, isLoading, refetch } = useMyReceipts();
  const { post, pending } = useOfficeAction();
  const [openId, setOpenId] = useState<number | null>(null);
  const now = new Date();
  const rows = inboxOrder(receipts);
  const open = rows.find((r) => r.document.id === openId) ?? null;

  const show = async (r: (typeof rows)[number]) => {
    setOpenId(r.document.id);
    if (r.status === 'unread') {
      await post(`documents/${r.document.id}/read`);
      void refetch();
    }
  };
  const sign = async (r: (typeof rows)[number]) => {
    if (await post(`documents/${r.document.id}/sign`)) void refetch();
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {me?.unit?.name ?? ''} 收文签收
      </Typography.Title>
      <Table
        rowKey="id"
        loading={isLoading}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '暂无收文' }}
        onRow={(r) => ({ 'data-testid': `inbox-${r.document.id}`, 'data-status': r.status }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: '标题',
            render: (_, r) => (
              <Button type="link" style={{ padding: 0 }} onClick={() => void show(r)}>
                {r.document.title}
              </Button>
            ),
          },
          { title: '发文单位', render: (_, r) => r.sender },
          { title: '类别', render: (_, r) => word(DOCUMENT_KINDS, r.document.kind) },
          {
            title: '紧急程度',
            render: (_, r) => <Tag color={r.document.urgency === 'normal' ? undefined : 'red'}>{word(URGENCIES, r.document.urgency)}</Tag>,
          },
          { title: '签收时限', render: (_, r) => when(r.document.sign_due_at) },
          { title: '状态', render: (_, r) => <MarkerTag marker={receiptMarker(r, now)} testId="receipt-status" /> },
          { title: '报送', render: (_, r) => <MarkerTag marker={replyMarker(r, now)} /> },
          {
            title: '操作',
            render: (_, r) => (
              <Space>
                {isUnsigned(r) && (
                  <Button type="primary" size="small" loading={pending} onClick={() => void sign(r)} data-testid="sign">
                    签收
                  </Button>
                )}
                {canReply(r) && (
                  <Button size="small" onClick={() => void show(r)}>
                    报送
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {open && (
        <DocumentDrawer
          receipt={open}
          onClose={() => setOpenId(null)}
          onChanged={() => {
            void refetch();
          }}
        />
      )}
    </Space>
  );
}
