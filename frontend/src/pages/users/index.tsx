// 用户管理: a unit's system administrator lists, creates, changes and disables the
// users of the own unit and below. Which units and roles can be chosen is what
// the server lets this user read (its jurisdiction; the roles its policy may give);
// the server refuses anything else (schema/access.ts, manage-users-*).

import { useCan, useCreate, useList, useTranslate, useUpdate } from '@refinedev/core';
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, TreeSelect } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { JOB_LABELS } from '../../../../extensions/kernel/unit-path.ts';
import { word } from '../../i18n/index.ts';
import { UserStatus } from '../units/index.tsx';
import { findUnit } from '../units/tree.ts';
import { useUnitTree } from '../units/use-unit-tree.ts';
import { userAdminError, type Refusal } from './errors.ts';
import { ListTable } from '../../components/list-table.tsx';

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
  const t = useTranslate();
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
        onSuccess: () => message.success(t(status === 'active' ? 'users.enabled' : 'users.disabled')),
        onError: (e) => message.error(userAdminError(e as Refusal)),
      },
    );
  return (
    <Card
      title={t('users.title')}
      extra={
        canCreate && (
          <Button type="primary" onClick={() => setEditing('new')}>
            {t('users.create')}
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
          placeholder={t('users.allUnits')}
          style={{ minWidth: 280 }}
          treeDefaultExpandAll={false}
          data-testid="user-unit-filter"
        />
        <Input.Search placeholder={t('users.search')} allowClear onSearch={setSearch} style={{ width: 220 }} />
      </Space>
      <ListTable<UserRow>
        rowKey="id"
        size="small"
        loading={users.query.isLoading}
        dataSource={users.result?.data ?? []}
        pagination={{ pageSize: 20 }}
        data-testid="user-table"
      >
        <Table.Column<UserRow> title={t('users.name')} render={(_, u) => `${u.last_name ?? ''}${u.first_name ?? ''}` || '—'} />
        <Table.Column<UserRow> title={t('users.email')} dataIndex="email" />
        <Table.Column<UserRow> title={t('users.unit')} render={(_, u) => u.unit?.name ?? '—'} />
        <Table.Column<UserRow> title={t('users.role')} render={(_, u) => u.role?.name ?? word('job', JOB_LABELS, u.job)} />
        <Table.Column<UserRow> title={t('users.status')} dataIndex="status" render={(v: string) => <UserStatus status={v} />} />
        {canEdit && (
          <Table.Column<UserRow>
            title={t('table.actions')}
            render={(_, u) => (
              <Space>
                <Button size="small" onClick={() => setEditing(u)}>
                  {t('buttons.edit')}
                </Button>
                {u.status === 'active' ? (
                  <Button size="small" danger onClick={() => setStatus(u, 'suspended')}>
                    {t('users.disable')}
                  </Button>
                ) : (
                  <Button size="small" onClick={() => setStatus(u, 'active')}>
                    {t('users.enable')}
                  </Button>
                )}
              </Space>
            )}
          />
        )}
      </ListTable>
      {editing && <UserForm user={editing === 'new' ? null : editing} defaultUnit={scope?.key ?? null} onClose={() => setEditing(null)} />}
    </Card>
  );
}

function UserForm({ user, defaultUnit, onClose }: { user: UserRow | null; defaultUnit: number | null; onClose: () => void }) {
  const t = useTranslate();
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
      onSuccess: () => (message.success(t('users.saved')), onClose()),
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
      title={t(user ? 'users.edit' : 'users.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('buttons.save')}
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
          <Form.Item
            name="last_name"
            label={t('users.lastName')}
            rules={[{ required: true, message: t('users.requiredLastName') }, { max: 50 }]}
            style={{ width: '40%' }}
          >
            <Input />
          </Form.Item>
          <Form.Item
            name="first_name"
            label={t('users.firstName')}
            rules={[{ required: true, message: t('users.requiredFirstName') }, { max: 50 }]}
            style={{ width: '60%' }}
          >
            <Input />
          </Form.Item>
        </Space.Compact>
        <Form.Item
          name="email"
          label={t('users.login')}
          rules={[
            { required: true, message: t('users.requiredEmail') },
            { type: 'email', message: t('users.errors.email') },
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="password"
          label={t(user ? 'users.newPassword' : 'users.initialPassword')}
          rules={[
            { required: !user, message: t('users.requiredPassword') },
            { min: 8, message: t('users.shortPassword') },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="phone" label={t('users.phone')} rules={[{ pattern: /^1\d{10}$/, message: t('users.invalidPhone') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="title" label={t('users.post')}>
          <Input />
        </Form.Item>
        <Form.Item name="unit" label={t('users.unit')} rules={[{ required: true, message: t('users.requiredUnit') }]}>
          <TreeSelect
            treeData={tree as never}
            showSearch
            treeNodeFilterProp="title"
            placeholder={t('users.unitPlaceholder')}
            data-testid="user-unit"
          />
        </Form.Item>
        <Form.Item
          name="role"
          label={t('users.role')}
          rules={[{ required: true, message: t('users.requiredRole') }]}
          extra={t('users.roleHint')}
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
