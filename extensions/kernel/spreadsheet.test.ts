import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { spreadsheetCell, toCsv, toXlsx } from './spreadsheet.ts';

describe('cells a spreadsheet opens', () => {
  it.each([
    ['=HYPERLINK("http://x","点我")', '\'=HYPERLINK("http://x","点我")'],
    ['+86 139', "'+86 139"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['张三', '张三'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('text %j is written as %j', (value, cell) => {
    expect(spreadsheetCell(value)).toBe(cell);
  });

  it('keeps numbers, booleans and dates as values and writes objects as JSON', () => {
    expect(spreadsheetCell(-5)).toBe('-5');
    expect(spreadsheetCell(false)).toBe('false');
    expect(spreadsheetCell(new Date(Date.UTC(2026, 11, 4)))).toBe('2026-12-04T00:00:00.000Z');
    expect(spreadsheetCell({ a: 1 })).toBe('{"a":1}');
    expect(spreadsheetCell(null)).toBe('');
    expect(spreadsheetCell(undefined)).toBe('');
  });
});

describe('CSV files', () => {
  it('carry a BOM, an optional first line, quoted cells and neutralised formulas', () => {
    const csv = toCsv(
      ['姓名', '备注'],
      [
        { name: 'x', 姓名: '张三', 备注: '说 "你好", 再见' },
        { 姓名: '李四', 备注: null },
        { 姓名: '=1+1', 备注: '@x' },
      ],
      '导出人：王芳',
    );
    expect(csv).toBe('\uFEFF导出人：王芳\r\n姓名,备注\r\n张三,"说 ""你好"", 再见"\r\n李四,\r\n\'=1+1,\'@x\r\n');
  });

  it('read back as what was written, apart from the apostrophe', () => {
    const rows = [{ 行号: 2, 原因: '校验位不正确, 请核对', 姓名: '-HYPERLINK' }];
    const parsed = Papa.parse<Record<string, string>>(toCsv(['行号', '原因', '姓名'], rows).slice(1), {
      header: true,
      skipEmptyLines: true,
    });
    expect(parsed.data).toEqual([{ 行号: '2', 原因: '校验位不正确, 请核对', 姓名: "'-HYPERLINK" }]);
  });
});

describe('an .xlsx workbook', () => {
  it('holds the header, numbers as numbers and formula-like text as text', async () => {
    const file = await toXlsx('考评结果', ['单位', '总分'], [{ 单位: '=HYPERLINK("x")', 总分: 87.5 }], '2026-11 考评');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file as never);
    const sheet = book.getWorksheet('考评结果')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('2026-11 考评');
    expect(sheet.getRow(2).values).toEqual([undefined, '单位', '总分']);
    expect(sheet.getRow(3).getCell(1).value).toBe('\'=HYPERLINK("x")');
    expect(sheet.getRow(3).getCell(2).value).toBe(87.5);
  });
});
