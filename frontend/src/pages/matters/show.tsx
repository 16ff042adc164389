// 事项详情: the fields (from metadata), the step timeline, attachments, and
// exactly the actions GET /matters/:id/actions offers, each with its form.

import { Show } from '@refinedev/antd';
import { useApiUrl, useCustom, useCustomMutation, useGetIdentity, useList, useShow, useTranslate } from '@refinedev/core';
import { App, Button, Descriptions, Form, Input, InputNumber, Modal, Select, Space, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useParams } from 'react-router';
import { RULES, type Action } from '../../../../extensions/domains/matters/transitions.ts';
import { MATTER_TEXT_LIMITS } from '../../../../extensions/domains/matters/vocabulary.ts';
import { FieldValue } from '../../components/schema/display.tsx';
import { PointMap } from '../../components/schema/point-picker.tsx';
import { FileUpload, type StoredFile } from '../../components/schema/files.tsx';
import { lightOf } from '../../matters/lights.ts';
import { LightBadge } from '../../matters/light-badge.tsx';
import { ADMIN_FIELDS_PATH, adminModels, type AdminFieldNames } from '../../matters/admin-fields.ts';
import { useMatterWords } from '../../matters/use-matter-schema.ts';
import type { Identity } from '../../providers/auth-provider.ts';
import { queryFields } from '../../schema/model.ts';
import { useCachedGet, useReadable } from '../../schema/use-schema.ts';

const SHOWN = [
  'number',
  'type',
  'title',
  'category',
  'urgency',
  'status',
  'source',
  'occurred_at',
  'address',
  'latitude',
  'longitude',
  'grid',
  'people_involved',
  'description',
  'measures',
  'unit',
  'handler_unit',
  'sign_due_at',
  'due_at',
  'yellow_at',
  'closed_at',
  'extension_requested_days',
  'attachments',
];

/** The units an action may hand the matter to, as GET /matters/:id/actions lists them (the server checks the same). */
export type Targets = Partial<Record<'child' | 'department', { id: number; name: string }[]>>;

function ActionForm({
  matterId,
  version,
  action,
  label,
  targets,
  maxExtensionDays,
  onDone,
}: {
  matterId: number;
  version: number;
  action: Action;
  label: string;
  targets: Targets;
  /** What the matter's deadline policy allows one extension to ask for. */
  maxExtensionDays: number | null;
  onDone: () => void;
}) {
  const t = useTranslate();
  const apiUrl = useApiUrl();
  const { message } = App.useApp();
  const { data: me } = useGetIdentity<Identity>();
  const [form] = Form.useForm();
  const rule = RULES[action];
  const relation = rule.target;
  const units = relation === 'child' || relation === 'department' ? (targets[relation] ?? []) : [];
  const { mutate, mutation } = useCustomMutation();
  // One submission id per opened form: sent again after a lost answer, the server does it once.
  const [clientRef] = useState(() => crypto.randomUUID());
  const submit = (values: { opinion?: string; target_unit?: number; extension_days?: number; attachments?: StoredFile[] }) => {
    const body = {
      action,
      version,
      client_ref: clientRef,
      opinion: values.opinion,
      target_unit: relation === 'parent' ? (me?.unit?.parent ?? undefined) : values.target_unit,
      extension_days: values.extension_days,
      attachments: values.attachments?.map((f) => f.id),
    };
    mutate(
      {
        url: `${apiUrl}/matters/${matterId}/transition`,
        method: 'post',
        values: body,
        successNotification: false,
        errorNotification: false,
      },
      {
        onSuccess: () => {
          message.success(t('office.done', { action: label }));
          onDone();
        },
        onError: (error: any) => {
          const reason = error?.message ?? '';
          const text =
            error?.statusCode === 409
              ? t('matters.refusedConflict', { reason })
              : error?.statusCode === 403
                ? t('matters.refusedForbidden', { reason })
                : t('errors.refusedInvalid', { reason });
          message.error(text, 6);
          if (error?.statusCode === 409 || error?.statusCode === 403) onDone();
        },
      },
    );
  };
  return (
    <Form form={form} layout="vertical" onFinish={submit} id={`action-${action}`}>
      {(relation === 'child' || relation === 'department') && (
        <Form.Item
          name="target_unit"
          label={t(relation === 'child' ? 'matters.dispatchTo' : 'matters.transferTo')}
          rules={[{ required: true, message: t('matters.requiredTarget') }]}
        >
          <Select
            options={units.map((u) => ({ value: u.id, label: u.name }))}
            showSearch
            optionFilterProp="label"
            notFoundContent={t('matters.noTargets')}
          />
        </Form.Item>
      )}
      {relation === 'parent' && <Typography.Paragraph>{t('matters.toParent')}</Typography.Paragraph>}
      {action === 'request_extension' && (
        <Form.Item
          name="extension_days"
          label={t('matters.extensionDays')}
          rules={[{ required: true, message: t('form.required', { label: t('matters.extensionDays') }) }]}
        >
          <InputNumber min={1} max={maxExtensionDays ?? undefined} />
        </Form.Item>
      )}
      <Form.Item
        name="opinion"
        label={t(rule.opinion ? 'matters.opinionRequired' : 'matters.opinion')}
        rules={rule.opinion ? [{ required: true, whitespace: true, message: t('matters.opinionMissing', { action: label }) }] : []}
      >
        <Input.TextArea autoSize={{ minRows: 3 }} maxLength={MATTER_TEXT_LIMITS.opinion} showCount />
      </Form.Item>
      <Form.Item name="attachments" label={t('office.attachments')}>
        <FileUpload multiple />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={mutation.isPending} block>
        {t('matters.confirm', { action: label })}
      </Button>
    </Form>
  );
}

export function MatterShow() {
  const t = useTranslate();
  const { id } = useParams();
  const apiUrl = useApiUrl();
  const words = useMatterWords();
  const fixed = SHOWN.map((f) => words.models.find((m) => m.field === f)).filter((m): m is NonNullable<typeof m> => Boolean(m));
  // The fields an administrator added in Studio, below the fixed ones, as their metadata says.
  const adminNames = useCachedGet<AdminFieldNames>(ADMIN_FIELDS_PATH);
  const shown = [...fixed, ...adminModels(words.models, adminNames.data?.fields)];
  const readable = useReadable();
  const { query } = useShow({
    resource: 'matters',
    id,
    meta: { fields: [...queryFields(shown, readable ?? undefined), 'date_created', 'paused_at', 'version'] },
    queryOptions: { enabled: fixed.length > 0 && readable !== null && !adminNames.isLoading },
  });
  const matter = query.data?.data as any;
  const actions = useCustom<{ version: number; actions: Action[]; targets: Targets }>({
    url: `${apiUrl}/matters/${id}/actions`,
    method: 'get',
    queryOptions: { enabled: Boolean(id) },
  });
  const steps = useList({
    resource: 'matter_steps',
    filters: [{ field: 'matter', operator: 'eq', value: id }],
    sorters: [{ field: 'date_created', order: 'asc' }],
    pagination: { mode: 'off' },
    meta: {
      fields: [
        'id',
        'action',
        'opinion',
        'date_created',
        'status_after',
        // Ids only: the names come with the actions (a unit above the reader's is not readable to it).
        'actor_unit',
        'to_unit',
        'attachments',
        'extension_days',
      ],
    },
  });
  const [open, setOpen] = useState<Action | null>(null);
  const reload = () => {
    setOpen(null);
    void query.refetch();
    void actions.query.refetch();
    void steps.query.refetch();
  };
  const available = (actions.result?.data as any)?.actions as Action[] | undefined;
  const version = (actions.result?.data as any)?.version as number | undefined;
  const targets = ((actions.result?.data as any)?.targets ?? {}) as Targets;
  const unitNames = ((actions.result?.data as any)?.unit_names ?? {}) as Record<string, string>;
  const nameOf = (unit: unknown) => (unit == null ? undefined : unitNames[String(unit)]);
  /** A field's value, or for the matter's units one the reader may not read, the unit as the actions name it. */
  const shownValue = (field: string) => {
    const value = matter?.[field];
    const id = (actions.result?.data as any)?.[field];
    return value == null && (field === 'unit' || field === 'handler_unit') && nameOf(id) ? { id, name: nameOf(id) } : value;
  };
  return (
    <Show title={matter ? `${matter.number} ${matter.title}` : t('menu.matters')} isLoading={!matter} headerButtons={() => null}>
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Space wrap data-testid="matter-actions">
          {matter && <LightBadge light={lightOf(matter, new Date())} />}
          {(available ?? []).map((a) => (
            <Button
              key={a}
              type={['sign_for', 'accept', 'dispatch', 'reply', 'close'].includes(a) ? 'primary' : 'default'}
              onClick={() => setOpen(a)}
              data-action={a}
            >
              {words.action[a] ?? a}
            </Button>
          ))}
          {available?.length === 0 && <Typography.Text type="secondary">{t('matters.noActions')}</Typography.Text>}
        </Space>
        <Descriptions bordered column={{ xs: 1, md: 2 }} size="small">
          {shown.map((m) => (
            <Descriptions.Item key={m.field} label={m.label} span={m.span === 24 ? 2 : 1}>
              <span data-field={m.field}>
                <FieldValue model={m} value={shownValue(m.field)} />
              </span>
            </Descriptions.Item>
          ))}
        </Descriptions>
        {matter?.latitude != null && matter?.longitude != null && (
          <div data-testid="matter-place">
            <Typography.Title level={5}>{t('matters.place')}</Typography.Title>
            <PointMap point={{ lat: Number(matter.latitude), lon: Number(matter.longitude) }} />
          </div>
        )}
        <Typography.Title level={5}>{t('matters.steps')}</Typography.Title>
        <Timeline
          data-testid="timeline"
          items={((steps.result?.data ?? []) as any[]).map((s) => ({
            children: (
              <div>
                <Typography.Text strong>{words.action[s.action] ?? s.action}</Typography.Text>{' '}
                <Typography.Text type="secondary">
                  {nameOf(s.actor_unit)}
                  {nameOf(s.to_unit) ? ` → ${nameOf(s.to_unit)}` : ''} · {dayjs(s.date_created).format('YYYY-MM-DD HH:mm')} ·{' '}
                  {words.status[s.status_after] ?? s.status_after}
                </Typography.Text>
                {s.opinion && <div style={{ whiteSpace: 'pre-wrap' }}>{s.opinion}</div>}
              </div>
            ),
          }))}
        />
      </Space>
      <Modal
        open={open !== null}
        title={open ? (words.action[open] ?? open) : ''}
        footer={null}
        onCancel={() => setOpen(null)}
        destroyOnHidden
      >
        {open && version !== undefined && (
          <ActionForm
            matterId={Number(id)}
            version={version}
            action={open}
            label={words.action[open] ?? open}
            targets={targets}
            maxExtensionDays={(actions.result?.data as any)?.max_extension_days ?? null}
            onDone={reload}
          />
        )}
      </Modal>
    </Show>
  );
}
