// The administrator's fields on the phone's report form (below the fixed fields):
// one light input per field kind, drawn from the field's model (label, note,
// required, choices, length) as the office's schema forms read it; no antd here.
// Which fields, and how they are checked and sent: ../matters/admin-fields.ts.

import { useMemo } from 'react';
import type { InputValue } from '../matters/admin-fields.ts';
import { type FieldModel, template } from '../schema/model.ts';
import { compressImage } from './compress.ts';
import { t, useLoad } from './data.ts';
import { Button, Choices, Field } from './ui.tsx';

/** How many records a phone's list offers (a longer list is for the office's searchable select). */
const OFFERED = 200;

/** The records of the related collection the user may read, by its display template; kept for offline use. */
function RelatedSelect({ model, text }: { model: FieldModel; text: Record<string, unknown> }) {
  const related = model.related!;
  const shown = useMemo(() => template(related.template, related.key), [related.template, related.key]);
  const path = `/items/${related.collection}?fields=${shown.fields.join(',')}&sort=${related.key}&limit=${OFFERED}`;
  const items = useLoad<Record<string, unknown>[]>(path, { kept: true }).data ?? [];
  return (
    <select {...text}>
      <option value="">{t('phone.choose')}</option>
      {items.map((item) => (
        <option key={String(item[related.key])} value={String(item[related.key])}>
          {shown.render(item) || String(item[related.key])}
        </option>
      ))}
    </select>
  );
}

/** One photo for a field of its own: taken or picked, made smaller, uploaded when the report is sent. */
function PhotoInput({ model, value, onChange }: { model: FieldModel; value: InputValue | undefined; onChange: (v: InputValue) => void }) {
  const id = `report-${model.field}-file`;
  const picked = value instanceof Blob ? value : null;
  const url = useMemo(() => (picked ? URL.createObjectURL(picked) : null), [picked]);
  return (
    <div className="ph-row-buttons">
      <Button onClick={() => document.getElementById(id)?.click()}>{t(picked ? 'phone.photoAgain' : 'phone.photo')}</Button>
      <input
        id={id}
        data-field={model.field}
        type="file"
        accept="image/*"
        hidden
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void compressImage(file).then(onChange);
        }}
      />
      {url && (
        <div className="ph-thumbs">
          <img src={url} alt={model.label} />
        </div>
      )}
    </div>
  );
}

export function AdminInput({
  model,
  value,
  error,
  onChange,
}: {
  model: FieldModel;
  value: InputValue | undefined;
  error?: string;
  onChange: (value: InputValue) => void;
}) {
  const id = `report-${model.field}`;
  const text = {
    id,
    className: 'ph-input',
    'data-field': model.field,
    value: typeof value === 'string' ? value : '',
    onChange: (e: { target: { value: string } }) => onChange(e.target.value),
  };
  const options = model.choices.map((c) => ({ value: String(c.value), label: c.text }));
  const chosen = Array.isArray(value) ? value : [];
  const control = (() => {
    switch (model.kind) {
      case 'textarea':
        return <textarea {...text} rows={2} maxLength={model.maxLength ?? undefined} />;
      case 'number':
        return <input {...text} type="number" inputMode="decimal" step="any" />;
      case 'date':
        return <input {...text} type="date" />;
      case 'datetime':
        return <input {...text} type="datetime-local" />;
      case 'm2o':
        return model.related ? <RelatedSelect model={model} text={text} /> : <input {...text} />;
      case 'file':
        return <PhotoInput model={model} value={value} onChange={onChange} />;
      case 'select':
      case 'radio':
        return <Choices name={model.field} options={options} value={typeof value === 'string' ? value : undefined} onChange={onChange} />;
      case 'toggle':
        return (
          <Choices
            name={model.field}
            options={[
              { value: 'true', label: t('list.yes') },
              { value: 'false', label: t('list.no') },
            ]}
            value={value === true ? 'true' : 'false'}
            onChange={(v) => onChange(v === 'true')}
          />
        );
      case 'checkboxes':
        return (
          <div className="ph-choices" role="group">
            {options.map((o) => (
              <label key={o.value} className={`ph-chip${chosen.includes(o.value) ? ' ph-chip-on' : ''}`}>
                <input
                  type="checkbox"
                  name={model.field}
                  checked={chosen.includes(o.value)}
                  onChange={() => onChange(chosen.includes(o.value) ? chosen.filter((v) => v !== o.value) : [...chosen, o.value])}
                />
                {o.label}
              </label>
            ))}
          </div>
        );
      default:
        return <input {...text} maxLength={model.maxLength ?? undefined} />;
    }
  })();
  return (
    <Field id={id} label={model.label} required={model.required} error={error}>
      {control}
      {model.note && <div className="ph-muted">{model.note}</div>}
    </Field>
  );
}
