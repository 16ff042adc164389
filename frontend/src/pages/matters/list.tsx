// 事项列表 with filters: type, category, urgency, status, deadline light, current
// handling unit (and the units below it), time raised, free text.

import { List, useTable } from '@refinedev/antd';
import type { CrudFilter } from '@refinedev/core';
import { useGetIdentity, useList, useNavigation, useTranslate } from '@refinedev/core';
import { Button, DatePicker, Form, Input, Select, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useNavigate } from 'react-router';
import { lightOf, RUNNING_LIGHTS, type Light } from '../../matters/lights.ts';
import { lightLabel, LightBadge } from '../../matters/light-badge.tsx';
import { useMatterWords } from '../../matters/use-matter-schema.ts';
import { findUnit } from '../units/tree.ts';
import { UnitFilterSelect } from '../units/unit-filter.tsx';
import { useUnitTree } from '../units/use-unit-tree.ts';
import { lightFilter } from './light-filter.ts';
import { mayRegister } from './register.ts';
import { ListTable } from '../../components/list-table.tsx';
import type { Identity } from '../../providers/auth-provider.ts';

/**
 * Whether the list shows its exact total: for a community or a grid (thousands of matters, counted
 * in milliseconds); a street, a department or the district pages without it (hundreds of thousands
 * to millions over three years: the count would cost seconds, the page milliseconds; docs/benchmarks.md).
 */
const exactTotal = (level: string | undefined) => level === 'community' || level === 'grid';

const FIELDS = [
  'id',
  'number',
  'title',
  'type',
  'urgency',
  'status',
  'due_at',
  'sign_due_at',
  'yellow_at',
  'paused_at',
  'date_created',
  'handler_unit.name',
  'unit.name',
];
const options = (table: Record<string, string>) => Object.entries(table).map(([value, label]) => ({ value, label }));

export function MatterList() {
  const t = useTranslate();
  const words = useMatterWords();
  const { show } = useNavigation();
  const navigate = useNavigate();
  const { tree } = useUnitTree();
  const categories = useList<{ id: number; name: string }>({
    resource: 'matter_categories',
    pagination: { mode: 'off' },
    meta: { fields: ['id', 'name'] },
    sorters: [{ field: 'sort', order: 'asc' }],
  });
  const { data: me } = useGetIdentity<Identity>();
  const { tableProps, searchFormProps } = useTable({
    resource: 'matters',
    meta: { fields: FIELDS, countless: !exactTotal(me?.unit?.level) },
    // Asked once it is known who asks (the total depends on the level).
    queryOptions: { enabled: me !== undefined },
    sorters: { initial: [{ field: 'date_created', order: 'desc' }] },
    // Every search states all its filters: the light's logical filters must not linger.
    filters: { defaultBehavior: 'replace' },
    onSearch: (v: any) => {
      const unit = findUnit(tree, v.unit);
      const filters: CrudFilter[] = [
        { field: 'q', operator: 'contains', value: v.q },
        { field: 'type', operator: 'in', value: v.type },
        { field: 'category', operator: 'in', value: v.category },
        { field: 'urgency', operator: 'in', value: v.urgency },
        { field: 'status', operator: 'in', value: v.status },
        { field: 'handler_unit.path', operator: 'startswiths', value: unit?.path },
        {
          field: 'date_created',
          operator: 'between',
          value: v.created ? [dayjs(v.created[0]).startOf('day').toISOString(), dayjs(v.created[1]).endOf('day').toISOString()] : undefined,
        },
      ];
      return v.light ? [...filters, ...lightFilter(v.light as Light, new Date())] : filters;
    },
  });
  const now = new Date();
  return (
    <List
      title={t('menu.matters')}
      // 登记事项 for the offices (leaders read and instruct).
      headerButtons={() =>
        mayRegister(me) ? (
          <Button type="primary" onClick={() => navigate('/matters/new')} data-testid="register-matter">
            {t('matters.register')}
          </Button>
        ) : null
      }
    >
      <Form
        {...searchFormProps}
        layout="inline"
        style={{ marginBottom: 16, rowGap: 8 }}
        onValuesChange={() => searchFormProps.form?.submit()}
      >
        <Form.Item name="q">
          <Input.Search placeholder={t('matters.search')} allowClear style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="type">
          <Select mode="multiple" placeholder={t('matters.type')} options={options(words.type)} style={{ minWidth: 140 }} allowClear />
        </Form.Item>
        <Form.Item name="category">
          <Select
            mode="multiple"
            placeholder={t('matters.category')}
            options={(categories.result?.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            style={{ minWidth: 140 }}
            allowClear
            optionFilterProp="label"
          />
        </Form.Item>
        <Form.Item name="urgency">
          <Select
            mode="multiple"
            placeholder={t('matters.urgency')}
            options={options(words.urgency)}
            style={{ minWidth: 120 }}
            allowClear
          />
        </Form.Item>
        <Form.Item name="status">
          <Select mode="multiple" placeholder={t('matters.status')} options={options(words.status)} style={{ minWidth: 140 }} allowClear />
        </Form.Item>
        <Form.Item name="light">
          <Select
            placeholder={t('matters.light')}
            options={([...RUNNING_LIGHTS, 'none'] as Light[]).map((l) => ({
              value: l,
              label: l === 'none' ? t('matters.noLight') : lightLabel(l),
            }))}
            style={{ minWidth: 120 }}
            allowClear
            data-testid="filter-light"
          />
        </Form.Item>
        <Form.Item name="unit">
          <UnitFilterSelect tree={tree} placeholder={t('matters.handlerBelow')} minWidth={220} />
        </Form.Item>
        <Form.Item name="created">
          <DatePicker.RangePicker />
        </Form.Item>
      </Form>
      <ListTable
        {...tableProps}
        card={{ title: 1, fields: [4, 5, 6], extra: 7 }}
        rowKey="id"
        scroll={{ x: true }}
        onRow={(r: any) => ({ onClick: () => show('matters', r.id), style: { cursor: 'pointer' } })}
      >
        <Table.Column dataIndex="number" title={t('matters.number')} />
        <Table.Column dataIndex="title" title={t('matters.title')} />
        <Table.Column dataIndex="type" title={t('matters.type')} render={(v) => words.type[v] ?? v} />
        <Table.Column
          dataIndex="urgency"
          title={t('matters.urgency')}
          render={(v) => <Tag color={v === 'normal' ? undefined : 'red'}>{words.urgency[v] ?? v}</Tag>}
        />
        <Table.Column dataIndex="status" title={t('matters.status')} render={(v) => words.status[v] ?? v} />
        <Table.Column dataIndex={['handler_unit', 'name']} title={t('matters.handler')} />
        <Table.Column dataIndex="due_at" title={t('matters.due')} sorter render={(v) => (v ? dayjs(v).format('MM-DD HH:mm') : '—')} />
        <Table.Column title={t('matters.light')} render={(_, r: any) => <LightBadge light={lightOf(r, now)} />} />
      </ListTable>
    </List>
  );
}
