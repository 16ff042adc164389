// 安全审计: the district system administrator reads the audit log, newest first,
// filtered by time, event, outcome, account and door. Column titles and the
// words for events and outcomes come from the collection's metadata
// (schema/collections/audit.ts), so they are written once.

import { List, useTable } from '@refinedev/antd';
import { useTranslate, type CrudFilter } from '@refinedev/core';
import { DatePicker, Form, Input, Select, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useCollectionSchema } from '../../schema/use-schema.ts';
import { ListTable } from '../../components/list-table.tsx';

const FIELDS = ['id', 'at', 'action', 'outcome', 'actor_email', 'actor_unit', 'ip', 'door', 'collection_name', 'row_count', 'detail'];
const OUTCOME_COLOURS: Record<string, string> = { success: 'green', failure: 'orange', refused: 'red' };

export function AuditLog() {
  const t = useTranslate();
  const { models, collectionLabel } = useCollectionSchema('audit_log');
  const field = useMemo(() => new Map(models.map((m) => [m.field, m])), [models]);
  const title = (name: string) => field.get(name)?.label ?? name;
  const words = (name: string) => Object.fromEntries((field.get(name)?.choices ?? []).map((c) => [c.value, c.text]));
  const actions = words('action');
  const outcomes = words('outcome');
  const options = (table: Record<string, string>) => Object.entries(table).map(([value, label]) => ({ value, label }));

  const { tableProps, searchFormProps } = useTable({
    resource: 'audit_log',
    meta: { fields: FIELDS },
    sorters: { initial: [{ field: 'id', order: 'desc' }] },
    pagination: { pageSize: 50 },
    filters: { defaultBehavior: 'replace' },
    onSearch: (v: any) => {
      const filters: CrudFilter[] = [
        { field: 'action', operator: 'in', value: v.action },
        { field: 'outcome', operator: 'in', value: v.outcome },
        { field: 'actor_email', operator: 'contains', value: v.account || undefined },
        { field: 'door', operator: 'contains', value: v.door || undefined },
        {
          field: 'at',
          operator: 'between',
          value: v.at ? [dayjs(v.at[0]).startOf('day').toISOString(), dayjs(v.at[1]).endOf('day').toISOString()] : undefined,
        },
      ];
      return filters;
    },
  });

  return (
    <List title={collectionLabel === 'audit_log' ? t('menu.audit') : collectionLabel}>
      <Form
        {...searchFormProps}
        layout="inline"
        style={{ marginBottom: 16, rowGap: 8 }}
        onValuesChange={() => searchFormProps.form?.submit()}
      >
        <Form.Item name="at">
          <DatePicker.RangePicker />
        </Form.Item>
        <Form.Item name="action">
          <Select
            mode="multiple"
            placeholder={title('action')}
            options={options(actions)}
            style={{ minWidth: 180 }}
            allowClear
            optionFilterProp="label"
            data-testid="audit-action"
          />
        </Form.Item>
        <Form.Item name="outcome">
          <Select mode="multiple" placeholder={title('outcome')} options={options(outcomes)} style={{ minWidth: 120 }} allowClear />
        </Form.Item>
        <Form.Item name="account">
          <Input.Search placeholder={title('actor_email')} allowClear style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="door">
          <Input.Search placeholder={title('door')} allowClear style={{ width: 200 }} />
        </Form.Item>
      </Form>
      <ListTable {...tableProps} rowKey="id" scroll={{ x: true }} data-testid="audit-table">
        <Table.Column dataIndex="at" title={title('at')} render={(v) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm:ss') : '—')} />
        <Table.Column dataIndex="action" title={title('action')} render={(v) => actions[v] ?? v} />
        <Table.Column
          dataIndex="outcome"
          title={title('outcome')}
          render={(v) => <Tag color={OUTCOME_COLOURS[v]}>{outcomes[v] ?? v}</Tag>}
        />
        <Table.Column dataIndex="actor_email" title={title('actor_email')} />
        <Table.Column dataIndex="ip" title={title('ip')} />
        <Table.Column dataIndex="door" title={title('door')} />
        <Table.Column dataIndex="collection_name" title={title('collection_name')} />
        <Table.Column dataIndex="row_count" title={title('row_count')} />
        <Table.Column
          dataIndex="detail"
          title={title('detail')}
          render={(v) => (v ? <code style={{ fontSize: 12, wordBreak: 'break-all' }}>{JSON.stringify(v)}</code> : null)}
        />
      </ListTable>
    </List>
  );
}
