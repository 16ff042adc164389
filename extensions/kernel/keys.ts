// Keys a client sends (in a path or a body) for our integer primary keys: a
// positive whole number that fits the column; and for Directus's own UUID keys
// (accounts, files). Anything else matches no row; on PostgreSQL it would not even
// reach a comparison (`1e+300`, `abc` fail the cast).

export const MAX_KEY = 2_147_483_647;

/** The key, or null when the value cannot be one (numbers, or their digits as a path parameter carries them). */
export function keyOf(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,10}$/.test(value) ? Number(value) : Number.NaN;
  return Number.isSafeInteger(n) && n >= 1 && n <= MAX_KEY ? n : null;
}

/** Whether `key` names an own entry of a lookup table (not `constructor`, `toString` or `__proto__`). */
export function isOwnKey<T extends object>(table: T, key: unknown): key is keyof T {
  return typeof key === 'string' && Object.hasOwn(table, key);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether the value is a UUID (the key of an account or a file). */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
