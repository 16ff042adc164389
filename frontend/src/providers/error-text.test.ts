import { beforeAll, describe, expect, it } from 'vitest';
import { loadLocale, lookup } from '../i18n/index.ts';
import { errorText, ownWords } from './error-text.ts';

const zh = (key: string, params?: Record<string, unknown>) => lookup('zh-CN', key, params) ?? key;
const en = (key: string, params?: Record<string, unknown>) => lookup('en-US', key, params) ?? key;

beforeAll(() => loadLocale('en-US'));

describe('refusals in the user’s words', () => {
  it.each([
    [{ statusCode: 0, message: 'network' }, '网络连接失败，请稍后再试'],
    [{ statusCode: 400, code: 'INVALID_PAYLOAD', message: 'Invalid payload. “标题”不能为空.' }, '“标题”不能为空'],
    [{ statusCode: 403, code: 'FORBIDDEN', message: '领导只查阅和批示，不能办理' }, '领导只查阅和批示，不能办理'],
    [{ statusCode: 403, code: 'FORBIDDEN', message: "You don't have permission to access this." }, '您没有权限执行此操作'],
    [
      { statusCode: 400, code: 'FAILED_VALIDATION', message: 'Validation failed for field "title". Value is required.' },
      '“title”填写有误，请检查后再提交',
    ],
    [
      { statusCode: 400, code: 'RECORD_NOT_UNIQUE', message: 'Value for field "email" in collection "directus_users" has to be unique.' },
      '已有相同的记录（email 重复）',
    ],
    [{ statusCode: 404, code: 'ROUTE_NOT_FOUND', message: 'Route /x does not exist.' }, '要找的记录不存在或已被删除'],
    [{ statusCode: 409, message: 'Conflict' }, '数据已被他人修改或状态已变化，请刷新后重试'],
    [{ statusCode: 413, code: 'CONTENT_TOO_LARGE', message: 'Uploaded content is too large.' }, '提交的内容或文件过大'],
    [{ statusCode: 429, code: 'REQUESTS_EXCEEDED', message: 'Too many requests, retry after 1s.' }, '操作过于频繁，请稍后再试'],
    [{ statusCode: 401, code: 'TOKEN_EXPIRED', message: 'Token expired.' }, '登录已过期，请重新登录'],
    [
      { statusCode: 500, code: 'INTERNAL_SERVER_ERROR', message: 'An unexpected error occurred.' },
      '服务器出错，请稍后再试；如一再出现，请联系系统管理员',
    ],
  ])('%j → %s', (error, text) => {
    expect(errorText(error, zh)).toBe(text);
  });

  it('names a field by its label where the collection’s fields are known', () => {
    const label = (field: string) => ({ contact_phone: '联系电话' })[field] ?? null;
    const refusal = { statusCode: 400, code: 'FAILED_VALIDATION', message: 'Validation failed for field "contact_phone".' };
    expect(errorText(refusal, zh, label)).toBe('“联系电话”填写有误，请检查后再提交');
    expect(errorText({ ...refusal, message: 'Validation failed for field "remark".' }, zh, label)).toBe('“remark”填写有误，请检查后再提交');
    expect(
      errorText({ statusCode: 400, code: 'RECORD_NOT_UNIQUE', message: 'Value for field "contact_phone" has to be unique.' }, zh, label),
    ).toBe('已有相同的记录（联系电话 重复）');
  });

  it('says the same in English when the user chose English', () => {
    expect(errorText({ statusCode: 403, code: 'FORBIDDEN', message: "You don't have permission" }, en)).toBe('You may not do this');
  });

  it('keeps only our own words out of Directus’s wrapping', () => {
    expect(ownWords('Invalid payload. “编号”由系统生成，新建时请勿提交.')).toBe('“编号”由系统生成，新建时请勿提交');
    expect(ownWords('Invalid payload. "title" is required.')).toBeNull();
  });
});
