// Importing into registries other than people (houses, rental houses, social
// units): each row is matched with the stored records by the registry's key (a
// house number, a credit code) and planned as create, change (with the fields that
// differ), unchanged or refused. The registry's own rules (codes, references,
// field validations, the jurisdiction) are then applied by writing the planned
// rows through Directus as the caller (imports.ts); this plan is pure.

import type { CollectionSpec, FieldSpec } from '../../../schema/types.ts';
import type { ListKey } from './compare.ts';
import { same, type RowPlan } from './import-plan.ts';
import type { PersonRecord } from './people.ts';

/** Fields the server sets: never taken from a file. */
const SERVER_FIELDS = new Set(['id', 'unit', 'unit_path', 'user_created', 'date_created', 'user_updated', 'date_updated']);

const zhLabel = (f: FieldSpec) =>
  (f.meta?.translations as { language: string; translation: string }[] | undefined)?.find((t) => t.language === 'zh-CN')?.translation;

/** Fields a file may set in a registry: stored, written by people (not read-only, not the server's). */
export function importableFields(spec: CollectionSpec): Set<string> {
  return new Set(spec.fields.filter((f) => f.type !== 'alias' && !SERVER_FIELDS.has(f.field) && !f.meta?.readonly).map((f) => f.field));
}

/** The default column mapping: every importable field by its Chinese label and by its name. */
export function mappingOf(spec: CollectionSpec, importable: Set<string>): Record<string, string> {
  const mapping: Record<string, string> = {};
  for (const f of spec.fields) {
    if (!importable.has(f.field)) continue;
    mapping[f.field] = f.field;
    const zh = zhLabel(f);
    if (zh) mapping[zh] = f.field;
  }
  return mapping;
}

/** Problems with a column mapping a caller gives (column → field): only importable fields, and the key among them. */
export function mappingProblemsOf(spec: CollectionSpec, importable: Set<string>, keyField: string) {
  return (mapping: Record<string, unknown>): string[] => {
    const problems = Object.entries(mapping)
      .filter(([, f]) => typeof f !== 'string' || !importable.has(f))
      .map(([column, f]) => `列“${column}”映射到的字段“${String(f)}”不能导入`);
    if (!Object.values(mapping).includes(keyField)) problems.push(`列映射中需要有${fieldTitle(spec, keyField)}（${keyField}）`);
    return problems;
  };
}

/** Chinese name of a field (for messages). */
export function fieldTitle(spec: CollectionSpec, field: string): string {
  const f = spec.fields.find((x) => x.field === field);
  return (f && zhLabel(f)) ?? field;
}

export interface KeyedContext {
  /** Stored records by key (all the district's, as the server sees them). */
  existing: Map<string, PersonRecord & { id: number; unit_path: string }>;
  /** Path of the unit new rows go to; only records of exactly this unit may be changed. */
  unitPath: string;
  /** Number fields, compared as numbers (88.5 is the stored 88.50). */
  numeric: Set<string>;
  /** Coded fields with their active codes (a retired code is refused as an unknown one). */
  codes: Record<string, Set<string>>;
  /** Chinese names of fields, for messages. */
  title: (field: string) => string;
}

/** Fields stored as numbers. */
export const numericFields = (spec: CollectionSpec) =>
  new Set(spec.fields.filter((f) => ['integer', 'bigInteger', 'decimal', 'float'].includes(f.type)).map((f) => f.field));

const sameValue = (numeric: Set<string>, field: string, a: unknown, b: unknown) =>
  numeric.has(field) && a !== null && a !== undefined && b !== '' && Number.isFinite(Number(a)) && Number.isFinite(Number(b))
    ? Number(a) === Number(b)
    : same(field, a, b);

export function planKeyedRow(line: number, imported: PersonRecord, key: ListKey, ctx: KeyedContext, seen: Set<string>): RowPlan {
  const read = key.read(imported[key.field]);
  if (!read.ok) return { line, action: 'refused', reason: read.problem };
  const value = read.value;
  if (seen.has(value)) return { line, action: 'refused', key: value, reason: '文件中该编号重复出现' };
  seen.add(value);
  // An empty cell says nothing: it neither sets nor clears a field.
  const record = Object.fromEntries(Object.entries({ ...imported, [key.field]: value }).filter(([, v]) => v !== null && v !== undefined));
  const badCodes = Object.entries(ctx.codes).filter(([f, codes]) => f in record && !codes.has(String(record[f])));
  if (badCodes.length)
    return {
      line,
      action: 'refused',
      key: value,
      reason: badCodes.map(([f]) => `${ctx.title(f)}代码“${String(record[f])}”不在代码表中或已停用`).join('；'),
    };
  const stored = ctx.existing.get(value);
  if (!stored) return { line, action: 'create', key: value, record };
  if (stored.unit_path !== ctx.unitPath) {
    const below = stored.unit_path.startsWith(ctx.unitPath);
    return {
      line,
      action: 'refused',
      key: value,
      id: below ? stored.id : undefined,
      reason: below ? '该记录登记在下级单位，请由其所在单位导入变更' : '该编号已在其他辖区登记',
    };
  }
  const changed = Object.keys(record).filter((f) => f !== key.field && !sameValue(ctx.numeric, f, stored[f], record[f]));
  if (!changed.length) return { line, action: 'unchanged', key: value, id: stored.id };
  return {
    line,
    action: 'change',
    key: value,
    id: stored.id,
    changes: Object.fromEntries(changed.map((f) => [f, [stored[f] ?? null, record[f]]])),
    record: Object.fromEntries(changed.map((f) => [f, record[f]])),
  };
}
