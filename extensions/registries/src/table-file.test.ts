import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { gbkBytes } from '../../../tests/gbk.ts';
import { decodeText, parseCsv, parseXlsx, UnreadableText } from './table-file.ts';

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

  const TEXT = '姓名,身份证号\r\n张三,320111199001011239\r\n欧阳𠀀,11010519491231002X\r\n';

  it.each([
    ['UTF-8 without BOM', () => new TextEncoder().encode(TEXT)],
    ['UTF-8 with BOM', () => new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(TEXT)])],
    ['UTF-16LE with BOM', () => new Uint8Array([0xff, 0xfe, ...Buffer.from(TEXT, 'utf16le')])],
    ['UTF-16BE with BOM', () => new Uint8Array([0xfe, 0xff, ...Buffer.from(TEXT, 'utf16le').swap16()])],
  ])('decode CSV saved as %s', (_name, bytes) => {
    expect(decodeText(bytes())).toBe(TEXT);
  });

  it('decode CSV saved by Excel on a Chinese Windows (GBK), and GB18030 four-byte characters', () => {
    const gbk = '姓名,身份证号\r\n张三,320111199001011239\r\n';
    expect(decodeText(gbkBytes(gbk))).toBe(gbk);
    expect(decodeText(new Uint8Array([...gbkBytes('欧阳'), 0x95, 0x32, 0x82, 0x36]))).toBe('欧阳𠀀');
  });

  it('refuse bytes that are no text with a message saying what to do', () => {
    const binary = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x01, 0x02, 0xff, 0x80]);
    expect(() => decodeText(binary)).toThrow(UnreadableText);
    expect(() => decodeText(binary)).toThrow('另存为“CSV UTF-8”');
  });
});
