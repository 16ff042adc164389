import { describe, expect, it } from 'vitest';
import { MAX_OPINION, parseTransition } from './transition-request.ts';

const UUID = '0b9f8e1c-3a4d-4e5f-8a9b-0c1d2e3f4a5b';

describe('parseTransition', () => {
  it('takes a well-formed request, attachments once each', () => {
    expect(
      parseTransition({ action: 'dispatch', version: 3, opinion: '请办理', target_unit: 12, co_units: [13], attachments: [UUID, UUID] }),
    ).toEqual({
      ok: true,
      request: { action: 'dispatch', version: 3, opinion: '请办理', target_unit: 12, co_units: [13], attachments: [UUID] },
    });
    expect(parseTransition({ action: 'accept', version: 1, client_ref: 'office-1a2b3c4d' })).toEqual({
      ok: true,
      request: { action: 'accept', version: 1, client_ref: 'office-1a2b3c4d' },
    });
    expect(parseTransition({ action: 'accept', version: 1, opinion: null })).toEqual({
      ok: true,
      request: { action: 'accept', version: 1 },
    });
  });

  it.each([
    ['not an object', [1], /请求内容应为一个对象/],
    ['a name every object answers to', { action: 'constructor', version: 1 }, /未知的操作“constructor”/],
    ['__proto__', { action: '__proto__', version: 1 }, /未知的操作/],
    ['toString', { action: 'toString', version: 1 }, /未知的操作/],
    ['valueOf', { action: 'valueOf', version: 1 }, /未知的操作/],
    ['hasOwnProperty', { action: 'hasOwnProperty', version: 1 }, /未知的操作/],
    ['an action that is not text', { action: ['reply'], version: 1 }, /未知的操作/],
    ['no version', { action: 'accept' }, /版本号/],
    ['a version as text', { action: 'accept', version: '1' }, /版本号/],
    ['an opinion that is not text', { action: 'reply', version: 1, opinion: { a: 1 } }, /意见应为文字/],
    ['an opinion as a number', { action: 'reply', version: 1, opinion: 5 }, /意见应为文字/],
    ['an opinion too long', { action: 'reply', version: 1, opinion: 'x'.repeat(MAX_OPINION + 1) }, /意见不能超过5000字/],
    ['attachments as text', { action: 'reply', version: 1, opinion: 'x', attachments: UUID }, /附件应为已上传文件的编号列表/],
    ['too many attachments', { action: 'reply', version: 1, opinion: 'x', attachments: Array(21).fill(UUID) }, /附件最多20个/],
    ['a target past the column', { action: 'dispatch', version: 1, target_unit: 2 ** 53 }, /目标单位应为单位编号/],
    ['co-units as an object', { action: 'dispatch', version: 1, target_unit: 2, co_units: { 0: 3 } }, /协办单位/],
    ['extension days as text', { action: 'request_extension', version: 1, extension_days: '3' }, /延期的工作日数/],
    ['a field the server decides', { action: 'accept', version: 1, status: 'closed' }, /字段“status”不能由提交方填写/],
    ['a submission id too short', { action: 'accept', version: 1, client_ref: 'abc' }, /提交编号（client_ref）应为8到64位/],
    ['a submission id with a quote', { action: 'accept', version: 1, client_ref: "abcdefgh'" }, /提交编号/],
    ['a submission id as a number', { action: 'accept', version: 1, client_ref: 12345678 }, /提交编号/],
  ])('refuses %s', (_name, body, problem) => {
    const parsed = parseTransition(body);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.problems.join('；')).toMatch(problem);
  });
});
