// Importing people from a department's or a community's file (R8): each row is
// mapped to fields, checked by the same rules as any write, and planned as
// create, change (with the fields that differ), unchanged or refused (with why).
// The plan is pure; the endpoint loads what it needs and writes the plan.

import { people, PERSON_CODE_FIELDS } from '../../../schema/collections/people.ts';
import { checkIdNumber } from './id-number.ts';
import { checkPerson, dateText, type PersonRecord } from './people.ts';

export type RowAction = 'create' | 'change' | 'unchanged' | 'refused';

export interface RowPlan {
  /** 1-based line of the data row in the file (the header is line 1). */
  line: number;
  action: RowAction;
  id_number?: string;
  /** The row's key in registries other than people (a house number, a credit code). */
  key?: string;
  /** Existing record changed (or left unchanged). */
  id?: number;
  reason?: string;
  /** Field → [stored, imported] for a change. */
  changes?: Record<string, [unknown, unknown]>;
  record?: PersonRecord;
}

const BOOLEAN_FIELDS = new Set(people.fields.filter((f) => f.type === 'boolean').map((f) => f.field));

function cellValue(field: string, raw: string): unknown {
  const text = raw.trim();
  if (text === '') return null;
  if (BOOLEAN_FIELDS.has(field)) {
    if (['是', '1', 'true', 'TRUE', 'Y', 'y'].includes(text)) return true;
    if (['否', '0', 'false', 'FALSE', 'N', 'n'].includes(text)) return false;
    return text; // refused below
  }
  return text;
}

/** A row of cells (by column header) as a record of fields. */
export function mapRow(row: Record<string, string>, mapping: Record<string, string>): PersonRecord {
  const record: PersonRecord = {};
  for (const [column, field] of Object.entries(mapping)) if (column in row) record[field] = cellValue(field, String(row[column] ?? ''));
  return record;
}

export interface PlanContext {
  today: Date;
  /** Active codes per coded field. */
  codes: Record<string, Set<string>>;
  /** Stored records by ID number (all the district's, as the server sees them). */
  existing: Map<string, PersonRecord & { id: number; unit_path: string }>;
  /** Path of the unit new rows go to; only records of exactly this unit may be changed. */
  unitPath: string;
}

/** Whether a stored and an imported value say the same (booleans in other words, dates in other forms). */
export const same = (field: string, a: unknown, b: unknown) => {
  if (BOOLEAN_FIELDS.has(field)) return Boolean(a) === Boolean(b);
  const norm = (v: unknown) =>
    v === null || v === undefined || v === '' ? null : /date|_on$|valid_/.test(field) ? dateText(v) : String(v);
  return norm(a) === norm(b);
};

export function planRow(line: number, imported: PersonRecord, ctx: PlanContext, seen: Set<string>): RowPlan {
  const parsed = checkIdNumber(imported.id_number, ctx.today);
  if (!parsed.ok) return { line, action: 'refused', reason: parsed.problem };
  const idNumber = parsed.facts.normalized;
  if (seen.has(idNumber)) return { line, action: 'refused', id_number: idNumber, reason: '文件中该身份证号码重复出现' };
  seen.add(idNumber);
  for (const [field, value] of Object.entries(imported)) {
    if (BOOLEAN_FIELDS.has(field) && typeof value === 'string')
      return { line, action: 'refused', id_number: idNumber, reason: `“${field}”应为 是/否` };
  }
  const stored = ctx.existing.get(idNumber);
  if (stored && stored.unit_path !== ctx.unitPath) {
    return {
      line,
      action: 'refused',
      id_number: idNumber,
      id: stored.unit_path.startsWith(ctx.unitPath) ? stored.id : undefined,
      reason: stored.unit_path.startsWith(ctx.unitPath) ? '该人员登记在下级单位，请由其所在单位导入变更' : '该身份证号码已在其他辖区登记',
    };
  }
  const changes: PersonRecord = stored
    ? Object.fromEntries(Object.entries(imported).filter(([f, v]) => v !== null && !same(f, stored[f], v)))
    : imported;
  const { problems, derived } = checkPerson(stored ? { ...stored, ...changes } : imported, { ...changes, id_number: idNumber }, ctx.today);
  for (const field of Object.keys(PERSON_CODE_FIELDS)) {
    const value = changes[field];
    if (value !== null && value !== undefined && !ctx.codes[field]?.has(String(value)))
      problems.push(`“${field}”代码“${String(value)}”不在代码表中或已停用`);
  }
  if (problems.length) return { line, action: 'refused', id_number: idNumber, id: stored?.id, reason: problems.join('；') };
  if (!stored) return { line, action: 'create', id_number: idNumber, record: { ...imported, ...derived } };
  const changed = Object.keys(changes).filter((f) => f !== 'id_number');
  if (!changed.length) return { line, action: 'unchanged', id_number: idNumber, id: stored.id };
  const { id_number: _same, ...derivedChanges } = derived;
  return {
    line,
    action: 'change',
    id_number: idNumber,
    id: stored.id,
    changes: Object.fromEntries(changed.map((f) => [f, [stored[f] ?? null, changes[f]]])),
    record: {
      ...Object.fromEntries(changed.map((f) => [f, changes[f]])),
      ...Object.fromEntries(Object.entries(derivedChanges).filter(([f]) => (f !== 'birth_date' && f !== 'sex') || changed.includes(f))),
    },
  };
}
