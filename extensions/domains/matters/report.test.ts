import { describe, expect, it } from 'vitest';
import { matterNumber, parseReport } from './report.ts';

const NOW = new Date('2026-11-26T10:00:00+08:00');
const good = { type: 'event_report', title: '井盖缺失', category: 3, description: '路口井盖缺失' };

describe('parseReport', () => {
  it('takes a phone submission id of 8-64 letters, digits and hyphens', () => {
    for (const ref of ['0f8fad5b-d9cb-469f-a165-70867728950e', '1764122400000-k3j2h1', 'ABCDEFGH']) {
      expect(parseReport({ ...good, client_ref: ref }, NOW)).toMatchObject({ ok: true, report: { client_ref: ref } });
    }
    expect(parseReport(good, NOW)).toMatchObject({ ok: true, report: { client_ref: null } });
  });

  it.each([
    ['too short', 'abc'],
    ['too long', 'a'.repeat(65)],
    ['other characters', 'ref; drop table'],
    ['not text', 12345678],
  ])('refuses a submission id that is %s', (_name, ref) => {
    expect(parseReport({ ...good, client_ref: ref }, NOW)).toEqual({
      ok: false,
      problems: ['提交编号（client_ref）应为8到64位字母、数字或连字符'],
    });
  });

  it('refuses fields the server decides, naming each', () => {
    expect(parseReport({ ...good, number: 'SJ-1', status: 'closed' }, NOW)).toEqual({
      ok: false,
      problems: ['字段“number”不能由提交方填写', '字段“status”不能由提交方填写'],
    });
  });
});

describe('parseReport refuses values of the wrong kind, each with its reason', () => {
  it.each([
    ['a source every object answers to', { source: 'constructor' }, /来源“constructor”无效/],
    ['a type every object answers to', { type: '__proto__' }, /事项类型“__proto__”无效/],
    ['an urgency every object answers to', { urgency: 'toString' }, /紧急程度“toString”无效/],
    ['30 February', { occurred_at: '2026-02-30T09:00:00+08:00' }, /发生时间应为真实的带时区日期时间/],
    ['the year 0001', { occurred_at: '0001-01-01T09:00:00+08:00' }, /发生时间应为真实的带时区日期时间/],
    ['a number as a time', { occurred_at: 1_764_000_000_000 }, /发生时间/],
    ['a category past the column', { category: 2_147_483_648 }, /事项分类应为有效编号/],
    ['a huge grid', { grid: 1e300 }, /所在网格应为有效编号/],
    ['a title of objects', { title: { a: 1 } }, /标题应为文字/],
    ['a title too long (in characters)', { title: '😀'.repeat(201) }, /标题不能超过200字/],
    ['a NUL character', { description: 'a\u0000b' }, /事件描述含有不允许的控制字符/],
  ])('%s', (_name, change, problem) => {
    const parsed = parseReport({ ...good, ...change }, NOW);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.problems.join('；')).toMatch(problem);
  });

  it('takes a title of 200 emoji (characters, not UTF-16 units)', () => {
    expect(parseReport({ ...good, title: '😀'.repeat(200) }, NOW).ok).toBe(true);
  });
});

describe('matterNumber', () => {
  it('is the prefix, the local date and a four-digit sequence', () => {
    expect(matterNumber('event_report', '2026-11-26', 42)).toBe('SJ-20261126-0042');
  });

  it('keeps every digit past the four (report-store.ts formats it the same in SQL)', () => {
    expect(matterNumber('task', '2026-11-26', 12345)).toBe('RW-20261126-12345');
  });
});
