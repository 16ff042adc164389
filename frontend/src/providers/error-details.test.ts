import { describe, expect, it } from 'vitest';
import { detailOf, rememberDetail } from './error-details.ts';

describe('the detail behind a refusal', () => {
  it('is kept for the words shown, with the status and the code, the latest winning', () => {
    rememberDetail('没有权限', { statusCode: 403, code: 'FORBIDDEN', detail: 'You don\u2019t have permission to access field "id"' });
    expect(detailOf('没有权限')).toBe('HTTP 403 · FORBIDDEN · You don\u2019t have permission to access field "id"');
    rememberDetail('没有权限', { statusCode: 403, code: 'FORBIDDEN', detail: 'another' });
    expect(detailOf('没有权限')).toBe('HTTP 403 · FORBIDDEN · another');
  });

  it('keeps nothing when the detail is the message itself, and answers nothing for other words', () => {
    rememberDetail('“标题”不能为空', { detail: '“标题”不能为空' });
    expect(detailOf('“标题”不能为空')).toBeNull();
    expect(detailOf('从未出现的提示')).toBeNull();
    expect(detailOf(undefined)).toBeNull();
  });

  it('forgets the oldest beyond fifty', () => {
    for (let i = 0; i < 60; i++) rememberDetail(`提示${i}`, { statusCode: 500, detail: `d${i}` });
    expect(detailOf('提示0')).toBeNull();
    expect(detailOf('提示59')).toBe('HTTP 500 · d59');
  });
});
