// The rules of export requests (R19): who approves (one level up), who may
// download and when (the requester, once, before the download expires), and the
// file itself (CSV or an Excel workbook, marked with the requester, the time and the request).

import type { Job } from '../../kernel/unit-path.ts';
import { toCsv, toXlsx } from '../../kernel/spreadsheet.ts';

export const DOWNLOAD_HOURS = 24;

export interface ExportRequestRow {
  id: number;
  requester: string;
  state: string;
  approver_unit: number;
  expires_at: Date | null;
}

export interface Person {
  user: string;
  unit: number;
  job: Job | null;
}

/** The unit that approves: the requester's parent, or the district office itself at the top. */
export function approvingUnit(unit: { id: number; parent: number | null }): number {
  return unit.parent ?? unit.id;
}

/** Why `who` may not decide the request, or null. */
export function decideProblem(request: ExportRequestRow, who: Person): string | null {
  if (request.state !== 'pending') return '该申请已审批，不能再次审批';
  if (who.user === request.requester) return '不能审批本人的导出申请';
  if (who.unit !== request.approver_unit || (who.job !== 'head' && who.job !== 'sysadmin'))
    return '导出申请由申请单位的上一级综治办主任或系统管理员审批';
  return null;
}

/** Why `who` may not download now, or null. */
export function downloadProblem(request: ExportRequestRow, who: string, now: Date): string | null {
  if (who !== request.requester) return '只有申请人本人可以下载';
  if (request.state === 'pending') return '导出申请尚未审批';
  if (request.state === 'refused') return '导出申请未获批准';
  if (request.state === 'generated') return '该申请的文件已导出过一次，不能重复导出；如需再次导出请重新申请';
  if (request.state !== 'approved' || !request.expires_at || request.expires_at.getTime() <= now.getTime())
    return '下载期限已过，请重新申请';
  return null;
}

const titled = (columns: { field: string; title: string }[], rows: Record<string, unknown>[]) =>
  rows.map((row) => Object.fromEntries(columns.map((c) => [c.title, row[c.field]])));

/** The export as an .xlsx workbook (kernel/spreadsheet.ts: no formulas), the mark above the header. */
export function exportXlsx(mark: string, columns: { field: string; title: string }[], rows: Record<string, unknown>[]): Promise<Buffer> {
  return toXlsx(
    '导出数据',
    columns.map((c) => c.title),
    titled(columns, rows),
    mark,
  );
}

/** A CSV file (kernel/spreadsheet.ts: UTF-8 with BOM, formulas neutralised) whose first line says who exported it and when. */
export function exportCsv(mark: string, columns: { field: string; title: string }[], rows: Record<string, unknown>[]): string {
  return toCsv(
    columns.map((c) => c.title),
    titled(columns, rows),
    mark,
  );
}
