// The administrator's fields on the phone's report form (below the fixed fields):
// one light input per field kind, drawn from the field's model (label, note,
// required, choices, length) as the office's schema forms read it; no antd here.
// Which fields, and how they are checked and sent: ../matters/admin-fields.ts.

import type { FieldModel } from '../schema/model.ts';
import type { InputValue } from '../matters/admin-fields.ts';
import { t } from './data.ts';
import { Choices, Field } from './ui.tsx';

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
