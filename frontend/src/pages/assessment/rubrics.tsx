// /assessment/rubrics — 考评细则: every rubric as its items (read by all: the rules
// units are assessed by), and for a district or street 综治办 its own to make: copy
// (a new version, or its own from the district's), change an item's rule with a
// preview of the effect on the last closed period before saving, and put a version
// in force. The item form's fields, labels and choices are Directus's (the schema).

import { useApiUrl, useCustomMutation, useGetIdentity, useList, useTranslate, useUpdate } from '@refinedev/core';
import { Alert, App, Button, Card, Empty, Form, Modal, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { payloadOf, SchemaFormItem, toFormValue } from '../../components/schema/inputs.tsx';
import { refusalOf } from '../../i18n/index.ts';
import type { Identity } from '../../providers/auth-provider.ts';
import { applyConditions } from '../../schema/rules.ts';
import { useCollectionSchema } from '../../schema/use-schema.ts';
import { ListTable } from '../../components/list-table.tsx';

/** The fields of an item that say how it is scored (the form of 修改评分规则). */
const RULE_FIELDS = ['full', 'cap', 'rule_kind', 'min', 'per', 'threshold', 'target', 'bands', 'metric', 'formula'];

interface RubricRow {
  id: number;
  title: string;
  version: number;
  status: 'draft' | 'active' | 'retired';
  unit_path: string;
  assessed_level: string;
  period_type: string;
  unit: { name: string } | null;
}

interface ItemRow extends Record<string, unknown> {
  id: number;
  code: string | null;
  name: string;
  full: number | string;
  rule_kind: string;
  metric: string | null;
  section: { id: number; code: string | null; name: string; sort: number | null };
}

interface PreviewRow {
  unit: number;
  name: string;
  before: number;
  total: number;
  change: number;
  rank: number;
}

export function AssessmentRubrics() {
  const t = useTranslate();
  const apiUrl = useApiUrl();
  const { message } = App.useApp();
  const { data: me } = useGetIdentity<Identity>();
  const [chosen, setChosen] = useState<number | null>(null);
  const rubrics = useList<RubricRow>({
    resource: 'assessment_rubrics',
    pagination: { mode: 'off' },
    sorters: [{ field: 'id', order: 'desc' }],
    meta: { fields: ['id', 'title', 'version', 'status', 'unit_path', 'assessed_level', 'period_type', 'unit.name'] },
  });
  const list = rubrics.result?.data ?? [];
  const rubric = list.find((r) => r.id === chosen) ?? list.find((r) => r.unit_path === me?.unit?.path) ?? list[0];
  const own = Boolean(rubric && me?.unit && rubric.unit_path === me.unit.path);
  const maker = me?.unit?.kind === 'office' && ['district', 'street'].includes(me.unit.level);
  const { mutateAsync, mutation } = useCustomMutation();
  const act = async (path: string, done: string, values: Record<string, unknown> = {}) => {
    try {
      const answer = await mutateAsync({
        url: `${apiUrl}${path}`,
        method: 'post',
        values,
        successNotification: false,
        errorNotification: false,
      });
      message.success(done);
      return answer.data as { id?: number };
    } catch (error) {
      message.error(refusalOf(error as { statusCode?: number; message?: string }), 6);
      return null;
    }
  };
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('rubrics.title')}
      </Typography.Title>
      {rubrics.query.error && <Alert type="error" showIcon message={rubrics.query.error.message} />}
      {!rubrics.query.isLoading && list.length === 0 && <Empty description={t('rubrics.none')} />}
      {rubric && (
        <Space wrap>
          <Select
            value={rubric.id}
            onChange={setChosen}
            style={{ minWidth: 420 }}
            data-testid="rubric-choice"
            options={list.map((r) => ({
              value: r.id,
              label: `${r.unit?.name ?? ''} · ${r.title} · ${t('rubrics.version', { version: r.version })} · ${t(`rubrics.statuses.${r.status}`)}`,
            }))}
          />
          <Tag color={rubric.status === 'active' ? 'green' : rubric.status === 'draft' ? 'blue' : 'default'} data-testid="rubric-status">
            {t(`rubrics.statuses.${rubric.status}`)}
          </Tag>
          {maker && (
            <Button
              data-testid="rubric-copy"
              loading={mutation.isPending}
              onClick={async () => {
                const made = await act(`/assessment/rubrics/${rubric.id}/copy`, t('rubrics.copied'));
                if (made?.id) {
                  await rubrics.query.refetch();
                  setChosen(made.id);
                }
              }}
            >
              {own ? t('rubrics.newVersion') : t('rubrics.copyForMine')}
            </Button>
          )}
          {own && rubric.status !== 'active' && (
            <Button
              type="primary"
              data-testid="rubric-activate"
              loading={mutation.isPending}
              onClick={async () => {
                if (await act(`/assessment/rubrics/${rubric.id}/activate`, t('rubrics.activated'))) await rubrics.query.refetch();
              }}
            >
              {t('rubrics.activate')}
            </Button>
          )}
        </Space>
      )}
      {rubric && <RubricItems key={rubric.id} rubric={rubric.id} editable={own} />}
    </Space>
  );
}

/** The rubric's items by section; its own office changes an item's rule, previewed first. */
function RubricItems({ rubric, editable }: { rubric: number; editable: boolean }) {
  const t = useTranslate();
  const { models } = useCollectionSchema('assessment_items');
  const [editing, setEditing] = useState<ItemRow | null>(null);
  const items = useList<ItemRow>({
    resource: 'assessment_items',
    pagination: { mode: 'off' },
    filters: [{ field: 'section.rubric', operator: 'eq', value: rubric }],
    sorters: [
      { field: 'section.sort', order: 'asc' },
      { field: 'sort', order: 'asc' },
    ],
    meta: { fields: ['*', 'section.id', 'section.code', 'section.name', 'section.sort'] },
  });
  const choice = (field: string, value: unknown) =>
    models.find((m) => m.field === field)?.choices.find((c) => c.value === value)?.text ?? (value as string | null) ?? '—';
  return (
    <Card size="small">
      <ListTable<ItemRow>
        rowKey="id"
        size="small"
        loading={items.query.isLoading}
        dataSource={items.result?.data ?? []}
        pagination={false}
        scroll={{ x: true }}
        data-testid="rubric-items"
        onRow={(i) => ({ 'data-item': i.code ?? i.id }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('rubrics.section'), render: (_, i) => `${i.section.code ?? ''} ${i.section.name}` },
          { title: t('assessment.code'), dataIndex: 'code' },
          { title: t('assessment.item'), dataIndex: 'name' },
          { title: t('assessment.full'), dataIndex: 'full', render: (v) => Number(v) },
          { title: t('rubrics.rule'), render: (_, i) => choice('rule_kind', i.rule_kind) },
          { title: t('rubrics.metric'), render: (_, i) => (i.metric ? choice('metric', i.metric) : i.formula ? String(i.formula) : '—') },
          ...(editable
            ? [
                {
                  title: '',
                  render: (_: unknown, i: ItemRow) => (
                    <Button size="small" onClick={() => setEditing(i)} data-testid="rubric-edit">
                      {t('rubrics.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && (
        <RuleForm
          rubric={rubric}
          item={editing}
          onClose={(saved) => {
            setEditing(null);
            if (saved) void items.query.refetch();
          }}
        />
      )}
    </Card>
  );
}

/** 修改评分规则: the item's rule fields as the schema gives them; 预览 scores the last period both ways, 保存 saves. */
function RuleForm({ rubric, item, onClose }: { rubric: number; item: ItemRow; onClose: (saved: boolean) => void }) {
  const t = useTranslate();
  const apiUrl = useApiUrl();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const { models } = useCollectionSchema('assessment_items');
  const rules = RULE_FIELDS.map((f) => models.find((m) => m.field === f)).filter((m) => m !== undefined);
  const { mutateAsync: post, mutation: previewing } = useCustomMutation();
  const { mutateAsync: update, mutation: saving } = useUpdate();
  const [preview, setPreview] = useState<{ period: string; units: PreviewRow[] } | null>(null);
  const changes = () => payloadOf(rules, form.getFieldsValue(true));
  const run = async () => {
    try {
      await form.validateFields();
      const answer = await post({
        url: `${apiUrl}/assessment/rubrics/${rubric}/preview`,
        method: 'post',
        values: { items: [{ id: item.id, ...changes() }] },
        successNotification: false,
        errorNotification: false,
      });
      setPreview(answer.data as { period: string; units: PreviewRow[] });
    } catch (error) {
      if ((error as { errorFields?: unknown }).errorFields) return;
      message.error(refusalOf(error as { statusCode?: number; message?: string }), 6);
    }
  };
  const save = async () => {
    try {
      await form.validateFields();
      await update({ resource: 'assessment_items', id: item.id, values: changes(), successNotification: false, errorNotification: false });
      message.success(t('rubrics.saved'));
      onClose(true);
    } catch (error) {
      if ((error as { errorFields?: unknown }).errorFields) return;
      message.error(refusalOf(error as { statusCode?: number; message?: string }), 6);
    }
  };
  return (
    <Modal
      open
      width={760}
      title={t('rubrics.editTitle', { item: `${item.code ?? ''} ${item.name}` })}
      onCancel={() => onClose(false)}
      footer={[
        <Button key="preview" onClick={run} loading={previewing.isPending} data-testid="rubric-preview">
          {t('rubrics.preview')}
        </Button>,
        <Button key="save" type="primary" onClick={save} loading={saving.isPending} data-testid="rubric-save">
          {t('rubrics.save')}
        </Button>,
      ]}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        data-testid="rubric-form"
        initialValues={Object.fromEntries(rules.map((m) => [m.field, toFormValue(m, item[m.field])]))}
        onValuesChange={() => setPreview(null)}
      >
        {/* Only the parameters the chosen kind of rule uses (the fields' conditions). */}
        <Form.Item noStyle shouldUpdate>
          {({ getFieldsValue }) => (
            <Row gutter={16}>
              {rules
                .map((m) => applyConditions(m, payloadOf(rules, getFieldsValue(true))))
                .map((m) => (
                  <SchemaFormItem key={m.field} model={m} models={rules} />
                ))}
            </Row>
          )}
        </Form.Item>
      </Form>
      {preview && (
        <ListTable<PreviewRow>
          rowKey="unit"
          size="small"
          title={() => t('rubrics.previewOf', { period: preview.period })}
          dataSource={preview.units}
          pagination={false}
          data-testid="rubric-preview-table"
          columns={[
            { title: t('assessment.rank'), dataIndex: 'rank' },
            { title: t('assessment.unit'), dataIndex: 'name' },
            { title: t('rubrics.before'), dataIndex: 'before' },
            { title: t('rubrics.after'), dataIndex: 'total' },
            {
              title: t('rubrics.change'),
              dataIndex: 'change',
              render: (v: number) => (
                <Typography.Text type={v > 0 ? 'success' : v < 0 ? 'danger' : 'secondary'}>{v > 0 ? `+${v}` : v}</Typography.Text>
              ),
            },
          ]}
        />
      )}
    </Modal>
  );
}
