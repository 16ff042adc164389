import { describe, expect, it } from 'vitest';
import { dailyError, noteOf, progress } from './daily.ts';

describe('the phone checklist', () => {
  it('tells no network, an expired session and a refusal apart', () => {
    expect(dailyError({ statusCode: 0, message: 'network' }, 'load')).toBe('当前没有网络，每日必办需联网后查看');
    expect(dailyError({ statusCode: 0, message: 'network' }, 'tick')).toBe('当前没有网络，未能办理，请联网后再试');
    expect(dailyError({ statusCode: 401, message: 'x' }, 'tick')).toBe('登录已过期，请重新登录');
    expect(dailyError({ statusCode: 409, message: '该事项已办理' }, 'tick')).toBe('未能办理：该事项已办理');
  });

  it('counts what is done', () => {
    const item = (done: boolean) => ({ id: 1, title: '巡查', kind: 'patrol', instructions: null, done, done_at: null, note: null });
    expect(progress({ day: '2026-11-27', working_day: true, items: [item(true), item(false), item(false)] })).toEqual({
      done: 1,
      total: 3,
    });
    expect(progress(undefined)).toEqual({ done: 0, total: 0 });
  });

  it('sends a trimmed note, none when empty, and refuses one over 1000 characters', () => {
    expect(noteOf('  网格内无异常 ')).toEqual({ note: '网格内无异常' });
    expect(noteOf('   ')).toEqual({ note: null });
    expect(noteOf('字'.repeat(1000))).toEqual({ note: '字'.repeat(1000) });
    expect(noteOf('字'.repeat(1001))).toEqual({ error: '办理情况不能超过1000个字' });
  });
});
