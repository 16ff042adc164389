// 单位 (unit browser): the unit tree as far as the user may read it; for the unit
// chosen, its staff, its grids and its other subunits. A system administrator goes
// on from here to the user administration of that unit.

import { useCan, useList, useTranslate } from '@refinedev/core';
import { useNavigate } from 'react-router';
import { Button, Card, Col, Descriptions, Empty, Input, List, Row, Table, Tabs, Tag, Tree, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { JOB_LABELS, KIND_LABELS, LEVEL_LABELS } from '../../../../extensions/kernel/unit-path.ts';
import { word } from '../../i18n/index.ts';
import { findUnit, type UnitNode } from './tree.ts';
import { useUnitTree } from './use-unit-tree.ts';
import { ListTable } from '../../components/list-table.tsx';

/** A user's status (Directus's own values) as a tag. */
export function UserStatus({ status }: { status: string }) {
  const t = useTranslate();
  return <Tag color={status === 'active' ? 'green' : 'default'}>{t(`users.statuses.${status}`, status)}</Tag>;
}

/** Nodes whose name contains the text, with the branches leading to them. */
function filterTree(nodes: UnitNode[], text: string): UnitNode[] {
  if (!text) return nodes;
  return nodes.flatMap((n) => {
    const children = filterTree(n.children, text);
    return n.title.includes(text) || children.length ? [{ ...n, children }] : [];
  });
}

export function UnitBrowser() {
  const t = useTranslate();
  const { tree, isLoading } = useUnitTree();
  const [text, setText] = useState('');
  const [selected, setSelected] = useState<number | null>(null);
  const shown = useMemo(() => filterTree(tree, text.trim()), [tree, text]);
  const unit = findUnit(tree, selected ?? tree[0]?.key);
  return (
    <Row gutter={16}>
      <Col xs={24} md={9} lg={7}>
        <Card title={t('units.title')} size="small" loading={isLoading}>
          <Input.Search
            placeholder={t('units.search')}
            allowClear
            onChange={(e) => setText(e.target.value)}
            style={{ marginBottom: 8 }}
            data-testid="unit-search"
          />
          <Tree
            treeData={shown as never}
            selectedKeys={unit ? [unit.key] : []}
            onSelect={(keys) => keys[0] !== undefined && setSelected(Number(keys[0]))}
            defaultExpandedKeys={tree.map((n) => n.key)}
            defaultExpandParent
            height={640}
            data-testid="unit-tree"
          />
        </Card>
      </Col>
      <Col xs={24} md={15} lg={17}>
        {unit ? <UnitDetail unit={unit} onOpen={setSelected} /> : <Empty description={t('units.none')} />}
      </Col>
    </Row>
  );
}

function UnitDetail({ unit, onOpen }: { unit: UnitNode; onOpen: (id: number) => void }) {
  const t = useTranslate();
  const navigate = useNavigate();
  const canManage = useCan({ resource: 'directus_users', action: 'create' }).data?.can;
  const staff = useList({
    resource: 'directus_users',
    filters: [{ field: 'unit', operator: 'eq', value: unit.key }],
    pagination: { mode: 'off' },
    sorters: [{ field: 'last_name', order: 'asc' }],
    meta: { fields: ['id', 'first_name', 'last_name', 'job', 'phone', 'title', 'status'] },
  });
  const grids = unit.children.filter((c) => c.level === 'grid');
  const others = unit.children.filter((c) => c.level !== 'grid');
  const unitList = (list: UnitNode[], empty: string) => (
    <List
      size="small"
      dataSource={list}
      locale={{ emptyText: empty }}
      renderItem={(n) => (
        <List.Item
          actions={[
            <Button key="open" type="link" size="small" onClick={() => onOpen(n.key)}>
              {t('units.open')}
            </Button>,
          ]}
        >
          {n.title} <Tag>{word('kind', KIND_LABELS, n.kind)}</Tag>{' '}
          <Typography.Text type="secondary">{t('units.children', { count: n.children.length })}</Typography.Text>
        </List.Item>
      )}
    />
  );
  return (
    <Card
      title={<span data-testid="unit-title">{unit.title}</span>}
      size="small"
      extra={
        canManage && (
          <Button type="primary" onClick={() => navigate(`/users?unit=${unit.key}`)}>
            {t('units.manageUsers')}
          </Button>
        )
      }
    >
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('units.level')}>{word('level', LEVEL_LABELS, unit.level)}</Descriptions.Item>
        <Descriptions.Item label={t('units.kind')}>{word('kind', KIND_LABELS, unit.kind)}</Descriptions.Item>
        <Descriptions.Item label={t('units.path')}>{unit.path}</Descriptions.Item>
      </Descriptions>
      <Tabs
        items={[
          {
            key: 'staff',
            label: t('units.staff', { count: staff.result?.data?.length ?? 0 }),
            children: (
              <ListTable
                rowKey="id"
                size="small"
                loading={staff.query.isLoading}
                dataSource={staff.result?.data ?? []}
                pagination={false}
                data-testid="unit-staff"
              >
                <Table.Column title={t('users.name')} render={(_, u: any) => `${u.last_name ?? ''}${u.first_name ?? ''}`} />
                <Table.Column title={t('units.job')} dataIndex="job" render={(v) => word('job', JOB_LABELS, v)} />
                <Table.Column title={t('users.post')} dataIndex="title" render={(v) => v ?? '—'} />
                <Table.Column title={t('units.phone')} dataIndex="phone" render={(v) => v ?? '—'} />
                <Table.Column title={t('users.status')} dataIndex="status" render={(v) => <UserStatus status={v} />} />
              </ListTable>
            ),
          },
          { key: 'grids', label: t('units.grids', { count: grids.length }), children: unitList(grids, t('units.noGrids')) },
          { key: 'units', label: t('units.subunits', { count: others.length }), children: unitList(others, t('units.noSubunits')) },
        ]}
      />
    </Card>
  );
}
