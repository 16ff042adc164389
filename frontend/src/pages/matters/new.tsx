// 事项登记: an office registers a matter (POST /matters/report) — the types its
// level may raise (register.ts), the fixed fields with their labels from the
// metadata, the unit a task or an assignment goes to, then the fields an
// administrator added to matters in Studio (the report's subset, drawn by the
// schema forms' own inputs). One submission id per opened form: a double click or
// an answer lost on the way stores one matter. A refusal of the server is shown at
// the form in its own words, on the fields it names, and what was typed stays.

import { Create } from '@refinedev/antd';
import { useApiUrl, useCustom, useCustomMutation, useGetIdentity, useList, useNavigation, useTranslate } from '@refinedev/core';
import { Alert, App, Button, Col, DatePicker, Divider, Form, Input, Result, Row, Select, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { MATTER_TEXT_LIMITS as LIMITS, type MatterType } from '../../../../extensions/domains/matters/vocabulary.ts';
import { payloadOf, SchemaFormItem } from '../../components/schema/inputs.tsx';
import { ADMIN_FIELDS_PATH, adminModels, type AdminFieldNames } from '../../matters/admin-fields.ts';
import { useMatterWords } from '../../matters/use-matter-schema.ts';
import type { Identity } from '../../providers/auth-provider.ts';
import type { FieldModel } from '../../schema/model.ts';
import { applyConditions } from '../../schema/rules.ts';
import { useCachedGet } from '../../schema/use-schema.ts';
import {
  childOffices,
  choosableTypes,
  departmentUnits,
  gridChoices,
  mayRegister,
  problemsByField,
  registerBody,
  type RegisterUnit,
  targetOf,
} from './register.ts';

/** The fixed fields the form fills, by their names in `matters` (their labels and the rules of an administrator's field read them). */
const FIXED = [
  'type',
  'title',
  'category',
  'urgency',
  'source',
  'occurred_at',
  'address',
  'grid',
  'people_involved',
  'description',
  'measures',
];

export function MatterRegister() {
  const t = useTranslate();
  const { data: me, isLoading } = useGetIdentity<Identity>();
  const allowed = mayRegister(me);
  if (isLoading || me === undefined) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (!allowed)
    return (
      <div data-testid="register-closed">
        <Result status="info" title={t('register.title')} subTitle={t(me?.job === 'leader' ? 'register.leader' : 'register.noUnit')} />
      </div>
    );
  return <RegisterForm me={me!} />;
}

function RegisterForm({ me }: { me: Identity }) {
  const t = useTranslate();
  const apiUrl = useApiUrl();
  const { message } = App.useApp();
  const { show } = useNavigation();
  const words = useMatterWords();
  const [form] = Form.useForm();
  const unit = me.unit!;
  const label = (field: string) => words.models.find((m) => m.field === field)?.label ?? field;

  const categories = useList<{ id: number; name: string }>({
    resource: 'matter_categories',
    pagination: { mode: 'off' },
    meta: { fields: ['id', 'name'] },
    sorters: [{ field: 'sort', order: 'asc' }],
  });
  // The offices below and the departments, as the server lists whom a raised matter may go to (a
  // street's office reads only its own subtree, yet may assign to the district's departments).
  const handOver = useCustom<Partial<Record<'child' | 'department', RegisterUnit[]>>>({
    url: `${apiUrl}/matters/report-targets`,
    method: 'get',
    errorNotification: false,
  });
  const adminNames = useCachedGet<AdminFieldNames>(ADMIN_FIELDS_PATH);

  const children = useMemo(() => childOffices(handOver.result?.data?.child ?? [], me), [handOver.result?.data, me]);
  const departments = useMemo(() => departmentUnits(handOver.result?.data?.department ?? []), [handOver.result?.data]);
  const types = choosableTypes(me, { children, departments });
  const grids = gridChoices(me, children);
  const fixed = FIXED.map((f) => words.models.find((m) => m.field === f)).filter((m): m is FieldModel => Boolean(m));
  const admin = adminModels(words.models, adminNames.data?.report);
  // An administrator's rule may name the fixed fields: the form's values are checked as the matter they make.
  const ruled = [...fixed, ...admin];

  // One submission id per opened form (the server stores one matter per id and answers a resend with it).
  const [clientRef] = useState(() => crypto.randomUUID());
  const [refusal, setRefusal] = useState<string | null>(null);
  const { mutate, mutation } = useCustomMutation<{ id: number; number: string }>();
  const type = Form.useWatch('type', form) as MatterType | undefined;
  const target = targetOf(type);

  const loading = words.models.length === 0 || adminNames.isLoading || handOver.query.isLoading || categories.query.isLoading;
  if (loading) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (types.length === 0)
    return (
      <div data-testid="register-closed">
        <Result status="info" title={t('register.title')} subTitle={t('register.noTypes')} />
      </div>
    );

  const submit = (values: Record<string, any>) => {
    const payload = payloadOf(ruled, values);
    // What a condition makes read-only at the moment of sending is not sent (as in the schema forms).
    const writable = admin.map((m) => applyConditions(m, payload)).filter((m) => !m.readonly);
    const extra = Object.fromEntries(writable.filter((m) => m.field in payload).map((m) => [m.field, payload[m.field]]));
    const occurred = values.occurred_at ? dayjs(values.occurred_at).toISOString() : null;
    const body = registerBody({ ...values, occurred_at: occurred }, me, clientRef, extra);
    setRefusal(null);
    mutate(
      {
        url: `${apiUrl}/matters/report`,
        method: 'post',
        values: body,
        successNotification: false,
        errorNotification: false,
      },
      {
        onSuccess: ({ data }) => {
          message.success(t('register.done', { number: data.number }));
          show('matters', data.id);
        },
        onError: (error: any) => {
          const text = String(error?.message ?? '');
          // The problems that name a field go under it; the whole answer stays above the button.
          const named = problemsByField(text, [...ruled, { field: 'title', label: label('title') }]);
          form.setFields(Object.entries(named.fields).map(([name, errors]) => ({ name, errors })));
          setRefusal(text || t('errors.server'));
        },
      },
    );
  };

  const text = (field: string, max: number, required = false, area = false) => (
    <Form.Item
      name={field}
      label={label(field)}
      rules={[
        ...(required ? [{ required: true, whitespace: true, message: t('form.required', { label: label(field) }) }] : []),
        { max, message: t('form.tooLong', { label: label(field), max }) },
      ]}
    >
      {area ? <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} maxLength={max} showCount /> : <Input maxLength={max} />}
    </Form.Item>
  );
  const choices = (field: string) => (fixed.find((m) => m.field === field)?.choices ?? []).map((c) => ({ value: c.value, label: c.text }));
  const targets = target === 'child' ? children : target === 'department' ? departments : [];

  return (
    <Create title={t('register.title')} footerButtons={() => null}>
      <Form
        form={form}
        name="register"
        layout="vertical"
        onFinish={submit}
        initialValues={{
          type: types[0],
          urgency: 'normal',
          occurred_at: dayjs(),
          grid: unit.level === 'grid' ? unit.id : undefined,
          // A yes/no box left alone says no, as Studio's toggle does.
          ...Object.fromEntries(admin.filter((m) => m.kind === 'toggle').map((m) => [m.field, false])),
        }}
        onValuesChange={() => refusal && setRefusal(null)}
        data-testid="register-form"
        style={{ maxWidth: 960 }}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="type"
              label={label('type')}
              rules={[{ required: true, message: t('form.required', { label: label('type') }) }]}
            >
              <Select
                options={types.map((v) => ({ value: v, label: words.type[v] ?? v }))}
                onChange={() => form.setFieldValue('target_unit', undefined)}
                data-field="type"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            {target ? (
              <Form.Item
                name="target_unit"
                label={t(target === 'child' ? 'register.toChild' : 'register.toDepartment')}
                rules={[{ required: true, message: t('matters.requiredTarget') }]}
              >
                <Select
                  options={targets.map((u) => ({ value: u.id, label: u.name }))}
                  showSearch
                  optionFilterProp="label"
                  notFoundContent={t('matters.noTargets')}
                  data-field="target_unit"
                />
              </Form.Item>
            ) : (
              <Form.Item label={t('register.goesTo')}>
                <Typography.Text type="secondary">{t('matters.toParent')}</Typography.Text>
              </Form.Item>
            )}
          </Col>
          <Col xs={24}>{text('title', LIMITS.title, true)}</Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="category"
              label={label('category')}
              rules={[{ required: true, message: t('form.required', { label: label('category') }) }]}
            >
              <Select
                options={(categories.result?.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
                showSearch
                optionFilterProp="label"
                data-field="category"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="urgency" label={label('urgency')}>
              <Select options={Object.entries(words.urgency).map(([value, text]) => ({ value, label: text }))} data-field="urgency" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="source" label={label('source')}>
              <Select options={choices('source')} allowClear data-field="source" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="occurred_at" label={label('occurred_at')}>
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                style={{ width: '100%' }}
                disabledDate={(d) => d.isAfter(dayjs().endOf('day'))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={grids.length ? 12 : 24}>
            {text('address', LIMITS.address)}
          </Col>
          {grids.length > 0 && (
            <Col xs={24} md={12}>
              <Form.Item name="grid" label={label('grid')}>
                <Select
                  options={grids.map((g) => ({ value: g.id, label: g.name }))}
                  allowClear={unit.level !== 'grid'}
                  disabled={unit.level === 'grid'}
                  data-field="grid"
                />
              </Form.Item>
            </Col>
          )}
          <Col xs={24}>{text('people_involved', LIMITS.people_involved, false, true)}</Col>
          <Col xs={24}>{text('description', LIMITS.description, true, true)}</Col>
          <Col xs={24}>{text('measures', LIMITS.measures, false, true)}</Col>
        </Row>
        {admin.length > 0 && (
          <>
            <Divider orientation="left">{t('register.more')}</Divider>
            {/* Each as the current values make it (its conditions), re-drawn on every change. */}
            <Form.Item noStyle shouldUpdate>
              {({ getFieldsValue }) => {
                const values = payloadOf(ruled, getFieldsValue(true));
                return (
                  <Row gutter={16} data-testid="register-admin-fields">
                    {admin.map((m) => (
                      <SchemaFormItem key={m.field} model={applyConditions(m, values)} models={ruled} />
                    ))}
                  </Row>
                );
              }}
            </Form.Item>
          </>
        )}
        {refusal && (
          <Alert
            type="error"
            showIcon
            message={t('register.refused')}
            description={refusal}
            style={{ marginBottom: 16 }}
            data-testid="register-refusal"
          />
        )}
        <Button type="primary" htmlType="submit" loading={mutation.isPending} data-testid="register-submit">
          {t('register.submit')}
        </Button>
      </Form>
    </Create>
  );
}
