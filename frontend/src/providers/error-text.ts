// What a refusal of the server means, in the user's language: from the error code
// and status, never Directus's English as it comes. Messages our own server code
// writes are Chinese already and are kept (without Directus's "Invalid payload."
// wrapping). Pure; the data provider applies it to every error (toHttpError).

export interface Refusal {
  statusCode?: number;
  code?: string;
  message?: string;
}

type Say = (key: string, params?: Record<string, unknown>) => string;

const HAN = /[\u3400-\u9fff]/;

/** Our server's own words inside Directus's wrapping ("Invalid payload. “标题”不能为空."), or null when there are none. */
export function ownWords(message: string): string | null {
  if (!HAN.test(message)) return null;
  return message
    .replace(/^(Invalid payload|Invalid query|Forbidden)\.\s*/i, '')
    .replace(/\.$/, '')
    .trim();
}

/** The field a Directus validation message names (`field "title"`), if any. */
const fieldOf = (message: string) => /field "([^"]+)"/.exec(message)?.[1] ?? null;

/** `label` names a field as the user reads it (its Chinese label), when the collection is known. */
export function errorText(error: Refusal, say: Say, label: (field: string) => string | null = () => null): string {
  const status = error.statusCode ?? 500;
  const code = error.code ?? '';
  const message = error.message ?? '';
  if (status === 0 || message === 'network') return say('errors.network');
  const own = ownWords(message);
  if (own) return own;
  const field = fieldOf(message);
  const named = field === null ? null : (label(field) ?? field);
  if (code === 'RECORD_NOT_UNIQUE') return say('errors.unique', { field: named ?? '' });
  if (code === 'FAILED_VALIDATION' || code === 'INVALID_PAYLOAD' || code === 'INVALID_QUERY' || status === 400)
    return named ? say('errors.invalidField', { field: named }) : say('errors.invalidInput');
  if (code === 'INVALID_CREDENTIALS' || code === 'TOKEN_EXPIRED' || status === 401) return say('auth.expired');
  if (code === 'FORBIDDEN' || status === 403) return say('errors.forbiddenPlain');
  if (code === 'ROUTE_NOT_FOUND' || status === 404) return say('errors.notFound');
  if (status === 409) return say('errors.conflictPlain');
  if (code === 'CONTENT_TOO_LARGE' || status === 413) return say('errors.tooLarge');
  if (code === 'REQUESTS_EXCEEDED' || status === 429) return say('errors.tooMany');
  if (status === 503) return say('errors.busy');
  return say('errors.server');
}
