import { describe, expect, it } from 'vitest';
import { warningTitle } from './raise.ts';

describe('a warning’s title', () => {
  it('names the colour, the rule and what was found, within the column', () => {
    expect(warningTitle('orange', '重大矛盾纠纷', '流程发现重大矛盾纠纷')).toBe('【橙色预警】重大矛盾纠纷：流程发现重大矛盾纠纷');
    expect([...warningTitle('red', '规则', '长'.repeat(600))].length).toBe(500);
  });
});
