// Fields an administrator adds to matters in Studio (no code): which of the live
// schema's fields they are, and what a report may put in them. Pure: the matters
// endpoint reads the fields (FieldsService) and hands them here.
//
// Ours are the fields schema/ declares for `matters` (the one source); every
// other field of the collection is the administrator's. A report fills those of
// them a user may fill: not hidden, not read-only, not set by the server (keys,
// stamps, generated columns), of a plain type (text, numbers, yes/no, dates, JSON),
// or a reference: a many-to-one to another collection or a single file (its
// relation known to the live schema). Lists (o2m, m2m, files) and hashes are left
// out. Each value is checked
// as kernel/integrity.ts checks every write (type, length, choices, nullability),
// then against the field's `required` and its validation rule (`meta.validation`, a
// Directus filter, evaluated by Directus's own validatePayload as ItemsService would).
// A reference must also name a record the reporter may read (the endpoint asks
// Directus, with the reporter's rights: referencesOf); a file is also one of the
// matter's attachments, so whoever sees the matter sees it.

import type { Accountability } from '@directus/types';
import { parseFilter, validatePayload } from '@directus/utils';
import { COLLECTIONS } from '../../../schema/index.ts';
import { type FieldInfo, type FieldRule, fieldRule, valueProblem } from '../../kernel/integrity.ts';

/** The fields of `matters` our schema code declares (schema/collections/matters.ts and any other spec of the collection). */
export const OWN_FIELDS: ReadonlySet<string> = new Set([
  ...COLLECTIONS.filter((c) => c.collection === 'matters').flatMap((c) => c.fields.map((f) => f.field)),
  // The lists other collections keep on matters (steps, participants, attachments' junction).
  ...COLLECTIONS.flatMap((c) => c.relations ?? [])
    .filter((r) => r.related_collection === 'matters' && typeof r.meta?.one_field === 'string')
    .map((r) => r.meta!.one_field as string),
]);

/** A field as GET /fields describes it, with the parts of its meta a form and a report read. */
export interface AdminFieldInfo extends FieldInfo {
  schema?:
    | (NonNullable<FieldInfo['schema']> & { default_value?: unknown; is_generated?: boolean; generation_expression?: string | null })
    | null;
  meta?:
    | (NonNullable<FieldInfo['meta']> & {
        hidden?: boolean | null;
        readonly?: boolean | null;
        required?: boolean | null;
        sort?: number | null;
        validation?: Record<string, unknown> | null;
        validation_message?: string | null;
      })
    | null;
}

/** An administrator's field a report may fill, with what it accepts. */
export interface AdminField extends FieldRule {
  required: boolean;
  /** The column has a default (an absent value takes it). */
  hasDefault: boolean;
  /** `meta.validation`: a Directus filter the value must pass. */
  validation: Record<string, unknown> | null;
  validationMessage: string | null;
  /** The collection a reference points to (`directus_files` for a file), else null. */
  related: string | null;
}

/** The collection a field of matters points to by its relation in the live schema, or null. */
export type RelatedOf = (field: string) => string | null;

/** Directus's collection of files: a single-file field is a reference to it. */
export const FILES = 'directus_files';

/** The types a report stores as they come (checked); others (hash, csv, geometry, relations) need Directus's own processing. */
const PLAIN_TYPES = [
  'string',
  'text',
  'integer',
  'bigInteger',
  'float',
  'decimal',
  'boolean',
  'date',
  'dateTime',
  'timestamp',
  'time',
  'json',
  'uuid',
];
/** Values the server sets (Directus's special handling on create and update). */
const SERVER_SPECIALS = [
  'uuid',
  'user-created',
  'user-updated',
  'date-created',
  'date-updated',
  'role-created',
  'role-updated',
  'hash',
  'conceal',
];
/** A name the report's SQL may carry as a column (Studio makes such names; anything else is not taken). */
const COLUMN_NAME = /^[a-z_][a-z0-9_]{0,62}$/i;

/** Whether a field of matters is one an administrator added (not declared in schema/). */
export const isAdminField = (field: string, own: ReadonlySet<string> = OWN_FIELDS): boolean => !own.has(field);

/** The administrator's fields a report may fill, in Studio's order. */
export function adminFields(
  fields: readonly AdminFieldInfo[],
  own: ReadonlySet<string> = OWN_FIELDS,
  relatedOf: RelatedOf = () => null,
): AdminField[] {
  return fields
    .filter((f) => {
      const meta = f.meta ?? {};
      const schema = f.schema ?? {};
      const special = meta.special ?? [];
      // A reference is taken only with its relation (Studio makes both; a bare key column names nothing to check).
      const related = relatedOf(f.field);
      return (
        (f.collection === undefined || f.collection === 'matters') &&
        isAdminField(f.field, own) &&
        COLUMN_NAME.test(f.field) &&
        PLAIN_TYPES.includes(f.type) &&
        !meta.system &&
        !meta.hidden &&
        !meta.readonly &&
        !schema.is_primary_key &&
        !schema.is_generated &&
        !special.some((s) => SERVER_SPECIALS.includes(s) || s === 'files' || s === 'm2m' || s === 'o2m') &&
        (!(special.includes('m2o') || special.includes('file')) || related !== null) &&
        (!special.includes('file') || related === FILES)
      );
    })
    .sort((a, b) => (a.meta?.sort ?? Number.MAX_SAFE_INTEGER) - (b.meta?.sort ?? Number.MAX_SAFE_INTEGER) || a.field.localeCompare(b.field))
    .map((f) => {
      const validation = f.meta?.validation;
      return {
        ...fieldRule(f),
        required: Boolean(f.meta?.required),
        hasDefault: f.schema?.default_value !== null && f.schema?.default_value !== undefined,
        validation: validation && typeof validation === 'object' && Object.keys(validation).length ? validation : null,
        validationMessage: typeof f.meta?.validation_message === 'string' && f.meta.validation_message ? f.meta.validation_message : null,
        related: relatedOf(f.field),
      };
    });
}

const isBlank = (value: unknown) => value === undefined || value === null || value === '';

/** A checked value as the report's insert stores it (booleans as booleans, JSON as text, instants in UTC). */
function stored(field: AdminField, value: unknown): unknown {
  switch (field.type) {
    case 'boolean':
      return [true, 1, 'true', '1'].includes(value as never);
    case 'integer':
    case 'float':
      return Number(value);
    case 'string':
    case 'text':
      return String(value);
    case 'timestamp':
      return new Date(value as string).toISOString();
    case 'json':
      return JSON.stringify(value);
    default:
      return value;
  }
}

export interface AdminValues {
  /** Column → value, for the matter's insert. */
  values: Record<string, unknown>;
  problems: string[];
}

/**
 * The administrator's fields of a report: each present value checked and made ready to
 * store; a required field (or a column without null and default) that is missing is a
 * problem; the validation rules are evaluated on the report as submitted.
 */
export function adminValues(
  input: Record<string, unknown>,
  fields: readonly AdminField[],
  accountability: Pick<Accountability, 'user' | 'role'> | null = null,
): AdminValues {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  const checked: Record<string, unknown> = {};
  for (const field of fields) {
    const value = Object.hasOwn(input, field.field) ? input[field.field] : undefined;
    const name = `“${field.label}”`;
    if (isBlank(value)) {
      if (field.required || (!field.nullable && !(value === undefined && field.hasDefault))) problems.push(`${name}不能为空`);
      else if (value === null) values[field.field] = null;
      continue;
    }
    // A reference is a key only: the report writes nothing into the other collection.
    const problem = field.related && typeof value === 'object' ? `${name}应为所选记录的编号` : valueProblem(field, value);
    if (problem) {
      problems.push(problem);
      continue;
    }
    values[field.field] = stored(field, value);
    checked[field.field] = value;
  }
  // Directus's own rule evaluation, one field's rule at a time so the refusal names that field.
  const payload = { ...input, ...checked };
  for (const field of fields) {
    if (!field.validation || !(field.field in checked)) continue;
    const fails = (() => {
      try {
        const rule = parseFilter(field.validation as never, (accountability ?? null) as never);
        return validatePayload(rule as never, payload).length > 0;
      } catch {
        return true;
      }
    })();
    if (fails) problems.push(`“${field.label}”不符合填写要求${field.validationMessage ? `：${field.validationMessage}` : ''}`);
  }
  return { values, problems };
}

/** A record a report names in one of the administrator's reference fields. */
export interface Reference {
  field: string;
  label: string;
  collection: string;
  key: string | number;
}

/** The references among a report's checked values (what the endpoint asks Directus the reporter may read). */
export function referencesOf(values: Readonly<Record<string, unknown>>, fields: readonly AdminField[]): Reference[] {
  return fields.flatMap((f) => {
    const key = values[f.field];
    return f.related && (typeof key === 'string' || typeof key === 'number')
      ? [{ field: f.field, label: f.label, collection: f.related, key }]
      : [];
  });
}

/** The files a report names in the administrator's file fields (kept with the matter's attachments). */
export const filesOf = (values: Readonly<Record<string, unknown>>, fields: readonly AdminField[]): string[] =>
  referencesOf(values, fields)
    .filter((r) => r.collection === FILES)
    .map((r) => String(r.key));
