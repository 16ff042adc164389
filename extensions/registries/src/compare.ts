// Monthly comparison (R8, 意见四): a department's list (say, the police's floating
// population list) against the registry within the caller's jurisdiction — who is
// only in ours, who only in theirs, and which fields differ — counted per unit.
// The result keeps masked ID numbers only, so it can be stored and exported.

import { checkIdNumber } from './id-number.ts';
import { same } from './import-plan.ts';
import { maskIdNumber } from './mask.ts';
import type { PersonRecord } from './people.ts';

export interface OurPerson extends PersonRecord {
  id: number;
  id_number: string;
  unit_name: string;
}

export interface TheirRow {
  line: number;
  record: PersonRecord;
}

export interface Comparison {
  counts: { ours: number; theirs: number; matched: number; only_ours: number; only_theirs: number; differing: number; unreadable: number };
  by_unit: Record<string, { only_ours: number; differing: number }>;
  only_ours: { id: number; name: unknown; id_number: string | null; unit: string }[];
  only_theirs: { line: number; name: unknown; id_number: string | null; registered_elsewhere: boolean }[];
  differing: { id: number; line: number; name: unknown; id_number: string | null; unit: string; fields: Record<string, [unknown, unknown]> }[];
  unreadable: { line: number; reason: string }[];
}

/**
 * `ours`: the registry's people in the jurisdiction; `elsewhere`: ID numbers of the
 * list registered outside it; `fields`: the list's fields to compare.
 */
export function compareLists(ours: OurPerson[], theirs: TheirRow[], fields: string[], elsewhere: Set<string>): Comparison {
  const result: Comparison = { counts: { ours: ours.length, theirs: theirs.length, matched: 0, only_ours: 0, only_theirs: 0, differing: 0, unreadable: 0 }, by_unit: {}, only_ours: [], only_theirs: [], differing: [], unreadable: [] };
  const unit = (name: string) => (result.by_unit[name] ??= { only_ours: 0, differing: 0 });
  const byNumber = new Map(ours.map((p) => [p.id_number, p]));
  const listed = new Set<string>();
  for (const row of theirs) {
    const check = checkIdNumber(row.record.id_number);
    if (!check.ok) {
      result.unreadable.push({ line: row.line, reason: check.problem });
      continue;
    }
    const number = check.facts.normalized;
    listed.add(number);
    const mine = byNumber.get(number);
    if (!mine) {
      result.only_theirs.push({ line: row.line, name: row.record.name ?? null, id_number: maskIdNumber(number), registered_elsewhere: elsewhere.has(number) });
      continue;
    }
    result.counts.matched += 1;
    const differences = Object.fromEntries(
      fields.filter((f) => f !== 'id_number' && row.record[f] !== null && row.record[f] !== undefined && !same(f, mine[f], row.record[f])).map((f): [string, [unknown, unknown]] => [f, [mine[f] ?? null, row.record[f]]]),
    );
    if (Object.keys(differences).length) {
      result.differing.push({ id: mine.id, line: row.line, name: mine.name, id_number: maskIdNumber(number), unit: mine.unit_name, fields: differences });
      unit(mine.unit_name).differing += 1;
    }
  }
  for (const p of ours) {
    if (listed.has(p.id_number)) continue;
    result.only_ours.push({ id: p.id, name: p.name, id_number: maskIdNumber(p.id_number), unit: p.unit_name });
    unit(p.unit_name).only_ours += 1;
  }
  result.counts.only_ours = result.only_ours.length;
  result.counts.only_theirs = result.only_theirs.length;
  result.counts.differing = result.differing.length;
  result.counts.unreadable = result.unreadable.length;
  return result;
}

/** The comparison as rows for a CSV file the department receives back (第十七条: told of errors found). */
export function comparisonRows(c: Comparison): Record<string, unknown>[] {
  return [
    ...c.only_ours.map((r) => ({ 类别: '仅本系统有', 单位: r.unit, 姓名: r.name, 身份证号码: r.id_number, 对方行号: '', 差异: '' })),
    ...c.only_theirs.map((r) => ({ 类别: r.registered_elsewhere ? '仅对方有（已在其他辖区登记）' : '仅对方有', 单位: '', 姓名: r.name, 身份证号码: r.id_number, 对方行号: r.line, 差异: '' })),
    ...c.differing.map((r) => ({
      类别: '信息不一致',
      单位: r.unit,
      姓名: r.name,
      身份证号码: r.id_number,
      对方行号: r.line,
      差异: Object.entries(r.fields).map(([f, [a, b]]) => `${f}：本系统“${String(a ?? '')}”，对方“${String(b ?? '')}”`).join('；'),
    })),
    ...c.unreadable.map((r) => ({ 类别: '对方数据无法识别', 单位: '', 姓名: '', 身份证号码: '', 对方行号: r.line, 差异: r.reason })),
  ];
}
