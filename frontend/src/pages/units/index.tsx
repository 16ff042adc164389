// 单位 (unit browser): the unit tree as far as the user may read it; for the unit
// chosen, its staff, its grids and its other subunits. A system administrator goes
// on from here to the user administration of that unit.

import { useCan, useList } from '@refinedev/core';
import { useNavigate } from 'react-router';
import { Button, Card, Col, Descriptions, Empty, Input, List, Row, Table, Tabs, Tag, Tree, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { findUnit, type UnitNode } from './tree.ts';
import { useUnitTree } from './use-unit-tree.ts';

export const LEVEL_LABELS: Record<string, string> = { district: '区', street: '街道', community: '社区', grid: '网格' };
export const KIND_LABELS: Record<string, string> = { office: '综治办', department: '职能部门', member: '成员单位' };
export const JOB_LABELS: Record<string, string> = {
  sysadmin: '系统管理员',
  head: '综治办主任',
  staff: '专职人员',
  social_worker: '综治社工',
  grid_worker: '网格员',
  leader: '领导',
  liaison: '部门联络员',
};
export const STATUS_LABELS: Record<string, string> = {
  active: '在岗',
  suspended: '已停用',
  invited: '已邀请',
  draft: '草稿',
  archived: '已归档',
};

/** Nodes whose name contains the text, with the branches leading to them. */
function filterTree(nodes: UnitNode[], text: string): UnitNode[] {
  if (!text) return nodes;
  return nodes.flatMap((n) => {
    const children = filterTree(n.children, text);
    return n.title.includes(text) || children.length ? [{ ...n, children }] : [];
  });
}

export function UnitBrowser() {
  const { tree, isLoading } = useUnitTree();
  const [text, setText] = useState('');
  const [selected, setSelected] = useState<number | null>(null);
  const shown = useMemo(() => filterTree(tree, text.trim()), [tree, text]);
  const unit = findUnit(tree, selected ?? tree[0]?.key);
  return (
    <Row gutter={16}>
      <Col xs={24} md={9} lg={7}>
        <Card title="单位" size="small" loading={isLoading}>
          <Input.Search
            placeholder="按名称查找"
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
        {unit ? <UnitDetail unit={unit} onOpen={setSelected} /> : <Empty description="暂无可查看的单位" />}
      </Col>
    </Row>
  );
}

function UnitDetail({ unit, onOpen }: { unit: UnitNode; onOpen: (id: number) => void }) {
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
              查看
            </Button>,
          ]}
        >
          {n.title} <Tag>{KIND_LABELS[n.kind ?? ''] ?? n.kind}</Tag>{' '}
          <Typography.Text type="secondary">下级 {n.children.length} 个</Typography.Text>
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
            管理本单位用户
          </Button>
        )
      }
    >
      <Descriptions size="small" column={2} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="层级">{LEVEL_LABELS[unit.level ?? ''] ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="类别">{KIND_LABELS[unit.kind ?? ''] ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="单位路径">{unit.path}</Descriptions.Item>
      </Descriptions>
      <Tabs
        items={[
          {
            key: 'staff',
            label: `人员（${staff.result?.data?.length ?? 0}）`,
            children: (
              <Table
                rowKey="id"
                size="small"
                loading={staff.query.isLoading}
                dataSource={staff.result?.data ?? []}
                pagination={false}
                data-testid="unit-staff"
              >
                <Table.Column title="姓名" render={(_, u: any) => `${u.last_name ?? ''}${u.first_name ?? ''}`} />
                <Table.Column title="岗位" dataIndex="job" render={(v) => JOB_LABELS[v] ?? v ?? '—'} />
                <Table.Column title="职务" dataIndex="title" render={(v) => v ?? '—'} />
                <Table.Column title="手机" dataIndex="phone" render={(v) => v ?? '—'} />
                <Table.Column
                  title="状态"
                  dataIndex="status"
                  render={(v) => <Tag color={v === 'active' ? 'green' : 'default'}>{STATUS_LABELS[v] ?? v}</Tag>}
                />
              </Table>
            ),
          },
          { key: 'grids', label: `网格（${grids.length}）`, children: unitList(grids, '没有网格') },
          { key: 'units', label: `下级单位（${others.length}）`, children: unitList(others, '没有下级单位') },
        ]}
      />
    </Card>
  );
}
