// Monthly comparison (R8, 意见四): a department's list (say, the police's floating
// population list) against the registry within the caller's jurisdiction — who is
// only in ours, who only in theirs, and which fields differ — counted per unit.
// The result keeps masked ID and phone numbers only, so it can be stored and exported.
// Other registries compare the same way by their own key (a house number, a
// unified social credit code), shown as it is.

import { checkIdNumber } from './id-number.ts';
import { same } from './import-plan.ts';
import { maskIdNumber, maskPhone } from './mask.ts';
import type { PersonRecord } from './people.ts';

/** A record of ours: its key field (`ListKey.field`) holds the normalised key; `name` names it in the report. */
export interface OurRecord extends PersonRecord {
  id: number;
  unit_name: string;
}
export interface TheirRow {
  line: number;
  record: PersonRecord;
}

/** How a list's rows are matched with ours: the key field, how a cell is read, how a key is shown in the result. */
export interface ListKey {
  field: string;
  read(value: unknown): { ok: true; value: string } | { ok: false; problem: string };
  show(value: string): string | null;
  /** How a compared field's value is kept in the result, which is stored: personal numbers masked. */
  showField?(field: string, value: unknown): unknown;
}

export const PERSON_KEY: ListKey = {
  field: 'id_number',
  read: (value) => {
    const check = checkIdNumber(value);
    return check.ok ? { ok: true, value: check.facts.normalized } : { ok: false, problem: check.problem };
  },
  show: maskIdNumber,
  showField: (field, value) =>
    typeof value !== 'string' ? value : field === 'phone' ? maskPhone(value) : field === 'passport_number' ? maskIdNumber(value) : value,
};

/** A key compared as written (trimmed, upper case), shown as it is: house numbers, credit codes. */
export function plainKey(field: string, zh: string): ListKey {
  return {
    field,
    read: (value) =>
      typeof value === 'string' && value.trim() ? { ok: true, value: value.trim().toUpperCase() } : { ok: false, problem: `缺少${zh}` },
    show: (value) => value,
  };
}

export interface Comparison {
  counts: { ours: number; theirs: number; matched: number; only_ours: number; only_theirs: number; differing: number; unreadable: number };
  by_unit: Record<string, { only_ours: number; differing: number }>;
  only_ours: { id: number; name: unknown; key: string | null; unit: string }[];
  only_theirs: { line: number; name: unknown; key: string | null; registered_elsewhere: boolean }[];
  differing: { id: number; line: number; name: unknown; key: string | null; unit: string; fields: Record<string, [unknown, unknown]> }[];
  unreadable: { line: number; reason: string }[];
}

/**
 * `ours`: the registry's records in the jurisdiction (`name`: what names each in the report);
 * `elsewhere`: keys of the list registered outside it; `fields`: the list's fields to compare.
 */
export function compareLists(
  ours: OurRecord[],
  theirs: TheirRow[],
  fields: string[],
  elsewhere: Set<string>,
  key: ListKey = PERSON_KEY,
): Comparison {
  const result: Comparison = {
    counts: { ours: ours.length, theirs: theirs.length, matched: 0, only_ours: 0, only_theirs: 0, differing: 0, unreadable: 0 },
    by_unit: {},
    only_ours: [],
    only_theirs: [],
    differing: [],
    unreadable: [],
  };
  const unit = (name: string) => (result.by_unit[name] ??= { only_ours: 0, differing: 0 });
  const byNumber = new Map(ours.map((p) => [String(p[key.field]), p]));
  const listed = new Set<string>();
  for (const row of theirs) {
    const check = key.read(row.record[key.field]);
    if (!check.ok) {
      result.unreadable.push({ line: row.line, reason: check.problem });
      continue;
    }
    const number = check.value;
    listed.add(number);
    const mine = byNumber.get(number);
    if (!mine) {
      result.only_theirs.push({
        line: row.line,
        name: row.record.name ?? null,
        key: key.show(number),
        registered_elsewhere: elsewhere.has(number),
      });
      continue;
    }
    result.counts.matched += 1;
    const differences = Object.fromEntries(
      fields
        .filter((f) => f !== key.field && row.record[f] !== null && row.record[f] !== undefined && !same(f, mine[f], row.record[f]))
        .map((f): [string, [unknown, unknown]] => {
          const shown = (v: unknown) => (key.showField ? key.showField(f, v) : v);
          return [f, [shown(mine[f] ?? null), shown(row.record[f])]];
        }),
    );
    if (Object.keys(differences).length) {
      result.differing.push({
        id: mine.id,
        line: row.line,
        name: mine.name,
        key: key.show(number),
        unit: mine.unit_name,
        fields: differences,
      });
      unit(mine.unit_name).differing += 1;
    }
  }
  for (const p of ours) {
    const mine = String(p[key.field]);
    if (listed.has(mine)) continue;
    result.only_ours.push({ id: p.id, name: p.name, key: key.show(mine), unit: p.unit_name });
    unit(p.unit_name).only_ours += 1;
  }
  result.counts.only_ours = result.only_ours.length;
  result.counts.only_theirs = result.only_theirs.length;
  result.counts.differing = result.differing.length;
  result.counts.unreadable = result.unreadable.length;
  return result;
}

/** Headings of the name and key columns of a comparison's file. */
export interface ReportTitles {
  name: string;
  key: string;
}
export const PERSON_TITLES: ReportTitles = { name: '姓名', key: '身份证号码' };

/** The comparison as rows for a CSV file the department receives back (第十七条: told of errors found). */
export function comparisonRows(c: Comparison, titles: ReportTitles = PERSON_TITLES): Record<string, unknown>[] {
  const row = (category: string, unit: unknown, name: unknown, key: unknown, line: unknown, difference: unknown) => ({
    类别: category,
    单位: unit,
    [titles.name]: name,
    [titles.key]: key,
    对方行号: line,
    差异: difference,
  });
  return [
    ...c.only_ours.map((r) => row('仅本系统有', r.unit, r.name, r.key, '', '')),
    ...c.only_theirs.map((r) => row(r.registered_elsewhere ? '仅对方有（已在其他辖区登记）' : '仅对方有', '', r.name, r.key, r.line, '')),
    ...c.differing.map((r) =>
      row(
        '信息不一致',
        r.unit,
        r.name,
        r.key,
        r.line,
        Object.entries(r.fields)
          .map(([f, [a, b]]) => `${f}：本系统“${String(a ?? '')}”，对方“${String(b ?? '')}”`)
          .join('；'),
      ),
    ),
    ...c.unreadable.map((r) => row('对方数据无法识别', '', '', '', r.line, r.reason)),
  ];
}

/** The CSV columns of `comparisonRows`. */
export const comparisonColumns = (titles: ReportTitles = PERSON_TITLES) => ['类别', '单位', titles.name, titles.key, '对方行号', '差异'];
