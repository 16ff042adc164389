// Directus field metadata (/fields, /relations) → what a form, a table and a
// detail view need to know. Pure: the screens in ../components/schema render it.

import { lengthLimit } from '../../../extensions/kernel/integrity.ts';
import type { FieldCondition, FilterRule, RuledField } from './rules.ts';

export type FieldKind =
  | 'text'
  | 'textarea'
  | 'number'
  | 'select'
  | 'checkboxes'
  | 'radio'
  | 'toggle'
  | 'date'
  | 'datetime'
  | 'm2o'
  | 'file'
  | 'files'
  | 'tags'
  | 'richtext'
  | 'json'
  | 'map'
  | 'group'
  | 'other';

export interface Choice {
  text: string;
  value: string | number;
}

export interface FieldModel extends RuledField {
  field: string;
  label: string;
  kind: FieldKind;
  type: string;
  required: boolean;
  /** The longest text it takes, in characters (the server holds the same limit: kernel/integrity.ts). */
  maxLength: number | null;
  readonly: boolean;
  hidden: boolean;
  /** Columns out of 24: half → 12, full and fill → 24. */
  span: 12 | 24;
  sort: number;
  group: string | null;
  note: string | null;
  choices: Choice[];
  /** For m2o: the collection it points to and the template to show it. */
  related: { collection: string; template: string | null /** Its primary key (`code` for code tables). */; key: string } | null;
  /** Set by the server (ids, stamps): never in a form. */
  system: boolean;
  /** A JSON field on a map that keeps an area or a line (a unit's boundary): its geometry kind, read from a GeoJSON file. */
  geometry?: string | null;
}

export interface DirectusField {
  field: string;
  type: string;
  schema?: { is_primary_key?: boolean; has_auto_increment?: boolean; is_nullable?: boolean; max_length?: number | null } | null;
  meta?: {
    interface?: string | null;
    special?: string[] | null;
    options?: { choices?: Choice[] | null; template?: string | null; softLength?: unknown; geometryType?: unknown } | null;
    translations?: { language: string; translation: string }[] | null;
    note?: string | null;
    required?: boolean | null;
    readonly?: boolean | null;
    hidden?: boolean | null;
    width?: string | null;
    sort?: number | null;
    group?: string | null;
    display_options?: { template?: string } | null;
    validation?: FilterRule | null;
    validation_message?: string | null;
    conditions?: FieldCondition[] | null;
  } | null;
}

export interface DirectusRelation {
  collection: string;
  field: string;
  related_collection: string | null;
  /** `foreign_key_column`: the related collection's primary key. */
  schema?: { foreign_key_column?: string | null } | null;
}

const NUMERIC = ['integer', 'bigInteger', 'float', 'decimal'];
const STAMPS = ['user-created', 'user-updated', 'date-created', 'date-updated'];

function kindOf(f: DirectusField): FieldKind {
  const ui = f.meta?.interface ?? '';
  const special = f.meta?.special ?? [];
  if (special.includes('group') || ui.startsWith('group-')) return 'group';
  if (ui === 'files' || special.includes('files')) return 'files';
  if (ui === 'file' || ui === 'file-image') return 'file';
  if (ui === 'select-dropdown-m2o' || special.includes('m2o')) return 'm2o';
  if (ui === 'select-dropdown') return 'select';
  if (ui === 'select-multiple-checkbox' || ui === 'select-multiple-dropdown') return 'checkboxes';
  if (ui === 'select-radio') return 'radio';
  if (ui === 'boolean' || ui === 'toggle' || f.type === 'boolean') return 'toggle';
  if (ui === 'tags') return 'tags';
  // A point is picked on our own drawing; an area or a line kept as GeoJSON is edited as such, or read from a file.
  if (ui === 'map' && f.type === 'json' && f.meta?.options?.geometryType !== 'Point') return 'json';
  if (ui === 'map' || f.type.startsWith('geometry')) return 'map';
  if (ui.startsWith('input-rich-text')) return 'richtext';
  if (ui === 'input-multiline' || f.type === 'text') return 'textarea';
  if (ui === 'input-code' || f.type === 'json') return 'json';
  if (ui === 'datetime' || f.type === 'timestamp' || f.type === 'dateTime' || f.type === 'date')
    return f.type === 'date' ? 'date' : 'datetime';
  if (NUMERIC.includes(f.type)) return 'number';
  if (ui === 'input' || f.type === 'string' || f.type === 'uuid') return 'text';
  return 'other';
}

/** The label in the user's language, else the other one, else the field name. */
export function labelOf(f: DirectusField, locale: string): string {
  const list = f.meta?.translations ?? [];
  return list.find((t) => t.language === locale)?.translation ?? list[0]?.translation ?? f.field;
}

/** GET: the collections the user has rights on, with their display templates. */
export const COLLECTIONS_PATH = '/collections';
export interface CollectionInfo {
  collection: string;
  meta?: { display_template?: string | null } | null;
}
/** Collection → its display template, for relations without a template of their own (Studio shows them so too). */
export const displayTemplates = (collections: readonly CollectionInfo[] | undefined): Record<string, string> =>
  Object.fromEntries(
    (Array.isArray(collections) ? collections : []).flatMap((c) =>
      typeof c.meta?.display_template === 'string' && c.meta.display_template ? [[c.collection, c.meta.display_template]] : [],
    ),
  );

export function fieldModels(
  fields: DirectusField[],
  relations: DirectusRelation[],
  locale: string,
  templates: Readonly<Record<string, string>> = {},
): FieldModel[] {
  return fields
    .map((f): FieldModel => {
      const kind = kindOf(f);
      const relation = relations.find((r) => r.field === f.field && r.related_collection);
      const special = f.meta?.special ?? [];
      const system = Boolean(f.schema?.is_primary_key) || special.some((s) => STAMPS.includes(s));
      return {
        field: f.field,
        label: labelOf(f, locale),
        kind,
        type: f.type,
        required: Boolean(f.meta?.required),
        maxLength: kind === 'text' || kind === 'textarea' ? lengthLimit(f) : null,
        readonly: Boolean(f.meta?.readonly) || system,
        hidden: Boolean(f.meta?.hidden),
        span: f.meta?.width?.startsWith('half') ? 12 : 24,
        sort: f.meta?.sort ?? Number.MAX_SAFE_INTEGER,
        group: f.meta?.group ?? null,
        note: f.meta?.note ?? null,
        choices: f.meta?.options?.choices ?? [],
        related:
          kind === 'm2o' && relation
            ? {
                collection: relation.related_collection!,
                template:
                  f.meta?.options?.template ??
                  f.meta?.display_options?.template ??
                  (Object.hasOwn(templates, relation.related_collection!) ? templates[relation.related_collection!]! : null),
                key: relation.schema?.foreign_key_column ?? 'id',
              }
            : null,
        system,
        validation: f.meta?.validation && Object.keys(f.meta.validation).length ? f.meta.validation : null,
        validationMessage: f.meta?.validation_message ?? null,
        conditions: Array.isArray(f.meta?.conditions) ? f.meta.conditions : [],
        geometry:
          kind === 'json' && f.meta?.interface === 'map'
            ? typeof f.meta.options?.geometryType === 'string'
              ? f.meta.options.geometryType
              : 'any'
            : null,
      };
    })
    .sort((a, b) => a.sort - b.sort || a.field.localeCompare(b.field));
}

/** Fields a form edits: visible (or made visible by a condition), not set by the server, of a kind we can render. */
export function formFields(models: FieldModel[]): FieldModel[] {
  return models.filter(
    (m) =>
      (!m.hidden || m.conditions.some((c) => c.hidden === false)) &&
      !m.system &&
      m.kind !== 'group' &&
      m.kind !== 'other' &&
      !(m.kind === 'm2o' && !m.related),
  );
}

/** Fields a table shows: visible scalar and m2o fields, the first `max` by sort order. */
export function tableFields(models: FieldModel[], max = 8, chosen?: string[] | null): FieldModel[] {
  const listable = models.filter((m) => !m.hidden && !['group', 'other', 'files', 'json', 'richtext', 'textarea', 'map'].includes(m.kind));
  // The columns an administrator chose for the table layout in Studio (a collection preset), in that order.
  const picked = (chosen ?? []).map((field) => listable.find((m) => m.field === field)).filter((m): m is FieldModel => Boolean(m));
  // Without a choice, the collection's own fields before those inside groups (a group's fields are sorted within it).
  return picked.length ? picked : [...listable.filter((m) => !m.group), ...listable.filter((m) => m.group)].slice(0, max);
}

/** A Directus preset as GET /presets returns it (the fields a list reads). */
export interface StudioPreset {
  id?: number | null;
  user?: string | null;
  role?: string | null;
  filter?: Record<string, unknown> | null;
  layout_query?: { tabular?: { fields?: unknown; sort?: unknown } } | null;
}

/** What a list opens with, as saved in Studio: its columns, order and filter (each null when not set). */
export interface ListPreset {
  fields: string[] | null;
  sort: string[] | null;
  filter: Record<string, unknown> | null;
}

const strings = (value: unknown): string[] | null => {
  const list = Array.isArray(value) ? value.filter((f): f is string => typeof f === 'string' && f.length > 0) : [];
  return list.length ? list : null;
};

/**
 * The table layout saved in Studio for a collection: the user's own wins over the
 * role's, the role's over everyone's, and among equals the latest saved.
 */
export function presetLayout(presets: StudioPreset[]): ListPreset {
  const rank = (p: StudioPreset) => (p.user ? 0 : p.role ? 1 : 2);
  const saved = (p: StudioPreset) =>
    Boolean(
      strings(p.layout_query?.tabular?.fields) || strings(p.layout_query?.tabular?.sort) || (p.filter && typeof p.filter === 'object'),
    );
  const best = presets.filter(saved).sort((a, b) => rank(a) - rank(b) || (b.id ?? 0) - (a.id ?? 0))[0];
  if (!best) return { fields: null, sort: null, filter: null };
  const filter =
    best.filter && typeof best.filter === 'object' && !Array.isArray(best.filter) && Object.keys(best.filter).length ? best.filter : null;
  return { fields: strings(best.layout_query?.tabular?.fields), sort: strings(best.layout_query?.tabular?.sort), filter };
}

/** `{{name}}` / `{{number}} {{title}}` → the field list to fetch and a function to render. */
export function template(
  tpl: string | null,
  key = 'id',
): { fields: string[]; render: (item: Record<string, unknown> | null | undefined) => string } {
  const text = tpl ?? `{{${key}}}`;
  const fields = [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]!);
  return {
    // The related item's key always (a code table's is `code`: asking for an `id` it lacks fails the whole request).
    fields: [key, ...fields.filter((f) => f !== key)],
    render: (item) =>
      item
        ? text
            .replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, path: string) => String(path.split('.').reduce<any>((v, k) => v?.[k], item) ?? ''))
            .trim()
        : '',
  };
}

/** What the user may read of a collection: its readable fields ('*' for all), or null for nothing. */
export type Readable = (collection: string) => readonly string[] | null;

type Rights = { access?: string; fields?: string[] | null };
type Permissions = Record<string, Partial<Record<'read' | 'create' | 'update', Rights>> | undefined>;

/** What the user may do with each collection's fields (read, create, update), from Directus's GET /permissions/me. */
export function allowedFrom(permissions: Permissions, action: 'read' | 'create' | 'update'): Readable {
  return (collection) => {
    const rights = Object.hasOwn(permissions, collection) ? permissions[collection]?.[action] : undefined;
    if (!rights || rights.access === 'none' || !rights.access) return null;
    return rights.fields ?? ['*'];
  };
}

/** Readable from Directus's GET /permissions/me. */
export const readableFrom = (permissions: Permissions): Readable => allowedFrom(permissions, 'read');

/**
 * The Directus `fields` a list or detail request needs: relations expanded by their templates,
 * as far as the user may read the related collection (Directus refuses the whole request for one
 * field it may not read); a relation the user cannot read at all is fetched as its stored key.
 */
export function queryFields(models: FieldModel[], readable?: Readable): string[] {
  const out = ['id'];
  for (const m of models) {
    if (m.kind === 'm2o' && m.related) {
      const may = readable ? readable(m.related.collection) : ['*'];
      const wanted = template(m.related.template, m.related.key).fields.filter(
        (f) => may?.includes('*') || may?.includes(f.split('.')[0]!),
      );
      if (wanted.length) out.push(...wanted.map((f) => `${m.field}.${f}`));
      else out.push(m.field);
    } else if (m.kind === 'files')
      out.push(`${m.field}.directus_files_id.id`, `${m.field}.directus_files_id.title`, `${m.field}.directus_files_id.type`);
    else if (m.kind !== 'group' && m.kind !== 'other') out.push(m.field);
  }
  return [...new Set(out)];
}
