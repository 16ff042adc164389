// Resident identity card numbers (公民身份号码, GB 11643-1999): 18 characters,
// a six-digit address code (GB/T 2260), the birth date YYYYMMDD, a three-digit
// sequence whose last digit is odd for men and even for women, and a check
// character (ISO 7064 MOD 11-2: 0-9 or X).

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export type Sex = 'male' | 'female';

export interface IdNumberFacts {
  /** Upper case, trimmed: the form stored and compared. */
  normalized: string;
  addressCode: string;
  /** YYYY-MM-DD. */
  birthDate: string;
  sex: Sex;
}

export type IdNumberCheck = { ok: true; facts: IdNumberFacts } | { ok: false; problem: string };

/** The check character for the first seventeen digits. */
export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Checks a number; `today` bounds the birth date (no one born in the future or before 1850). */
export function checkIdNumber(input: unknown, today: Date = new Date()): IdNumberCheck {
  if (typeof input !== 'string' || !input.trim()) return { ok: false, problem: '请填写身份证号码' };
  const normalized = input.trim().toUpperCase();
  if (normalized.length !== 18) return { ok: false, problem: `身份证号码应为18位（现为${normalized.length}位）` };
  if (!/^\d{17}[\dX]$/.test(normalized)) return { ok: false, problem: '身份证号码前17位应为数字，最后一位为数字或X' };
  const year = Number(normalized.slice(6, 10));
  const month = Number(normalized.slice(10, 12));
  const day = Number(normalized.slice(12, 14));
  if (!isRealDate(year, month, day)) return { ok: false, problem: `身份证号码中的出生日期${normalized.slice(6, 14)}不是有效日期` };
  const birthDate = `${normalized.slice(6, 10)}-${normalized.slice(10, 12)}-${normalized.slice(12, 14)}`;
  if (year < 1850 || birthDate > today.toISOString().slice(0, 10))
    return { ok: false, problem: `身份证号码中的出生日期${birthDate}不合理` };
  if (/^0{2}/.test(normalized.slice(0, 2))) return { ok: false, problem: '身份证号码的地址码无效' };
  const expected = checkCharacter(normalized.slice(0, 17));
  if (normalized[17] !== expected) return { ok: false, problem: '身份证号码校验位不正确，请核对' };
  return {
    ok: true,
    facts: { normalized, addressCode: normalized.slice(0, 6), birthDate, sex: Number(normalized[16]) % 2 === 1 ? 'male' : 'female' },
  };
}

/** GB/T 2261.1 sex codes as the code table stores them. */
export const SEX_CODES: Record<Sex, string> = { male: '1', female: '2' };

/** Problems where a record's birth date or sex disagree with its ID number. */
export function consistencyProblems(facts: IdNumberFacts, record: { birth_date?: unknown; sex?: unknown }): string[] {
  const problems: string[] = [];
  const birth = record.birth_date;
  if (birth !== undefined && birth !== null && birth !== '' && String(birth).slice(0, 10) !== facts.birthDate) {
    problems.push(`出生日期${String(birth).slice(0, 10)}与身份证号码中的${facts.birthDate}不一致`);
  }
  const sex = record.sex;
  if (sex !== undefined && sex !== null && sex !== '' && (sex === '1' || sex === '2') && sex !== SEX_CODES[facts.sex]) {
    problems.push(`性别与身份证号码不一致（号码显示为${facts.sex === 'male' ? '男' : '女'}）`);
  }
  return problems;
}

/** A number made from its parts, with the right check character (tests and synthetic data). */
export function makeIdNumber(addressCode: string, birthDate: string, sequence: number): string {
  const first17 = `${addressCode}${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}
