// The fields an administrator added to matters in Studio, below the fixed fields of
// the phone's report form and the matter page. Which fields they are the server says
// (GET /matters/admin-fields: our own fields are those schema/ declares); how each is
// labelled, offered and checked comes from its Directus metadata (the field models of
// ../schema/model.ts and the rules of ../schema/rules.ts). Pure.

import { say } from '../i18n/index.ts';
import type { FieldKind, FieldModel } from '../schema/model.ts';
import { validationError } from '../schema/rules.ts';

/** GET: `fields` every field an administrator added, `report` those a report fills. */
export const ADMIN_FIELDS_PATH = '/matters/admin-fields';
export interface AdminFieldNames {
  fields: string[];
  report: string[];
}

/** The named fields' models that a page shows, in Studio's order (the models are sorted so). */
export function adminModels(models: FieldModel[], names: readonly string[] | undefined, kinds?: readonly FieldKind[]): FieldModel[] {
  const named = new Set(names ?? []);
  return models.filter(
    (m) => named.has(m.field) && !m.hidden && m.kind !== 'group' && m.kind !== 'other' && (!kinds || kinds.includes(m.kind)),
  );
}

/** The kinds the phone's report form draws with its own inputs (no antd there). */
export const PHONE_KINDS: readonly FieldKind[] = [
  'text',
  'textarea',
  'number',
  'select',
  'radio',
  'toggle',
  'date',
  'datetime',
  'checkboxes',
  // A record of another collection (a <select> of what the user may read) and a single photo.
  'm2o',
  'file',
];

/** What a phone input holds: text, yes/no, the chosen values of checkboxes, or a picked file (uploaded when the report is sent). */
export type InputValue = string | boolean | string[] | Blob;

/** A picked file: its field's value is the upload's id, known only when the report is sent. */
const isFile = (v: unknown): v is Blob => typeof Blob !== 'undefined' && v instanceof Blob;

const blank = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** A choice's own value (a number stays a number) for the text an input holds. */
const choiceValue = (model: FieldModel, text: string) => model.choices.find((c) => String(c.value) === text)?.value ?? text;

/** An input's value as the report sends it; undefined when left empty. */
export function sentValue(model: FieldModel, input: InputValue | undefined): unknown {
  // A yes/no box left alone says no, as Studio's toggle does.
  if (model.kind === 'toggle') return input === true;
  if (blank(input) || isFile(input)) return undefined;
  if (Array.isArray(input)) return input.map((v) => choiceValue(model, v));
  const text = String(input).trim();
  if (text === '') return undefined;
  switch (model.kind) {
    case 'number':
      // A number the input could not read goes as typed: the check below (and the server) names it.
      return Number.isFinite(Number(text)) ? Number(text) : text;
    case 'datetime':
      return Number.isNaN(new Date(text).getTime()) ? text : new Date(text).toISOString();
    case 'select':
    case 'radio':
      return choiceValue(model, text);
    case 'm2o':
      // A <select> holds text: an integer key goes as a number.
      return ['integer', 'bigInteger'].includes(model.type) && /^\d+$/.test(text) ? Number(text) : text;
    default:
      return text;
  }
}

/** The administrator's fields of the report's body. */
export function adminBody(models: FieldModel[], inputs: Record<string, InputValue>): Record<string, unknown> {
  return Object.fromEntries(models.map((m) => [m.field, sentValue(m, inputs[m.field])]).filter(([, v]) => v !== undefined));
}

/** What is missing or wrong, per field, in the user's language; `body` is the whole report (a rule may name other fields). */
export function adminErrors(
  models: FieldModel[],
  inputs: Record<string, InputValue>,
  body: Record<string, unknown>,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const m of models) {
    const value = sentValue(m, inputs[m.field]);
    const invalid = say('form.invalid', { label: m.label });
    if (m.kind === 'file') {
      if (m.required && !isFile(inputs[m.field])) errors[m.field] = say('form.required', { label: m.label });
      continue;
    }
    if (m.required && value === undefined) errors[m.field] = say('form.required', { label: m.label });
    else if (value === undefined) continue;
    else if (typeof value === 'string' && m.maxLength !== null && [...value].length > m.maxLength)
      errors[m.field] = say('form.tooLong', { label: m.label, max: m.maxLength });
    else if (m.kind === 'number' && typeof value !== 'number') errors[m.field] = invalid;
    else {
      const problem = validationError(m, { ...body, [m.field]: value }, invalid);
      if (problem) errors[m.field] = problem;
    }
  }
  return errors;
}

/** The files picked in the administrator's file fields, each with its field (sent with the report's photos). */
export const adminFiles = (models: FieldModel[], inputs: Record<string, InputValue>): { field: string; blob: Blob }[] =>
  models.flatMap((m) => {
    const input = inputs[m.field];
    return m.kind === 'file' && isFile(input) ? [{ field: m.field, blob: input }] : [];
  });
