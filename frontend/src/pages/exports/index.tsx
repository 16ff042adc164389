// 导出申请: the requests of my unit and of the units below (the jurisdiction rule
// decides what is listed). The level above approves or refuses a pending one; the
// requester downloads an approved one once, as Excel or CSV, before it expires.

import { List, useTable } from '@refinedev/antd';
import { useApiUrl, useGetIdentity, useTranslate } from '@refinedev/core';
import { App, Button, Space, Table, Tag } from 'antd';
import { ListTable } from '../../components/list-table.tsx';
import { downloadFile } from '../../components/download.ts';
import { StepButtons } from '../../components/step-buttons.tsx';
import { refusalOf } from '../../i18n/index.ts';
import type { Identity } from '../../providers/auth-provider.ts';
import { useCollectionSchema } from '../../schema/use-schema.ts';
import { formatLocal } from '../office/timeline.ts';

interface Request {
  id: number;
  scope_collection: string;
  scope_unit: { name: string } | null;
  requester: { id: string; first_name: string | null; last_name: string | null } | null;
  reason: string;
  state: string;
  approver_unit: number | null;
  requested_at: string | null;
  expires_at: string | null;
  opinion: string | null;
}

const FIELDS = [
  'id',
  'scope_collection',
  'scope_unit.name',
  'requester.id',
  'requester.first_name',
  'requester.last_name',
  'reason',
  'state',
  'approver_unit',
  'requested_at',
  'expires_at',
  'opinion',
];
const STATE_COLORS: Record<string, string> = { pending: 'gold', approved: 'green', refused: 'red', generated: 'blue', expired: 'default' };

export function ExportRequests() {
  const t = useTranslate();
  const apiUrl = useApiUrl();
  const { message } = App.useApp();
  const { data: me } = useGetIdentity<Identity>();
  const { models, collectionLabel } = useCollectionSchema('export_requests');
  const label = (field: string) => models.find((m) => m.field === field)?.label ?? field;
  const choice = (field: string, value: string) =>
    models.find((m) => m.field === field)?.choices.find((c) => c.value === value)?.text ?? value;
  const { tableProps, tableQuery } = useTable<Request>({
    resource: 'export_requests',
    meta: { fields: FIELDS },
    sorters: { initial: [{ field: 'requested_at', order: 'desc' }] },
    syncWithLocation: true,
  });
  const download = (id: number, format: 'xlsx' | 'csv') =>
    downloadFile(`${apiUrl}/registries/exports/${id}/download${format === 'xlsx' ? '?format=xlsx' : ''}`, `export-${id}.${format}`)
      .catch((error) => message.error(refusalOf(error), 6))
      .finally(() => tableQuery.refetch());
  const decides = (r: Request) =>
    r.state === 'pending' && r.approver_unit === me?.unit?.id && (me?.job === 'head' || me?.job === 'sysadmin');
  return (
    <List title={collectionLabel === 'export_requests' ? t('exports.title') : collectionLabel}>
      <ListTable<Request> {...tableProps} rowKey="id" scroll={{ x: true }} data-testid="export-requests">
        <Table.Column<Request>
          dataIndex="scope_collection"
          title={label('scope_collection')}
          render={(v) => choice('scope_collection', v)}
        />
        <Table.Column<Request> dataIndex={['scope_unit', 'name']} title={label('scope_unit')} />
        <Table.Column<Request>
          dataIndex="requester"
          title={label('requester')}
          render={(v: Request['requester']) => (v ? `${v.last_name ?? ''}${v.first_name ?? ''}` : '—')}
        />
        <Table.Column<Request> dataIndex="reason" title={label('reason')} />
        <Table.Column<Request>
          dataIndex="state"
          title={label('state')}
          render={(v) => (
            <Tag color={STATE_COLORS[v]} data-state={v}>
              {choice('state', v)}
            </Tag>
          )}
        />
        <Table.Column<Request> dataIndex="requested_at" title={label('requested_at')} render={(v) => (v ? formatLocal(v) : '—')} />
        <Table.Column<Request>
          key="actions"
          title={t('table.actions')}
          fixed="right"
          render={(_, r) => (
            <Space wrap>
              {decides(r) && (
                <>
                  <StepButtons
                    steps={[{ key: 'approve', label: t('exports.approve'), primary: true }]}
                    url={() => `/registries/exports/${r.id}/decide`}
                    values={{ approve: true }}
                    text={{ name: 'opinion', label: t('exports.opinion'), max: 500 }}
                    onDone={() => tableQuery.refetch()}
                  />
                  <StepButtons
                    steps={[{ key: 'refuse', label: t('exports.refuse'), asks: { required: false } }]}
                    url={() => `/registries/exports/${r.id}/decide`}
                    values={{ approve: false }}
                    text={{ name: 'opinion', label: t('exports.opinion'), max: 500 }}
                    onDone={() => tableQuery.refetch()}
                  />
                </>
              )}
              {r.state === 'approved' && r.requester?.id === me?.id && (
                <>
                  <Button size="small" type="primary" onClick={() => void download(r.id, 'xlsx')} data-testid="download-xlsx">
                    {t('exports.xlsx')}
                  </Button>
                  <Button size="small" onClick={() => void download(r.id, 'csv')}>
                    {t('exports.csv')}
                  </Button>
                </>
              )}
            </Space>
          )}
        />
      </ListTable>
    </List>
  );
}
