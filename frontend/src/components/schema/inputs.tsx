// One antd input per field kind; the form item carries label, note, required,
// width. Values travel as Directus expects them (ISO dates, ids, junction rows).

import { useSelect } from '@refinedev/antd';
import { useTranslate } from '@refinedev/core';
import { Checkbox, Col, DatePicker, Form, Input, InputNumber, Radio, Select, Space, Switch } from 'antd';
import dayjs from 'dayjs';
import { template, type FieldModel } from '../../schema/model.ts';
import { FileUpload } from './files.tsx';

function RelationSelect({ model, value, onChange }: { model: FieldModel; value?: unknown; onChange?: (v: unknown) => void }) {
  const t = useTranslate();
  const tpl = template(model.related!.template);
  const { selectProps } = useSelect({
    resource: model.related!.collection,
    optionLabel: (item) => tpl.render(item as unknown as Record<string, unknown>) || String(item.id),
    optionValue: 'id',
    meta: { fields: tpl.fields },
    pagination: { pageSize: 50, mode: 'server' },
    onSearch: (text) => [{ field: 'q', operator: 'contains', value: text }],
    defaultValue: typeof value === 'object' && value ? (value as { id: number }).id : (value as number | undefined),
  });
  const current = typeof value === 'object' && value ? (value as { id: unknown }).id : value;
  return <Select {...selectProps} value={current as never} onChange={(v) => onChange?.(v ?? null)} allowClear placeholder={t('form.searchPlaceholder')} data-field={model.field} />;
}

function PointInput({ value, onChange }: { value?: { type: 'Point'; coordinates: [number, number] } | null; onChange?: (v: unknown) => void }) {
  const t = useTranslate();
  const [lng, lat] = value?.coordinates ?? [null, null];
  const set = (nextLat: number | null, nextLng: number | null) => onChange?.(nextLat === null || nextLng === null ? null : { type: 'Point', coordinates: [nextLng, nextLat] });
  return (
    <Space.Compact>
      <InputNumber placeholder={t('form.latitude')} min={-90} max={90} value={lat} onChange={(v) => set(v, lng)} />
      <InputNumber placeholder={t('form.longitude')} min={-180} max={180} value={lng} onChange={(v) => set(lat, v)} />
    </Space.Compact>
  );
}

function control(model: FieldModel) {
  const options = model.choices.map((c) => ({ label: c.text, value: c.value }));
  switch (model.kind) {
    case 'textarea':
    case 'richtext':
      return <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} />;
    case 'number':
      return <InputNumber style={{ width: '100%' }} />;
    case 'select':
      return <Select options={options} allowClear />;
    case 'checkboxes':
      return <Checkbox.Group options={options} />;
    case 'radio':
      return <Radio.Group options={options} />;
    case 'toggle':
      return <Switch />;
    case 'date':
    case 'datetime':
      return <DatePicker showTime={model.kind === 'datetime'} style={{ width: '100%' }} />;
    case 'tags':
      return <Select mode="tags" options={options} />;
    case 'm2o':
      return <RelationSelect model={model} />;
    case 'file':
    case 'files':
      return <FileUpload multiple={model.kind === 'files'} />;
    case 'map':
      return <PointInput />;
    case 'json':
      return <Input.TextArea autoSize={{ minRows: 3 }} />;
    default:
      return <Input />;
  }
}

/** Directus value → form value, and back, for the kinds that differ. */
export function toFormValue(model: FieldModel, value: unknown): unknown {
  if ((model.kind === 'date' || model.kind === 'datetime') && value) return dayjs(value as string);
  if (model.kind === 'json' && value !== null && value !== undefined) return JSON.stringify(value, null, 2);
  return value;
}

export function fromFormValue(model: FieldModel, value: unknown): unknown {
  if (value === undefined) return undefined;
  if (model.kind === 'date') return value ? dayjs(value as dayjs.Dayjs).format('YYYY-MM-DD') : null;
  if (model.kind === 'datetime') return value ? dayjs(value as dayjs.Dayjs).toISOString() : null;
  if (model.kind === 'json') {
    if (value === '' || value === null) return null;
    try {
      return JSON.parse(value as string);
    } catch {
      return value;
    }
  }
  if (model.kind === 'files') return ((value as { id: string }[] | null) ?? []).map((f) => ({ directus_files_id: f.id }));
  if (model.kind === 'file') return ((value as { id: string }[] | null) ?? [])[0]?.id ?? null;
  return value;
}

export function SchemaFormItem({ model }: { model: FieldModel }) {
  const t = useTranslate();
  return (
    <Col xs={24} md={model.span}>
      <Form.Item
        name={model.field}
        label={model.label}
        extra={model.note}
        valuePropName={model.kind === 'toggle' ? 'checked' : 'value'}
        rules={model.required ? [{ required: true, message: t('form.required', { label: model.label }) }] : []}
      >
        {model.readonly ? <Input disabled /> : control(model)}
      </Form.Item>
    </Col>
  );
}
