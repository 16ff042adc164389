// One antd input per field kind; the form item carries label, note, required,
// width. Values travel as Directus expects them (ISO dates, ids, junction rows).

import { useSelect } from '@refinedev/antd';
import { useTranslate } from '@refinedev/core';
import { Checkbox, Col, DatePicker, Form, Input, InputNumber, Radio, Select, Switch } from 'antd';
import type { Rule } from 'antd/es/form';
import dayjs from 'dayjs';
import { template, type FieldModel } from '../../schema/model.ts';
import { validationError } from '../../schema/rules.ts';
import { FileUpload } from './files.tsx';
import { GeoJsonInput } from './geojson-input.tsx';
import { PointPicker } from './point-picker.tsx';
import { RichTextInput } from './rich-text.tsx';

function RelationSelect({
  model,
  value,
  onChange,
  disabled,
}: {
  model: FieldModel;
  value?: unknown;
  onChange?: (v: unknown) => void;
  disabled?: boolean;
}) {
  const t = useTranslate();
  const key = model.related!.key;
  const tpl = template(model.related!.template, key);
  const { selectProps } = useSelect({
    resource: model.related!.collection,
    optionLabel: (item) => tpl.render(item as unknown as Record<string, unknown>) || String((item as Record<string, unknown>)[key]),
    optionValue: key as never,
    meta: { fields: tpl.fields },
    pagination: { pageSize: 50, mode: 'server' },
    onSearch: (text) => [{ field: 'q', operator: 'contains', value: text }],
    defaultValue: typeof value === 'object' && value ? ((value as Record<string, unknown>)[key] as number) : (value as number | undefined),
  });
  const current = typeof value === 'object' && value ? (value as Record<string, unknown>)[key] : value;
  return (
    <Select
      {...selectProps}
      value={current as never}
      onChange={(v) => onChange?.(v ?? null)}
      allowClear
      disabled={disabled}
      placeholder={t('form.searchPlaceholder')}
      data-field={model.field}
    />
  );
}

function control(model: FieldModel, disabled: boolean) {
  const options = model.choices.map((c) => ({ label: c.text, value: c.value }));
  switch (model.kind) {
    case 'textarea':
      return (
        <Input.TextArea
          autoSize={{ minRows: 3, maxRows: 12 }}
          disabled={disabled}
          maxLength={model.maxLength ?? undefined}
          showCount={model.maxLength !== null}
        />
      );
    case 'richtext':
      return <RichTextInput disabled={disabled} />;
    case 'number':
      return <InputNumber style={{ width: '100%' }} disabled={disabled} />;
    case 'select':
      return <Select options={options} allowClear disabled={disabled} />;
    case 'checkboxes':
      return <Checkbox.Group options={options} disabled={disabled} />;
    case 'radio':
      return <Radio.Group options={options} disabled={disabled} />;
    case 'toggle':
      return <Switch disabled={disabled} />;
    case 'date':
    case 'datetime':
      return <DatePicker showTime={model.kind === 'datetime'} style={{ width: '100%' }} disabled={disabled} />;
    case 'tags':
      return <Select mode="tags" options={options} disabled={disabled} />;
    case 'm2o':
      return <RelationSelect model={model} disabled={disabled} />;
    case 'file':
    case 'files':
      return <FileUpload multiple={model.kind === 'files'} disabled={disabled} />;
    case 'map':
      return <PointPicker disabled={disabled} />;
    case 'json':
      return model.geometry ? (
        <GeoJsonInput geometry={model.geometry} label={model.label} disabled={disabled} />
      ) : (
        <Input.TextArea autoSize={{ minRows: 3 }} disabled={disabled} />
      );
    default:
      return <Input disabled={disabled} maxLength={model.maxLength ?? undefined} />;
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
  // A related item as read (expanded by its template) is saved as its key, never as a nested write.
  if (model.kind === 'm2o' && value && typeof value === 'object')
    return (value as Record<string, unknown>)[model.related?.key ?? 'id'] ?? null;
  if (model.kind === 'files') return ((value as { id: string }[] | null) ?? []).map((f) => ({ directus_files_id: f.id }));
  if (model.kind === 'file') return ((value as { id: string }[] | null) ?? [])[0]?.id ?? null;
  return value;
}

/** Form values as Directus receives them (what rules are checked against). */
export function payloadOf(models: FieldModel[], values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(models.filter((m) => values[m.field] !== undefined).map((m) => [m.field, fromFormValue(m, values[m.field])]));
}

/** One field as the current values make it (conditions applied by the caller); its validation checked on the whole payload. */
export function SchemaFormItem({ model, models }: { model: FieldModel; models: FieldModel[] }) {
  const t = useTranslate();
  if (model.hidden) return null;
  const rules: Rule[] = [
    ...(model.required ? [{ required: true, message: t('form.required', { label: model.label }) }] : []),
    ...(model.maxLength !== null
      ? [{ max: model.maxLength, message: t('form.tooLong', { label: model.label, max: model.maxLength }) }]
      : []),
    ...(model.validation
      ? [
          ({ getFieldsValue }: { getFieldsValue: (all: true) => Record<string, unknown> }) => ({
            validator: async () => {
              const error = validationError(model, payloadOf(models, getFieldsValue(true)), t('form.invalid', { label: model.label }));
              if (error) throw new Error(error);
            },
          }),
        ]
      : []),
  ];
  return (
    <Col xs={24} md={model.span}>
      <Form.Item
        name={model.field}
        label={model.label}
        extra={model.note}
        valuePropName={model.kind === 'toggle' ? 'checked' : 'value'}
        rules={rules}
      >
        {control(model, model.readonly)}
      </Form.Item>
    </Col>
  );
}
