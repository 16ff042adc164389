// Reading an uploaded table: CSV (UTF-8, with or without BOM) or the first sheet
// of an .xlsx workbook, as rows of text cells keyed by the header row.

import ExcelJS from 'exceljs';
import Papa from 'papaparse';

export interface Table {
  headers: string[];
  rows: Record<string, string>[];
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

/** A table as CSV text (UTF-8 with BOM), for the file of refused rows. */
export function toCsv(headers: string[], rows: Record<string, unknown>[]): string {
  return `\uFEFF${Papa.unparse({ fields: headers, data: rows.map((r) => headers.map((h) => r[h] ?? '')) })}\r\n`;
}
