import { describe, expect, it } from 'vitest';
import { parseStep, refusal, RUN_STEPS } from './workflow.ts';

describe('a run’s course', () => {
  it.each([
    ['open_self_assessment', 'computed', 'assessing', null],
    ['explain', 'self_assessment', 'assessed', null],
    ['explain', 'self_assessment', 'assessing', 403],
    ['adjust', 'review', 'assessed', 403],
    ['adjust', 'self_assessment', 'assessing', 409],
    ['publish', 'review', 'assessing', null],
    ['publish', 'computed', 'assessing', 409],
    ['reopen', 'published', 'assessing', null],
    ['reopen', 'locked', 'assessing', 409],
    ['lock', 'published', 'assessed', 403],
  ] as const)('%s from %s by the %s side → %s', (step, state, side, status) => {
    expect(refusal(step, state, side)?.status ?? null).toBe(status);
  });

  it('says why in Chinese', () => {
    expect(refusal('publish', 'locked', 'assessing')?.reason).toBe('考评结果当前为“已锁定”，不能发布');
    expect(refusal('appeal', 'self_assessment', 'assessing')?.reason).toBe('只有被考评单位可以申诉');
  });

  it('reads a step and its reason, refusing what is malformed', () => {
    expect(parseStep('adjust', { points: 1.5, reason: '  有典型案例  ' })).toEqual({
      ok: true,
      request: { step: 'adjust', reason: '有典型案例', points: 1.5 },
    });
    expect(parseStep('publish', {})).toEqual({ ok: true, request: { step: 'publish', reason: null } });
    expect(parseStep('__proto__', {})).toMatchObject({ ok: false });
    expect(parseStep('constructor', {})).toMatchObject({ ok: false });
    expect(parseStep('adjust', { points: '2', reason: '理由充分' })).toEqual({ ok: false, problems: ['分数应为数字'] });
    expect(parseStep('appeal', { reason: ['x'] })).toEqual({ ok: false, problems: ['理由应为文字'] });
    expect(parseStep('reopen', { reason: ' ' })).toEqual({ ok: false, problems: ['撤回发布须说明理由'] });
    expect(parseStep('explain', { reason: '长'.repeat(1001) })).toEqual({ ok: false, problems: ['理由不超过1000字'] });
    expect(parseStep('publish', null)).toMatchObject({ ok: true });
  });

  it('has every step leave from some state and lead to a known one', () => {
    for (const rule of Object.values(RUN_STEPS)) {
      expect(rule.from.length).toBeGreaterThan(0);
    }
  });
});
