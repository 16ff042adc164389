import { describe, expect, it } from 'vitest';
import { userAdminError } from './errors.ts';

describe('refusals of the user administration in Chinese', () => {
  it.each([
    [
      { statusCode: 400, code: 'RECORD_NOT_UNIQUE', message: 'Value for field "email" in collection "directus_users" has to be unique.' },
      '该电子邮箱已被其他用户使用',
    ],
    [
      { statusCode: 403, code: 'FORBIDDEN', message: "You don't have permission to access this." },
      '没有权限：只能管理本单位及下级单位的用户',
    ],
    [
      { statusCode: 400, code: 'FAILED_VALIDATION', message: 'Validation failed for field "role". Value has to be one of …' },
      '只能授予本级及以下的角色',
    ],
    [
      {
        statusCode: 400,
        code: 'FAILED_VALIDATION',
        message: 'Validation failed for field "unit_path". Value has to start with "/320111/S01/".',
      },
      '只能把用户放在本单位或下级单位',
    ],
    [
      {
        statusCode: 400,
        code: 'FAILED_VALIDATION',
        message: 'Validation failed for field "email". Value has to be a valid email address.',
      },
      '电子邮箱格式不正确',
    ],
    [{ statusCode: 0, message: 'network' }, '网络连接失败，请稍后再试'],
    [
      { statusCode: 400, code: 'INVALID_PAYLOAD', message: '角色“街道·专职人员”不适用于求雨山社区（应选择本级角色）' },
      '保存失败：角色“街道·专职人员”不适用于求雨山社区（应选择本级角色）',
    ],
    [{}, '保存失败，请稍后再试'],
  ])('%j → %s', (error, text) => expect(userAdminError(error)).toBe(text));
});
