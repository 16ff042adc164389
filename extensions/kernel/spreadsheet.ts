// What the system writes into a table that a person opens in Excel or WPS: the
// approved export, the file of refused import rows, the monthly comparison. One
// rule for all of them: a text cell that a spreadsheet would read as a formula
// (it starts with = + - @, or a tab or carriage return before one) is written
// with a leading apostrophe, so `=HYPERLINK(…)` that came in with a department's
// list goes out as text. Numbers and dates are values, never formulas, and stay
// as they are. Files are UTF-8 with a byte order mark, so Excel shows the Chinese.

import ExcelJS from 'exceljs';
import Papa from 'papaparse';

const FORMULA_START = /^[=+\-@\t\r]/;

/** A value as the text of one spreadsheet cell, neutralised if it would start a formula. */
export function spreadsheetCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * A table as CSV text: a header row of `headers`, each row's cells in that order,
 * every cell through `spreadsheetCell`. `firstLine`, when given, is written above
 * the header (who exported the file and when).
 */
export function toCsv(headers: string[], rows: Record<string, unknown>[], firstLine?: string): string {
  const table = Papa.unparse(
    {
      fields: headers.map(spreadsheetCell),
      data: rows.map((row) => headers.map((h) => spreadsheetCell(row[h]))),
    },
    { newline: '\r\n', escapeFormulae: false },
  );
  const top = firstLine === undefined ? '' : `${Papa.unparse([[spreadsheetCell(firstLine)]], { newline: '\r\n' })}\r\n`;
  return `\uFEFF${top}${table}\r\n`;
}

/**
 * A table as an .xlsx workbook of one sheet: the header row bold, numbers as
 * numbers, every text cell through `spreadsheetCell` (never a formula).
 * `firstLine`, when given, is written above the header.
 */
export async function toXlsx(sheet: string, headers: string[], rows: Record<string, unknown>[], firstLine?: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet(sheet.slice(0, 31));
  const cell = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : spreadsheetCell(value));
  if (firstLine !== undefined) ws.addRow([spreadsheetCell(firstLine)]);
  ws.addRow(headers.map(spreadsheetCell)).font = { bold: true };
  for (const row of rows) ws.addRow(headers.map((h) => cell(row[h])));
  ws.columns.forEach((column) => {
    column.width = 14;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
