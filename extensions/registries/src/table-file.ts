// Reading an uploaded table: CSV or the first sheet of an .xlsx workbook, as rows
// of text cells keyed by the header row. A CSV comes in whatever encoding the
// office's Excel or WPS saved it in: UTF-8 (with or without BOM), GBK/GB18030
// (Excel's "CSV" on a Chinese Windows) or UTF-16 ("Unicode text", tab-separated).
// Writing tables is kernel/spreadsheet.ts.

import ExcelJS from 'exceljs';
import Papa from 'papaparse';

export interface Table {
  headers: string[];
  rows: Record<string, string>[];
}

/** The file's encoding could not be recognised; the message says what to do. */
export class UnreadableText extends Error {}

/**
 * The text of an uploaded CSV. A byte order mark decides (UTF-8, UTF-16LE/BE);
 * without one, bytes that are valid UTF-8 are UTF-8, otherwise GB18030 (a
 * superset of GBK and GB2312). Bytes that are neither are refused rather than
 * stored as "������".
 */
export function decodeText(bytes: Uint8Array): string {
  const [a, b, c] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return decode('utf-8', bytes.subarray(3)) ?? unreadable();
  if (a === 0xff && b === 0xfe) return decode('utf-16le', bytes.subarray(2)) ?? unreadable();
  if (a === 0xfe && b === 0xff) return decode('utf-16be', bytes.subarray(2)) ?? unreadable();
  return decode('utf-8', bytes) ?? decode('gb18030', bytes) ?? unreadable();
}

function decode(encoding: string, bytes: Uint8Array): string | null {
  try {
    const text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
    // GB18030 decodes nearly any byte sequence; control characters other than
    // tab and line ends mean the file was something else (a binary, UTF-16 without BOM).
    return hasControlCharacters(text) ? null : text;
  } catch {
    return null;
  }
}

function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return true;
  }
  return false;
}

function unreadable(): never {
  throw new UnreadableText('无法识别 CSV 文件的编码，请在 Excel 或 WPS 中另存为“CSV UTF-8”后重新导入');
}

export function parseCsv(text: string): Table {
  const result = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim(),
  });
  return { headers: result.meta.fields ?? [], rows: result.data };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  // A date cell is a day in the sheet: keep the calendar date, not an instant.
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    return '';
  }
  return String(value);
}

export async function parseXlsx(data: Buffer): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return { headers: [], rows: [] };
  const headers: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => {
    headers[col - 1] = cellText(cell.value).trim();
  });
  const rows: Record<string, string>[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const record: Record<string, string> = {};
    let any = false;
    headers.forEach((header, i) => {
      const text = cellText(row.getCell(i + 1).value);
      if (text.trim()) any = true;
      if (header) record[header] = text;
    });
    if (any) rows.push(record);
  }
  return { headers: headers.filter(Boolean), rows };
}
