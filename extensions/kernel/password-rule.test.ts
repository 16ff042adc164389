import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PASSWORD_POLICY_PATTERN, PASSWORD_RULE_TEXT, passwordChangeReason, passwordProblem } from './password-rule.ts';

describe('passwords', () => {
  it.each([
    ['1', PASSWORD_RULE_TEXT],
    ['abcdefgh', PASSWORD_RULE_TEXT],
    ['abcdefg1', PASSWORD_RULE_TEXT],
    ['Abcdef1', PASSWORD_RULE_TEXT],
    ['Abcdefg1', null],
    ['abcdef1!', null],
    ['ABCDEF1!', null],
    ['Pukou@2026', null],
    ['密码密码Ab12', null],
    [`Aa1${'x'.repeat(126)}`, PASSWORD_RULE_TEXT],
    [12345678, '密码应为文字'],
  ])('%j: %s', (password, problem) => {
    expect(passwordProblem(password)).toBe(problem);
  });

  it('are judged the same by the pattern Directus is given, which fits its column', () => {
    expect(PASSWORD_POLICY_PATTERN.length).toBeLessThanOrEqual(100);
    const pattern = new RegExp(PASSWORD_POLICY_PATTERN);
    const chars = fc.constantFrom(...'aZ9!b Y8_中\n\t'.split(''));
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 14 }), (list) => {
        const password = list.join('');
        expect(pattern.test(password)).toBe(passwordProblem(password) === null);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('when a password must be changed', () => {
  const now = new Date('2026-12-04T00:00:00Z');
  it('after an administrator set it, and when older than the setting', () => {
    expect(passwordChangeReason({ mustChange: true, changedAt: now }, 90, now)).toContain('请先修改密码');
    expect(passwordChangeReason({ mustChange: false, changedAt: new Date('2026-09-05T00:00:00Z') }, 90, now)).toContain('超过 90 天');
    expect(passwordChangeReason({ mustChange: false, changedAt: new Date('2026-09-06T00:00:00Z') }, 90, now)).toBeNull();
    expect(passwordChangeReason({ mustChange: false, changedAt: new Date('2020-01-01T00:00:00Z') }, 0, now)).toBeNull();
    expect(passwordChangeReason({ mustChange: false, changedAt: null }, 90, now)).toBeNull();
  });
});
