import { describe, expect, it } from 'vitest';
import { checkPerson } from './people.ts';

const TODAY = new Date('2026-11-27T00:00:00Z');
const check = (record: Record<string, unknown>, changes = record) => checkPerson(record, changes, TODAY);

describe('a person record', () => {
  it('derives the normal ID number, its masked form, birth date and sex', () => {
    expect(check({ name: '王芳', id_number: '11010519491231002x', phone: ' 13912345678 ' })).toEqual({
      problems: [],
      derived: {
        id_number: '11010519491231002X',
        id_number_masked: '1101**********002X',
        birth_date: '1949-12-31',
        sex: '2',
        phone: '13912345678',
        phone_masked: '139****5678',
      },
    });
  });

  it('refuses a birth date or sex that contradict the ID number', () => {
    const { problems } = check({ name: '王芳', id_number: '11010519491231002X', birth_date: '1950-01-01', sex: '1' });
    expect(problems).toEqual(['出生日期1950-01-01与身份证号码中的1949-12-31不一致', '性别与身份证号码不一致（号码显示为女）']);
  });

  it('checks an unchanged ID number against a changed birth date', () => {
    const stored = { name: '王芳', id_number: '11010519491231002X', birth_date: '1949-12-31', sex: '2' };
    expect(checkPerson({ ...stored, birth_date: '1949-12-01' }, { birth_date: '1949-12-01' }, TODAY).problems).toEqual([
      '出生日期1949-12-01与身份证号码中的1949-12-31不一致',
    ]);
  });

  it('needs an ID number, or for a foreigner a document number', () => {
    expect(check({ name: '张三' }).problems).toEqual(['请填写公民身份号码（境外人员填写证件号码）']);
    expect(check({ name: 'John', is_foreigner: true }).problems).toEqual(['境外人员请填写证件号码']);
    expect(check({ name: 'John', is_foreigner: true, passport_number: 'E12345678' }).problems).toEqual([]);
  });

  it('refuses bad phones, dates, division codes and states, each with its reason', () => {
    const { problems } = check({
      name: '张三',
      id_number: '320111199001011239',
      phone: '12345',
      valid_from: '2026-02-01',
      valid_to: '2026-01-01',
      arrived_on: '2026-13-45',
      native_place_code: '3201',
      state: 'gone',
    });
    expect(problems).toEqual([
      '联系方式应为有效的手机号或固定电话（如 13912345678 或 025-58881234）',
      '抵达日期应为日期（如 2026-01-31）',
      '有效期止不能早于有效期起',
      '行政区划代码“3201”应为六位数字',
      '状态“gone”无效，应为：草稿、有效、已失效',
    ]);
  });

  it('ends a record whose validity ended, unless a state is given', () => {
    expect(check({ name: '张三', id_number: '320111199001011239', valid_to: '2026-11-01' }).derived.state).toBe('ended');
    expect(check({ name: '张三', id_number: '320111199001011239', valid_to: '2027-11-01' }).derived.state).toBeUndefined();
  });

  it('wants the expiry date of a floating person’s permit', () => {
    expect(check({ name: '李四', id_number: '320111199001011239', is_floating: true, permit_number: 'JZ001' }).problems).toEqual([
      '流动人口登记了证件号码，请填写证件到期日期',
    ]);
  });
});
