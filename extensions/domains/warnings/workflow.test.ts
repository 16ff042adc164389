import { describe, expect, it } from 'vitest';
import { parseWarningStep, warningRefusal } from './workflow.ts';

describe('the course of a warning', () => {
  it('takes a step with its note', () => {
    expect(parseWarningStep('acknowledge', {})).toEqual({ ok: true, step: 'acknowledge', note: null });
    expect(parseWarningStep('handle', { note: ' 已组织调解 ' })).toEqual({ ok: true, step: 'handle', note: '已组织调解' });
  });

  it('refuses unknown steps, missing notes and notes that are not text', () => {
    for (const step of ['__proto__', 'constructor', 'raise', 7, null])
      expect(parseWarningStep(step, {})).toMatchObject({ ok: false, problems: [expect.stringMatching(/^操作应为以下之一/)] });
    expect(parseWarningStep('handle', {})).toEqual({ ok: false, problems: ['处置须填写说明（至少2个字）'] });
    expect(parseWarningStep('handle', { note: ['a'] })).toEqual({ ok: false, problems: ['说明应为文字'] });
    expect(parseWarningStep('close', { note: 'x'.repeat(2001) })).toEqual({ ok: false, problems: ['说明不超过2000字'] });
  });

  it('lets the warned unit and the units above it acknowledge and handle, and only those above close or send back', () => {
    expect(warningRefusal('acknowledge', 'raised', 'own')).toBeNull();
    expect(warningRefusal('handle', 'raised', 'above')).toBeNull();
    expect(warningRefusal('close', 'handled', 'above')).toBeNull();
    expect(warningRefusal('close', 'handled', 'own')).toEqual({ status: 403, reason: '只有被预警单位的上级单位可以核销' });
    expect(warningRefusal('send_back', 'handled', 'own')?.status).toBe(403);
    expect(warningRefusal('close', 'acknowledged', 'above')).toEqual({ status: 409, reason: '预警当前为“处置中”，不能核销' });
    expect(warningRefusal('acknowledge', 'closed', 'own')?.status).toBe(409);
  });
});
