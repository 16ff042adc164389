// PostgreSQL's COPY text format (the default of COPY … FROM STDIN): one line per
// row, values separated by tabs, NULL as \N, and backslash, tab, newline and
// carriage return escaped with a backslash.

/** One value as COPY reads it: instants as ISO text, booleans as t/f, objects as JSON. */
export function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`not a number COPY can store: ${value}`);
    return String(value);
  }
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/** A row's line, the values in the order of `columns`. */
export function copyLine(row: object, columns: readonly string[]): string {
  const values = row as Record<string, unknown>;
  let line = '';
  for (let i = 0; i < columns.length; i++) line += (i ? '\t' : '') + copyValue(values[columns[i]!]);
  return line + '\n';
}
