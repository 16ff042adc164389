import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseCsv, parseXlsx, toCsv } from './table-file.ts';

describe('uploaded tables', () => {
  it('read CSV with a BOM, quoted cells and blank lines', () => {
    expect(parseCsv('\uFEFF姓名 ,身份证号\r\n"张,三",320111199001011239\r\n\r\n李四,11010519491231002X\r\n')).toEqual({
      headers: ['姓名', '身份证号'],
      rows: [
        { 姓名: '张,三', 身份证号: '320111199001011239' },
        { 姓名: '李四', 身份证号: '11010519491231002X' },
      ],
    });
  });

  it('read the first sheet of an xlsx workbook, dates as calendar days', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('人口');
    sheet.addRow(['姓名', '身份证号', '登记日期']);
    sheet.addRow(['张三', '320111199001011239', new Date(Date.UTC(2026, 10, 1))]);
    sheet.addRow([]);
    sheet.addRow(['李四', '11010519491231002X', null]);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(await parseXlsx(buffer)).toEqual({
      headers: ['姓名', '身份证号', '登记日期'],
      rows: [
        { 姓名: '张三', 身份证号: '320111199001011239', 登记日期: '2026-11-01' },
        { 姓名: '李四', 身份证号: '11010519491231002X', 登记日期: '' },
      ],
    });
  });

  it('write CSV that reads back the same', () => {
    const csv = toCsv(['行号', '原因'], [{ 行号: 2, 原因: '校验位不正确, 请核对' }]);
    expect(parseCsv(csv).rows).toEqual([{ 行号: '2', 原因: '校验位不正确, 请核对' }]);
  });
});
