// 待签收公文 on the workbench: my unit's documents still to sign for, soonest deadline first.

import { useTranslate } from '@refinedev/core';
import { Card, List as AntList } from 'antd';
import { useNavigate } from 'react-router';
import { MarkerTag } from './marker-tag.tsx';
import { inboxOrder, receiptMarker } from './receipts.ts';
import { formatLocal } from './timeline.ts';
import { useMyReceipts } from './use-receipts.ts';

export function DocumentsToSign() {
  const t = useTranslate();
  const { receipts, isLoading } = useMyReceipts({ unsignedOnly: true });
  const push = useNavigate();
  const now = new Date();
  return (
    <Card title={t('office.toSign', { count: receipts.length })} size="small" loading={isLoading} data-testid="todo-documents">
      <AntList
        dataSource={inboxOrder(receipts)}
        locale={{ emptyText: t('list.none') }}
        renderItem={(r) => (
          <AntList.Item onClick={() => push('/office/inbox')} style={{ cursor: 'pointer' }}>
            <AntList.Item.Meta
              title={r.document.title}
              description={`${r.sender} · ${t('office.signDueOn', { at: r.sign_due_at ? formatLocal(r.sign_due_at) : '—' })}`}
            />
            <MarkerTag marker={receiptMarker(r, now)} />
          </AntList.Item>
        )}
      />
    </Card>
  );
}
