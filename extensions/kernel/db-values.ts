// Values as the two databases hand them back through knex, read one way.

/** A stored instant as Directus keeps it: epoch ms on SQLite, a Date on PostgreSQL. */
export function instant(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value);
  const text = String(value);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
}

/** A stored date: epoch ms of UTC midnight on SQLite, a local-midnight Date from pg. */
export function dateOnly(value: unknown): string {
  if (value instanceof Date)
    return `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`;
  if (typeof value === 'number') return new Date(value).toISOString().slice(0, 10);
  return String(value).slice(0, 10);
}

/** A date as the database compares a stored `date` column: epoch ms of UTC midnight on SQLite, the text on PostgreSQL. */
export function storedDate(client: string, date: string): string | number {
  return client === 'pg' ? date : Date.parse(`${date}T00:00:00Z`);
}

/** A stored JSON column: text on SQLite, already parsed on PostgreSQL. */
export function jsonValue<T = unknown>(value: unknown): T | null {
  if (value === null || value === undefined) return null;
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}
