import { describe, expect, it } from 'vitest';
import { checkCharacter, checkIdNumber, consistencyProblems, makeIdNumber } from './id-number.ts';
import { maskIdNumber, maskPhone } from './mask.ts';

const TODAY = new Date('2026-11-27T00:00:00Z');

describe('GB 11643 identity numbers', () => {
  // The two examples printed in GB 11643-1999 itself, and one built by hand:
  // 320111 19900101 123 → the weighted sum is 157, 157 mod 11 = 3 → check character '9'.
  it.each([
    ['11010519491231002X', '1949-12-31', 'female'],
    ['440524188001010014', '1880-01-01', 'male'],
    ['320111199001011239', '1990-01-01', 'male'],
  ])('accepts %s (born %s, %s)', (number, birthDate, sex) => {
    const result = checkIdNumber(number, TODAY);
    expect(result).toEqual({ ok: true, facts: { normalized: number, addressCode: number.slice(0, 6), birthDate, sex } });
  });

  it('computes the check character by hand-worked example', () => {
    expect(checkCharacter('32011119900101123')).toBe('9');
    expect(checkCharacter('11010519491231002')).toBe('X');
  });

  it('accepts a lower-case x and surrounding spaces, storing the normal form', () => {
    const result = checkIdNumber(' 11010519491231002x ', TODAY);
    expect(result.ok && result.facts.normalized).toBe('11010519491231002X');
  });

  it.each([
    ['', '请填写身份证号码'],
    ['32011119900101123', '应为18位（现为17位）'],
    ['3201111990010112345', '应为18位（现为19位）'],
    ['32011119900101123A', '最后一位为数字或X'],
    ['3201111990010X1234', '前17位应为数字'],
    ['320111199002301234', '19900230不是有效日期'],
    ['320111199013011234', '19901301不是有效日期'],
    ['320111203001011234', '不合理'],
    ['320111199001011234', '校验位不正确'],
    ['110105194912310021', '校验位不正确'],
  ])('refuses %j', (number, problem) => {
    const result = checkIdNumber(number, TODAY);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem).toContain(problem);
  });

  it('refuses what is not a string', () => {
    // biome-ignore lint/correctness/noPrecisionLoss: a number typed where a string belongs, as a careless client sends it
    expect(checkIdNumber(320111199001011234, TODAY).ok).toBe(false);
    expect(checkIdNumber(null, TODAY).ok).toBe(false);
  });

  it('finds a birth date or sex that disagrees with the number', () => {
    const check = checkIdNumber('11010519491231002X', TODAY);
    if (!check.ok) throw new Error(check.problem);
    expect(consistencyProblems(check.facts, { birth_date: '1949-12-31', sex: '2' })).toEqual([]);
    expect(consistencyProblems(check.facts, { birth_date: '1949-12-30', sex: '1' })).toEqual([
      '出生日期1949-12-30与身份证号码中的1949-12-31不一致',
      '性别与身份证号码不一致（号码显示为女）',
    ]);
    expect(consistencyProblems(check.facts, { sex: '9' })).toEqual([]);
  });

  it('makes numbers that pass the check', () => {
    for (let seq = 0; seq < 1000; seq += 37) {
      const number = makeIdNumber('320111', '1985-06-15', seq);
      const result = checkIdNumber(number, TODAY);
      expect(result.ok && result.facts.sex).toBe(seq % 2 === 1 ? 'male' : 'female');
    }
  });
});

describe('masking', () => {
  it('keeps the first four and last four characters of an ID number', () => {
    expect(maskIdNumber('320111199001011234')).toBe('3201**********1234');
    expect(maskIdNumber(null)).toBeNull();
  });

  it('keeps the prefix and the last four digits of a phone number', () => {
    expect(maskPhone('13912345678')).toBe('139****5678');
    expect(maskPhone('025-58881234')).toBe('025-****1234');
    expect(maskPhone('')).toBeNull();
  });
});
