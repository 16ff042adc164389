// The server's own account of a refusal, kept beside the words the user is shown
// (error-text.ts), so that a message can offer it behind 详情 for whoever needs it
// (an administrator, the help desk): the status, the error code, Directus's text.

const KEPT = 50;
const details = new Map<string, string>();

/** Remembers the detail of a refusal shown as `shown`; the latest wins. */
export function rememberDetail(shown: string, refusal: { statusCode?: number; code?: string; detail?: string }): void {
  const parts = [refusal.statusCode ? `HTTP ${refusal.statusCode}` : null, refusal.code || null, refusal.detail?.trim() || null].filter(
    Boolean,
  );
  if (!parts.length || refusal.detail?.trim() === shown) return;
  details.delete(shown);
  details.set(shown, parts.join(' · '));
  if (details.size > KEPT) details.delete(details.keys().next().value!);
}

/** The detail behind a message the user was shown, if it came from a refusal. */
export function detailOf(shown: unknown): string | null {
  return typeof shown === 'string' ? (details.get(shown) ?? null) : null;
}
