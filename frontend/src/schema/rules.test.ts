import { describe, expect, it } from 'vitest';
import { applyConditions, matches, validationError, type RuledField } from './rules.ts';

const field = (over: Partial<RuledField>): RuledField => ({
  field: 'x',
  hidden: false,
  readonly: false,
  required: false,
  choices: [],
  validation: null,
  validationMessage: null,
  conditions: [],
  ...over,
});

describe('Directus filter rules in the browser', () => {
  it.each([
    [{ code: { _regex: '^[A-Z]{2}\\d{4}$' } }, { code: 'PK0001' }, true],
    [{ code: { _regex: '^[A-Z]{2}\\d{4}$' } }, { code: 'pk1' }, false],
    [{ code: { _regex: '/^a/' } }, { code: 'abc' }, true],
    [{ age: { _between: [18, 60] } }, { age: 60 }, true],
    [{ age: { _between: [18, 60] } }, { age: '17' }, false],
    [{ age: { _nbetween: [18, 60] } }, { age: 70 }, true],
    [{ status: { _eq: 'closed' } }, { status: 'closed' }, true],
    [{ status: { _neq: 'closed' } }, { status: 'closed' }, false],
    [{ status: { _in: ['a', 'b'] } }, { status: 'b' }, true],
    [{ status: { _in: 'a,b' } }, { status: 'c' }, false],
    [{ status: { _nin: ['a'] } }, { status: 'c' }, true],
    [{ urgent: { _eq: true } }, { urgent: true }, true],
    [{ urgent: { _eq: 'true' } }, { urgent: false }, false],
    [{ note: { _nnull: true } }, { note: null }, false],
    [{ note: { _nnull: true } }, { note: '' }, true],
    [{ note: { _null: true } }, {}, true],
    [{ note: { _empty: true } }, { note: '' }, true],
    [{ note: { _nempty: true } }, { note: [] }, false],
    [{ title: { _icontains: 'ABC' } }, { title: 'xabcx' }, true],
    [{ title: { _starts_with: '浦口' } }, { title: '浦口区' }, true],
    [{ title: { _ends_with: '区' } }, { title: '浦口区' }, true],
    [{ due: { _gt: '2026-01-01' } }, { due: '2026-11-27T06:00:00.000Z' }, true],
    [{ due: { _lt: '2026-01-01' } }, { due: '2026-11-27' }, false],
    [{ n: { _gte: 3 } }, { n: '3' }, true],
    [{ _or: [{ a: { _eq: 1 } }, { b: { _eq: 2 } }] }, { a: 0, b: 2 }, true],
    [{ _and: [{ a: { _eq: 1 } }, { b: { _eq: 2 } }] }, { a: 1, b: 3 }, false],
    // Left to the server: dynamic values and relational paths.
    [{ unit: { _eq: '$CURRENT_USER.unit' } }, { unit: 5 }, true],
    [{ unit: { path: { _starts_with: '/D1/' } } }, { unit: 5 }, true],
  ])('%j on %j → %s', (rule, item, expected) => {
    expect(matches(rule, item)).toBe(expected);
  });

  it('validation leaves an empty field to `required`, except rules about emptiness', () => {
    const code = field({ field: 'code', validation: { _and: [{ code: { _regex: '^\\d{6}$' } }] }, validationMessage: '请输入6位数字' });
    expect(validationError(code, { code: '' }, '格式不对')).toBeNull();
    expect(validationError(code, { code: '12345' }, '格式不对')).toBe('请输入6位数字');
    expect(validationError(code, { code: '123456' }, '格式不对')).toBeNull();
    expect(validationError({ ...code, validationMessage: null }, { code: 'x' }, '格式不对')).toBe('格式不对');
    const needed = field({ field: 'note', validation: { note: { _nnull: true } } });
    expect(validationError(needed, { note: null }, '必填')).toBe('必填');
  });

  it('the last matching condition decides hidden, read-only, required and choices', () => {
    const reason = field({
      field: 'reason',
      hidden: true,
      choices: [{ text: '一般', value: 'normal' }],
      conditions: [
        { name: '办结时显示', rule: { _and: [{ status: { _eq: 'closed' } }] }, hidden: false, required: true },
        {
          name: '紧急时选项不同',
          rule: { _and: [{ status: { _eq: 'closed' } }, { urgency: { _eq: 'urgent' } }] },
          hidden: false,
          readonly: true,
          options: { choices: [{ text: '紧急', value: 'urgent' }] },
        },
        { name: 'empty rule never applies', rule: {}, hidden: true },
      ],
    });
    expect(applyConditions(reason, { status: 'open' })).toBe(reason);
    expect(applyConditions(reason, { status: 'closed' })).toMatchObject({
      hidden: false,
      required: true,
      readonly: false,
      choices: [{ value: 'normal' }],
    });
    expect(applyConditions(reason, { status: 'closed', urgency: 'urgent' })).toMatchObject({
      hidden: false,
      required: false,
      readonly: true,
      choices: [{ value: 'urgent' }],
    });
  });
});
