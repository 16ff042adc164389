// A database that cannot be reached for a moment (restarting, failing over, the network
// cut) or, on SQLite, busy with another writer is a passing state, not a fault of the
// request: it is answered 503 with a Chinese message and Retry-After, so that the phone
// and the app send the same request again (with its submission id: stored once) instead
// of showing “unexpected error”. Pure: which errors mean that.

/** Error codes of a connection that failed or was cut: the socket's, and PostgreSQL's SQLSTATE classes 08 and 57P. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down, in recovery)
]);

/** What node-postgres and knex say, without a code, of a connection lost or never had. */
const CONNECTION_MESSAGES = [/Connection terminated/i, /Client has encountered a connection error/i, /Timeout acquiring a connection/i];

export type Outage = 'unavailable' | 'busy';

export const OUTAGE_MESSAGES: Readonly<Record<Outage, string>> = {
  unavailable: '数据库暂时无法连接，请稍后重试（已填写的内容不会丢失）',
  busy: '数据库正忙，请稍后重试（已填写的内容不会丢失）',
};

/** Seconds a client is asked to wait before it sends again. */
export const RETRY_AFTER_SECONDS = 3;

/** Whether an error (or one of several, or its cause) is the database out of reach or busy; null for any other error. */
export function outageOf(error: unknown, depth = 0): Outage | null {
  if (depth > 4 || error === null || typeof error !== 'object') return null;
  if (Array.isArray(error)) {
    for (const e of error) {
      const found = outageOf(e, depth + 1);
      if (found) return found;
    }
    return null;
  }
  const { code, message, name, cause } = error as { code?: unknown; message?: unknown; name?: unknown; cause?: unknown };
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return 'busy';
  if (typeof code === 'string' && CONNECTION_CODES.has(code)) return 'unavailable';
  if (name === 'KnexTimeoutError') return 'unavailable';
  if (typeof message === 'string' && CONNECTION_MESSAGES.some((m) => m.test(message))) return 'unavailable';
  return outageOf(cause, depth + 1);
}
