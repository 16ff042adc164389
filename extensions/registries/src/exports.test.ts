import { describe, expect, it } from 'vitest';
import { approvingUnit, decideProblem, downloadProblem, exportCsv, type ExportRequestRow } from './exports.ts';

const NOW = new Date('2026-11-27T08:00:00Z');
const request = (over: Partial<ExportRequestRow> = {}): ExportRequestRow => ({
  id: 1,
  requester: 'u-req',
  state: 'pending',
  approver_unit: 10,
  expires_at: null,
  ...over,
});

describe('export requests', () => {
  it('are approved one level up, at the top by the district itself', () => {
    expect(approvingUnit({ id: 12, parent: 10 })).toBe(10);
    expect(approvingUnit({ id: 1, parent: null })).toBe(1);
  });

  it.each([
    [request(), { user: 'u-head', unit: 10, job: 'head' as const }, null],
    [request(), { user: 'u-admin', unit: 10, job: 'sysadmin' as const }, null],
    [request(), { user: 'u-staff', unit: 10, job: 'staff' as const }, '上一级综治办主任或系统管理员审批'],
    [request(), { user: 'u-head2', unit: 11, job: 'head' as const }, '上一级综治办主任或系统管理员审批'],
    [request(), { user: 'u-req', unit: 10, job: 'head' as const }, '不能审批本人的导出申请'],
    [request({ state: 'approved' }), { user: 'u-head', unit: 10, job: 'head' as const }, '该申请已审批'],
  ])('decision on %j by %j: %s', (row, who, problem) => {
    const answer = decideProblem(row, who);
    if (problem === null) expect(answer).toBeNull();
    else expect(answer).toContain(problem);
  });

  it.each([
    [request({ state: 'approved', expires_at: new Date('2026-11-28T08:00:00Z') }), 'u-req', null],
    [request({ state: 'approved', expires_at: new Date('2026-11-28T08:00:00Z') }), 'u-other', '只有申请人本人可以下载'],
    [request(), 'u-req', '尚未审批'],
    [request({ state: 'refused' }), 'u-req', '未获批准'],
    [request({ state: 'generated', expires_at: new Date('2026-11-28T08:00:00Z') }), 'u-req', '不能重复导出'],
    [request({ state: 'approved', expires_at: new Date('2026-11-27T08:00:00Z') }), 'u-req', '下载期限已过'],
  ])('download of %j by %s: %s', (row, who, problem) => {
    const answer = downloadProblem(row, who, NOW);
    if (problem === null) expect(answer).toBeNull();
    else expect(answer).toContain(problem);
  });

  it('writes a marked CSV with quoted cells', () => {
    const csv = exportCsv(
      '导出人：王芳；导出时间：2026-11-27 16:00',
      [
        { field: 'name', title: '姓名' },
        { field: 'note', title: '备注' },
      ],
      [
        { name: '张三', note: '说 "你好", 再见' },
        { name: '李四', note: null },
        { name: '=1+1', note: '@x' },
      ],
    );
    expect(csv).toBe('\uFEFF导出人：王芳；导出时间：2026-11-27 16:00\r\n姓名,备注\r\n张三,"说 ""你好"", 再见"\r\n李四,\r\n\'=1+1,\'@x\r\n');
  });
});
