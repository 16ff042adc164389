import { describe, expect, it } from 'vitest';
import { itemProblems } from '../extensions/domains/assessment/rubric.ts';
import { DISTRICT_RUBRIC } from './assessment.ts';

describe('the district’s rubric as seeded (考评办法第六至十一条)', () => {
  it('has the six sections with their points, 100 in all, each the sum of its items', () => {
    expect(DISTRICT_RUBRIC.map((s) => [s.name, s.points])).toEqual([
      ['基础建设', 14],
      ['基础信息', 16],
      ['日常办公', 12],
      ['业务工作', 28],
      ['实战应用', 27],
      ['安全保密', 3],
    ]);
    for (const section of DISTRICT_RUBRIC)
      expect(Math.round(section.items.reduce((sum, i) => sum + i.full, 0) * 10) / 10, section.name).toBe(section.points);
    expect(DISTRICT_RUBRIC.reduce((sum, s) => sum + s.points, 0)).toBe(100);
  });

  it('has only items that can be scored, computed ones on a metric that fits', () => {
    const items = DISTRICT_RUBRIC.flatMap((s) => s.items);
    expect(items.flatMap((i) => itemProblems({ ...i.rule, full: i.full, cap: i.cap }).map((p) => `${i.code} ${p}`))).toEqual([]);
    expect(new Set(items.map((i) => i.code)).size).toBe(items.length);
    expect(items.filter((i) => i.rule.rule_kind !== 'manual').length).toBeGreaterThanOrEqual(12);
  });
});
