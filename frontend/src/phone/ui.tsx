// The phone's few building blocks (plain React and phone.css, no antd): short
// messages at the top of the screen, cards, buttons, labelled fields, tags.

import { useEffect, useState, type ButtonHTMLAttributes, type ReactNode } from 'react';
import { say as t } from '../i18n/index.ts';

type Tone = 'success' | 'info' | 'warning' | 'error';
interface Note {
  id: number;
  tone: Tone;
  text: string;
}

let notes: Note[] = [];
let nextId = 1;
const listeners = new Set<(list: Note[]) => void>();
const publish = () => {
  for (const l of listeners) l(notes);
};

/** Shows a short message for a few seconds (errors longer). */
export function toast(tone: Tone, text: string, seconds = tone === 'error' ? 6 : 3): void {
  const note = { id: nextId++, tone, text };
  notes = [...notes, note];
  publish();
  setTimeout(() => {
    notes = notes.filter((n) => n !== note);
    publish();
  }, seconds * 1000);
}

export function Toasts() {
  const [list, setList] = useState<Note[]>(notes);
  useEffect(() => {
    listeners.add(setList);
    return () => void listeners.delete(setList);
  }, []);
  return (
    <div className="ph-toasts" role="status" aria-live="polite" data-testid="toast">
      {list.map((n) => (
        <div key={n.id} className={`ph-toast ph-${n.tone}`}>
          {n.text}
        </div>
      ))}
    </div>
  );
}

export function Card({ title, children, ...rest }: { title?: ReactNode; children: ReactNode; [data: `data-${string}`]: string }) {
  return (
    <section className="ph-card" {...rest}>
      {title && <h3 className="ph-card-title">{title}</h3>}
      {children}
    </section>
  );
}

export function Button({
  kind = 'default',
  busy,
  block,
  children,
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { kind?: 'primary' | 'default' | 'danger'; busy?: boolean; block?: boolean }) {
  return (
    <button
      type="button"
      {...rest}
      className={`ph-button ph-${kind}${block ? ' ph-block' : ''}`}
      disabled={busy || rest.disabled}
      aria-busy={busy || undefined}
    >
      {busy ? t('phone.wait') : children}
    </button>
  );
}

export function Tag({ tone, children }: { tone: 'green' | 'orange' | 'red' | 'grey'; children: ReactNode }) {
  return <span className={`ph-tag ph-tag-${tone}`}>{children}</span>;
}

/** A label above its input, the error below it. */
export function Field({
  id,
  label,
  required,
  error,
  children,
}: {
  id?: string;
  label: string;
  required?: boolean;
  error?: string;
  children: ReactNode;
}) {
  return (
    <div className="ph-field">
      <label htmlFor={id} className="ph-label">
        {required && <span className="ph-required">*</span>}
        {label}
      </label>
      {children}
      {error && (
        <div className="ph-error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}

/** One choice of a few (category, urgency): large tappable chips. */
export function Choices<T extends string | number>({
  name,
  options,
  value,
  onChange,
}: {
  name: string;
  options: { value: T; label: string }[];
  value: T | undefined;
  onChange: (value: T) => void;
}) {
  return (
    <div className="ph-choices" role="radiogroup">
      {options.map((o) => (
        <label key={String(o.value)} className={`ph-chip${o.value === value ? ' ph-chip-on' : ''}`}>
          <input type="radio" name={name} checked={o.value === value} onChange={() => onChange(o.value)} />
          {o.label}
        </label>
      ))}
    </div>
  );
}
