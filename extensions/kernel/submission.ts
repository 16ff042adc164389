// A submission id (client_ref) is made once per submission on the sender's device (a UUID
// or any 8-64 letters, digits and hyphens): the same submission sent again, its answer
// lost or sent twice at once, is done once — a report raises one matter, a transition
// moves the matter once, a document is sent once — and every copy is answered alike.

export const CLIENT_REF = /^[A-Za-z0-9-]{8,64}$/;
export const CLIENT_REF_PROBLEM = '提交编号（client_ref）应为8到64位字母、数字或连字符';

/** The submission id of a request body: absent (undefined), well formed (the id), or a problem to refuse. */
export function clientRefOf(body: unknown): { ok: true; value: string | undefined } | { ok: false; problem: string } {
  const value = typeof body === 'object' && body !== null ? (body as { client_ref?: unknown }).client_ref : undefined;
  if (value === undefined || value === null) return { ok: true, value: undefined };
  return typeof value === 'string' && CLIENT_REF.test(value) ? { ok: true, value } : { ok: false, problem: CLIENT_REF_PROBLEM };
}

/** A unique column refused the row (the same submission id or external reference sent twice at once). */
export function isUniqueViolation(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  return code === '23505' || code === 'RECORD_NOT_UNIQUE' || (code === 'SQLITE_CONSTRAINT' && /UNIQUE/.test(message ?? ''));
}
