// The rules of a person record (实有人口), as a pure function of the record:
// what is wrong with it, and what the server derives (normalised ID number,
// masked forms, birth date and sex from the ID number).

import { PHONE_PATTERN } from '../../../schema/fields.ts';
import { DIVISION_CODE_PATTERN, RECORD_STATES } from '../../../schema/collections/people.ts';
import { checkIdNumber, consistencyProblems, SEX_CODES } from './id-number.ts';
import { maskIdNumber, maskPhone } from './mask.ts';
import { isOwnKey } from '../../kernel/keys.ts';

export type PersonRecord = Record<string, unknown>;

export interface PersonCheck {
  problems: string[];
  /** Fields to set on the payload. */
  derived: PersonRecord;
}

const DATE = /^\d{4}-\d{2}-\d{2}/;
const present = (v: unknown) => v !== undefined && v !== null && v !== '';

/**
 * A stored or submitted date as YYYY-MM-DD. Directus writes a date as the local
 * midnight of that day (a Date: epoch ms on SQLite, a date on pg); clients send strings.
 */
export function dateText(value: unknown): string | null {
  if (!present(value)) return null;
  const local = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  if (value instanceof Date) return local(value);
  if (typeof value === 'number') return local(new Date(value));
  return String(value);
}

/** A YYYY-MM-DD date as Directus stores it (the local midnight), for writes that bypass Directus. */
export function storedDate(text: string): Date {
  const [y, m, d] = text.slice(0, 10).split('-').map(Number);
  return new Date(y!, m! - 1, d!);
}

const DATE_FIELDS: Record<string, string> = {
  birth_date: '出生日期',
  valid_from: '有效期起',
  valid_to: '有效期止',
  registered_on: '登记日期',
  permit_expires_on: '证件到期日期',
  arrived_on: '抵达日期',
  departs_on: '预计离开日期',
};

export const PERSON_DATE_FIELDS = Object.keys(DATE_FIELDS);

const ORDERED: [from: string, to: string][] = [
  ['valid_from', 'valid_to'],
  ['registered_on', 'permit_expires_on'],
  ['arrived_on', 'departs_on'],
];

/**
 * Checks `record` (the stored row with the changes applied); `changes` are the
 * submitted fields, from which derived values follow.
 */
export function checkPerson(record: PersonRecord, changes: PersonRecord, today: Date = new Date()): PersonCheck {
  const problems: string[] = [];
  const derived: PersonRecord = {};
  const todayText = today.toISOString().slice(0, 10);

  if (!present(record.name) || (typeof record.name === 'string' && !record.name.trim())) problems.push('请填写姓名');

  if ('id_number' in changes) {
    if (!present(changes.id_number)) {
      derived.id_number = null;
      derived.id_number_masked = null;
    } else {
      const check = checkIdNumber(changes.id_number, today);
      if (!check.ok) problems.push(check.problem);
      else {
        derived.id_number = check.facts.normalized;
        derived.id_number_masked = maskIdNumber(check.facts.normalized);
        if (!present(record.birth_date) || !('birth_date' in changes)) derived.birth_date = check.facts.birthDate;
        if (!present(record.sex) || !('sex' in changes)) derived.sex = SEX_CODES[check.facts.sex];
      }
    }
  }
  const idNumber = (derived.id_number ?? record.id_number) as string | null | undefined;
  if (present(idNumber)) {
    const check = checkIdNumber(idNumber, today);
    if (check.ok)
      problems.push(
        ...consistencyProblems(check.facts, {
          birth_date: dateText(derived.birth_date ?? record.birth_date),
          sex: derived.sex ?? record.sex,
        }),
      );
  } else if (!record.is_foreigner) {
    problems.push('请填写公民身份号码（境外人员填写证件号码）');
  } else if (!present(record.passport_number)) {
    problems.push('境外人员请填写证件号码');
  }

  if ('phone' in changes) {
    if (!present(changes.phone)) derived.phone_masked = null;
    else if (typeof changes.phone !== 'string' || !new RegExp(PHONE_PATTERN).test(changes.phone.trim()))
      problems.push('联系方式应为有效的手机号或固定电话（如 13912345678 或 025-58881234）');
    else {
      derived.phone = changes.phone.trim();
      derived.phone_masked = maskPhone(changes.phone.trim());
    }
  }

  for (const [field, name] of Object.entries(DATE_FIELDS)) {
    const value = field in changes ? changes[field] : undefined;
    if (present(value) && (typeof value !== 'string' || !DATE.test(value) || Number.isNaN(Date.parse(value.slice(0, 10)))))
      problems.push(`${name}应为日期（如 2026-01-31）`);
  }
  const birth = dateText(derived.birth_date ?? record.birth_date);
  if (birth && birth > todayText) problems.push('出生日期不能晚于今天');
  for (const [from, to] of ORDERED) {
    const a = dateText(record[from]);
    const b = dateText(record[to]);
    if (a && b && DATE.test(a) && DATE.test(b) && a.slice(0, 10) > b.slice(0, 10))
      problems.push(`${DATE_FIELDS[to]}不能早于${DATE_FIELDS[from]}`);
  }

  for (const field of ['native_place_code', 'household_place_code', 'residence_place_code']) {
    const value = changes[field];
    if (present(value) && !new RegExp(DIVISION_CODE_PATTERN).test(String(value)))
      problems.push(`行政区划代码“${String(value)}”应为六位数字`);
  }
  if ('state' in changes && !isOwnKey(RECORD_STATES, String(changes.state)))
    problems.push(`状态“${String(changes.state)}”无效，应为：${Object.values(RECORD_STATES).join('、')}`);
  if ('valid_to' in changes && present(changes.valid_to) && !('state' in changes) && dateText(changes.valid_to)! <= todayText)
    derived.state = 'ended';
  if (record.is_floating && present(record.permit_number) && !present(record.permit_expires_on))
    problems.push('流动人口登记了证件号码，请填写证件到期日期');
  return { problems, derived };
}
