// 收文签收: the documents sent to my unit, with their sign-for deadline and the
// late marker; sign for with one click; open a document (recorded as read) with
// its attachments, and reply or submit material (报送) when it asks for it.

import { useTranslate } from '@refinedev/core';
import { Button, Descriptions, Drawer, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { DOCUMENT_KINDS } from '../../../../extensions/office/src/vocabulary.ts';
import { URGENCIES } from '../../../../extensions/domains/matters/vocabulary.ts';
import { word } from '../../i18n/index.ts';
import { assetUrl } from '../../components/schema/files.tsx';
import { MarkerTag } from './marker-tag.tsx';
import { SubmissionForm } from './submission-form.tsx';
import { canReply, inboxOrder, isUnsigned, receiptMarker, replyMarker } from './receipts.ts';
import { formatLocal } from './timeline.ts';
import { useMyReceipts, type InboxReceipt } from './use-receipts.ts';
import { useOfficeAction } from './use-office-action.ts';
import { ListTable } from '../../components/list-table.tsx';

const when = (at: string | null | undefined) => (at ? formatLocal(at) : '—');

function DocumentDrawer({
  receipt,
  onClose,
  onChanged,
}: {
  receipt: InboxReceipt & { sender: string; sign_due_at: string | null; reply_due_at: string | null };
  onClose: () => void;
  onChanged: () => void;
}) {
  const t = useTranslate();
  const doc = receipt.document;
  const now = new Date();
  return (
    <Drawer open width={720} title={doc.title} onClose={onClose} destroyOnHidden data-testid="document-drawer">
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Descriptions column={2} size="small" bordered>
          <Descriptions.Item label={t('office.sender')}>{receipt.sender}</Descriptions.Item>
          <Descriptions.Item label={t('office.referenceNumber')}>{doc.reference_number ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('office.kind')}>{word('documentKind', DOCUMENT_KINDS, doc.kind)}</Descriptions.Item>
          <Descriptions.Item label={t('office.urgency')}>{word('urgency', URGENCIES, doc.urgency)}</Descriptions.Item>
          <Descriptions.Item label={t('office.sentAt')}>{when(doc.sent_at)}</Descriptions.Item>
          <Descriptions.Item label={t('office.signDue')}>{when(doc.sign_due_at)}</Descriptions.Item>
          <Descriptions.Item label={t('office.signStatus')}>
            <MarkerTag marker={receiptMarker(receipt, now)} />
            {receipt.signed_at ? when(receipt.signed_at) : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('office.submission')}>
            <MarkerTag marker={replyMarker(receipt, now)} />
            {doc.reply_required ? t('office.dueBy', { at: when(doc.reply_due_at) }) : t('office.noSubmission')}
          </Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="document-body">
          {doc.body}
        </Typography.Paragraph>
        <div>
          <Typography.Title level={5}>{t('office.attachments')}</Typography.Title>
          {doc.attachments.length === 0 && <Typography.Text type="secondary">{t('office.noAttachments')}</Typography.Text>}
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
            <Typography.Title level={5}>{t('office.submission')}</Typography.Title>
            {doc.reply_instructions && (
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{doc.reply_instructions}</Typography.Paragraph>
            )}
            {canReply(receipt) && <SubmissionForm path={`documents/${doc.id}/reply`} onDone={onChanged} />}
            {isUnsigned(receipt) && <Typography.Text type="secondary">{t('office.signFirst')}</Typography.Text>}
            {receipt.replied_at && (
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
                {t('office.submitted', { at: when(receipt.replied_at), text: receipt.reply_text ?? t('office.materials') })}
              </Typography.Paragraph>
            )}
          </div>
        )}
      </Space>
    </Drawer>
  );
}

export function OfficeInbox() {
  const t = useTranslate();
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
        {t('office.inboxTitle', { unit: me?.unit?.name ?? '' })}
      </Typography.Title>
      <ListTable
        rowKey="id"
        loading={isLoading}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('office.noInbox') }}
        onRow={(r) => ({ 'data-testid': `inbox-${r.document.id}`, 'data-status': r.status }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('office.title'),
            render: (_, r) => (
              <Button type="link" style={{ padding: 0 }} onClick={() => void show(r)}>
                {r.document.title}
              </Button>
            ),
          },
          { title: t('office.sender'), render: (_, r) => r.sender },
          { title: t('office.kind'), render: (_, r) => word('documentKind', DOCUMENT_KINDS, r.document.kind) },
          {
            title: t('office.urgency'),
            render: (_, r) => (
              <Tag color={r.document.urgency === 'normal' ? undefined : 'red'}>{word('urgency', URGENCIES, r.document.urgency)}</Tag>
            ),
          },
          { title: t('office.signDue'), render: (_, r) => when(r.document.sign_due_at) },
          { title: t('office.status'), render: (_, r) => <MarkerTag marker={receiptMarker(r, now)} testId="receipt-status" /> },
          { title: t('office.submission'), render: (_, r) => <MarkerTag marker={replyMarker(r, now)} /> },
          {
            title: t('table.actions'),
            render: (_, r) => (
              <Space>
                {isUnsigned(r) && (
                  <Button type="primary" size="small" loading={pending} onClick={() => void sign(r)} data-testid="sign">
                    {t('office.sign')}
                  </Button>
                )}
                {canReply(r) && (
                  <Button size="small" onClick={() => void show(r)}>
                    {t('office.submit')}
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
