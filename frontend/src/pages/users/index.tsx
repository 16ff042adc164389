// 用户管理: a unit's system administrator lists, creates, changes and disables the
// users of the own unit and below. Which units and roles can be chosen is what
// the server lets this user read (its jurisdiction; the roles its policy may give);
// the server refuses anything else (schema/access.ts, manage-users-*).

import { useCan, useCreate, useList, useUpdate } from '@refinedev/core';
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, TreeSelect } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { JOB_LABELS, STATUS_LABELS } from '../units/index.tsx';
import { findUnit } from '../units/tree.ts';
import { useUnitTree } from '../units/use-unit-tree.ts';
import { userAdminError, type Refusal } from './errors.ts';

interface UserRow {
  id: string;
  first_name: string | null;
  last_name: string | null;
  email: string;
  phone: string | null;
  title: string | null;
  status: string;
  job: string | null;
  unit: { id: number; name: string } | null;
  role: { id: string; name: string } | null;
}

const FIELDS = [
  'id',
  'first_name',
  'last_name',
  'email',
  'phone',
  'title',
  'status',
  'job',
  'unit.id',
  'unit.name',
  'role.id',
  'role.name',
];

export function UserAdmin() {
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const { tree } = useUnitTree();
  const unitId = Number(params.get('unit')) || null;
  const scope = findUnit(tree, unitId);
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<UserRow | 'new' | null>(null);
  const canCreate = useCan({ resource: 'directus_users', action: 'create' }).data?.can;
  const canEdit = useCan({ resource: 'directus_users', action: 'edit' }).data?.can;
  const users = useList<UserRow>({
    resource: 'directus_users',
    filters: [
      ...(scope ? [{ field: 'unit_path', operator: 'startswiths' as const, value: scope.path }] : []),
      { field: 'q', operator: 'contains' as const, value: search },
    ],
    sorters: [
      { field: 'unit_path', order: 'asc' },
      { field: 'last_name', order: 'asc' },
    ],
    pagination: { pageSize: 200 },
    meta: { fields: FIELDS },
  });
  const { mutate: update } = useUpdate();
  const setStatus = (user: UserRow, status: 'active' | 'suspended') =>
    update(
      { resource: 'directus_users', id: user.id, values: { status }, successNotification: false, errorNotification: false },
      {
        onSuccess: () => message.success(status === 'active' ? '已启用' : '已停用'),
        onError: (e) => message.error(userAdminError(e as Refusal)),
      },
    );
  return (
    <Card
      title="用户管理"
      extra={
        canCreate && (
          <Button type="primary" onClick={() => setEditing('new')}>
            新建用户
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <TreeSelect
          treeData={tree as never}
          value={scope?.key}
          onChange={(v) => setParams(v ? { unit: String(v) } : {})}
          allowClear
          showSearch
          treeNodeFilterProp="title"
          placeholder="全部可管理的单位"
          style={{ minWidth: 280 }}
          treeDefaultExpandAll={false}
          data-testid="user-unit-filter"
        />
        <Input.Search placeholder="姓名、邮箱" allowClear onSearch={setSearch} style={{ width: 220 }} />
      </Space>
      <Table<UserRow>
        rowKey="id"
        size="small"
        loading={users.query.isLoading}
        dataSource={users.result?.data ?? []}
        pagination={{ pageSize: 20 }}
        data-testid="user-table"
      >
        <Table.Column<UserRow> title="姓名" render={(_, u) => `${u.last_name ?? ''}${u.first_name ?? ''}` || '—'} />
        <Table.Column<UserRow> title="电子邮箱" dataIndex="email" />
        <Table.Column<UserRow> title="所在单位" render={(_, u) => u.unit?.name ?? '—'} />
        <Table.Column<UserRow> title="角色" render={(_, u) => u.role?.name ?? JOB_LABELS[u.job ?? ''] ?? '—'} />
        <Table.Column<UserRow>
          title="状态"
          dataIndex="status"
          render={(v: string) => <Tag color={v === 'active' ? 'green' : 'default'}>{STATUS_LABELS[v] ?? v}</Tag>}
        />
        {canEdit && (
          <Table.Column<UserRow>
            title="操作"
            render={(_, u) => (
              <Space>
                <Button size="small" onClick={() => setEditing(u)}>
                  编辑
                </Button>
                {u.status === 'active' ? (
                  <Button size="small" danger onClick={() => setStatus(u, 'suspended')}>
                    停用
                  </Button>
                ) : (
                  <Button size="small" onClick={() => setStatus(u, 'active')}>
                    启用
                  </Button>
                )}
              </Space>
            )}
          />
        )}
      </Table>
      {editing && <UserForm user={editing === 'new' ? null : editing} defaultUnit={scope?.key ?? null} onClose={() => setEditing(null)} />}
    </Card>
  );
}

function UserForm({ user, defaultUnit, onClose }: { user: UserRow | null; defaultUnit: number | null; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const { tree } = useUnitTree();
  // The roles this administrator may give: the only roles the server lets it read.
  const roles = useList<{ id: string; name: string }>({
    resource: 'directus_roles',
    pagination: { mode: 'off' },
    sorters: [{ field: 'name', order: 'asc' }],
    meta: { fields: ['id', 'name'] },
  });
  const { mutate: create, mutation: creating } = useCreate();
  const { mutate: update, mutation: updating } = useUpdate();
  const save = (values: Record<string, unknown>) => {
    const payload = Object.fromEntries(Object.entries(values).filter(([k, v]) => !(k === 'password' && !v)));
    const done = {
      onSuccess: () => (message.success('已保存'), onClose()),
      onError: (e: unknown) => message.error(userAdminError(e as Refusal)),
    };
    if (user)
      update({ resource: 'directus_users', id: user.id, values: payload, successNotification: false, errorNotification: false }, done);
    else
      create(
        { resource: 'directus_users', values: { ...payload, status: 'active' }, successNotification: false, errorNotification: false },
        done,
      );
  };
  return (
    <Modal
      open
      title={user ? '编辑用户' : '新建用户'}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={creating.isPending || updating.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={
          user
            ? {
                last_name: user.last_name,
                first_name: user.first_name,
                email: user.email,
                phone: user.phone,
                title: user.title,
                unit: user.unit?.id,
                role: user.role?.id,
              }
            : { unit: defaultUnit ?? undefined }
        }
        data-testid="user-form"
      >
        <Space.Compact block>
          <Form.Item name="last_name" label="姓" rules={[{ required: true, message: '请填写姓' }, { max: 50 }]} style={{ width: '40%' }}>
            <Input />
          </Form.Item>
          <Form.Item name="first_name" label="名" rules={[{ required: true, message: '请填写名' }, { max: 50 }]} style={{ width: '60%' }}>
            <Input />
          </Form.Item>
        </Space.Compact>
        <Form.Item
          name="email"
          label="电子邮箱（登录账号）"
          rules={[
            { required: true, message: '请填写电子邮箱' },
            { type: 'email', message: '电子邮箱格式不正确' },
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="password"
          label={user ? '新密码（不改请留空）' : '初始密码'}
          rules={[
            { required: !user, message: '请填写初始密码' },
            { min: 8, message: '密码至少 8 位' },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="phone" label="手机号码" rules={[{ pattern: /^1\d{10}$/, message: '请填写 11 位手机号码' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="title" label="职务">
          <Input />
        </Form.Item>
        <Form.Item name="unit" label="所在单位" rules={[{ required: true, message: '请选择所在单位' }]}>
          <TreeSelect
            treeData={tree as never}
            showSearch
            treeNodeFilterProp="title"
            placeholder="本单位或下级单位"
            data-testid="user-unit"
          />
        </Form.Item>
        <Form.Item
          name="role"
          label="角色"
          rules={[{ required: true, message: '请选择角色' }]}
          extra="只能授予本级及以下的角色；岗位由角色决定"
        >
          <Select
            options={(roles.result?.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
            showSearch
            optionFilterProp="label"
            loading={roles.query.isLoading}
            data-testid="user-role"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
