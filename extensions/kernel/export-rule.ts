// Bulk export (批量导出) is the Directus administrator's alone (制度四, R19): staff take
// data out of the system only through an export request approved one level up
// (/registries/exports), which marks and logs the file. Directus offers bulk export
// through two doors — the `export` query parameter (GET ?export=, SEARCH bodies) on
// every collection, and POST /utils/export/:collection, which writes a file and tells
// the user where to fetch it — and both read with the caller's own rights, so
// anyone who may read a page may export everything. Pure: the hook in
// extensions/export-guard applies it.

export const EXPORT_FORMATS = ['csv', 'csv_utf8', 'json', 'xml', 'yaml'] as const;

/** What a refused export says. */
export const EXPORT_REFUSED = '批量导出仅限系统管理员。如需导出数据，请提交导出申请，经上级审批后下载（导出申请）。';

/** Who may export in bulk: the Directus administrator. */
export function mayExportInBulk(accountability: { admin?: boolean } | null | undefined): boolean {
  return accountability?.admin === true;
}

/**
 * The export a request asks for through its query, whatever its letter case or type
 * (Directus reads `export` as given: csv, json …); null when none. `query` is the query
 * as parsed (GET's sanitized query, or a SEARCH body's `query`).
 */
export function exportAsked(query: unknown): string | null {
  if (!query || typeof query !== 'object' || Array.isArray(query)) return null;
  if (!Object.hasOwn(query, 'export')) return null;
  const value = (query as Record<string, unknown>).export;
  if (value === undefined || value === null || value === '' || value === false) return null;
  return String(value);
}
