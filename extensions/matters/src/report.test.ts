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

describe('matterNumber', () => {
  it('is the prefix, the local date and a four-digit sequence', () => {
    expect(matterNumber('event_report', '2026-11-26', 42)).toBe('SJ-20261126-0042');
  });

  it('keeps every digit past the four (report-store.ts formats it the same in SQL)', () => {
    expect(matterNumber('task', '2026-11-26', 12345)).toBe('RW-20261126-12345');
  });
});
