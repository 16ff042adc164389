// What schema apply changes on a collection or field that already exists: the
// keys of its metadata that code sets and the database holds differently, and
// the schema changes that cannot lose data (a longer text, a new default).
// Keys code does not set (an administrator's sort order, a field added in Studio)
// are left as they are. Pure, so that each rule is a table of cases.

import type { FieldSpec } from './types.ts';

type Row = Record<string, any>;

/** Two JSON values equal regardless of key order (a missing value and null are the same). */
export function sameJson(a: unknown, b: unknown): boolean {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, canonical((v as Row)[k])]),
          )
        : (v ?? null);
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/** Flags Directus adds to a field's `special` on SQLite to read the column back (not ours to set). */
const DIALECT_FLAGS = ['cast-timestamp', 'cast-json'];
const withoutDialectFlags = (special: unknown) => (Array.isArray(special) ? special.filter((f) => !DIALECT_FLAGS.includes(f)) : special);

const sameMeta = (key: string, stored: unknown, wanted: unknown) =>
  key === 'special' ? sameJson(withoutDialectFlags(stored), withoutDialectFlags(wanted)) : sameJson(stored, wanted);

/** The metadata keys code sets that differ from what is stored, with code's values; null when none differ. */
export function metaChanges(wanted: Row | null | undefined, stored: Row | null | undefined): Row | null {
  const changes = Object.fromEntries(Object.entries(wanted ?? {}).filter(([key, value]) => !sameMeta(key, stored?.[key], value)));
  return Object.keys(changes).length ? changes : null;
}

/**
 * Schema changes that keep every stored value: a longer maximum length, and a changed
 * default. A shorter length, another type or a new NOT NULL could refuse or cut stored
 * values, so they are reported instead (`unsafe`) and left to a migration of their own.
 */
export function schemaChanges(wanted: Row | null | undefined, stored: Row | null | undefined): { safe: Row | null; unsafe: string[] } {
  const safe: Row = {};
  const unsafe: string[] = [];
  const want = wanted ?? {};
  const have = stored ?? {};
  if (typeof want.max_length === 'number' && typeof have.max_length === 'number' && want.max_length !== have.max_length) {
    if (want.max_length > have.max_length) safe.max_length = want.max_length;
    else unsafe.push(`max_length ${have.max_length} → ${want.max_length}`);
  }
  if ('default_value' in want && !sameJson(want.default_value, have.default_value)) safe.default_value = want.default_value;
  if (want.is_nullable === false && have.is_nullable === true) unsafe.push('is_nullable → false');
  return { safe: Object.keys(safe).length ? safe : null, unsafe };
}

/** The update a stored field needs to match code, or null. */
export function fieldUpdate(spec: FieldSpec, stored: Row): { meta?: Row; schema?: Row; unsafe: string[] } | null {
  const meta = metaChanges(spec.meta, stored.meta);
  const { safe, unsafe } = schemaChanges(spec.schema, stored.schema);
  if (!meta && !safe && !unsafe.length) return null;
  return { ...(meta ? { meta } : {}), ...(safe ? { schema: safe } : {}), unsafe };
}

/** A permission row as code wants it: its policy, collection and action identify it. */
export interface WantedPermission {
  policy: string;
  collection: string;
  action: string;
  fields: string[];
  permissions?: Row | null;
  validation?: Row | null;
  presets?: Row | null;
}

const permissionKey = (p: { policy: string; collection: string; action: string }) => `${p.policy}|${p.collection}|${p.action}`;

/**
 * How to bring the stored permission rows of some policies to what code wants: rows to create,
 * rows to change (only what differs), and rows no longer wanted. One plan for schema apply and
 * for the rules hook, so that both read the rows the same way.
 */
export function permissionPlan(
  stored: readonly Row[],
  wanted: readonly WantedPermission[],
): { create: WantedPermission[]; update: { id: number; key: string; changes: Row }[]; remove: number[] } {
  const open = new Map(wanted.map((p) => [permissionKey(p), p]));
  const update: { id: number; key: string; changes: Row }[] = [];
  const remove: number[] = [];
  for (const row of stored) {
    const key = permissionKey(row as WantedPermission);
    const spec = open.get(key);
    if (!spec) {
      remove.push(row.id);
      continue;
    }
    open.delete(key);
    const changes: Row = {
      fields: spec.fields,
      permissions: spec.permissions ?? null,
      validation: spec.validation ?? null,
      presets: spec.presets ?? null,
    };
    if (Object.entries(changes).some(([k, v]) => !sameJson(row[k], v))) update.push({ id: row.id, key, changes });
  }
  return { create: [...open.values()], update, remove };
}
