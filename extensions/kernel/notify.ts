// Telling a unit (通知): the one way every part of the system tells the people of
// units about something — a matter handed to them, a document to sign for, a
// reminder, an expiring permit. Each active user of the units gets an in-app
// notification (Directus's own, linked to the item), and, where asked, those with
// a phone number a message in the phone outbox (phone_messages), which the
// worker's outbox loop sends (R10: 手机提醒). Who is told, the two rows and their
// batching are written here once.

import type { Knex } from 'knex';

export interface Notice {
  /** The units whose active users are told. */
  units: readonly number[];
  subject: string;
  body: string;
  /** The item the notice is about: the notification links to it. */
  about: { collection: string; item: string | number };
  /** Only users of these jobs (a 督办 goes to LEADING_JOBS, those who answer for the unit); all when absent. */
  jobs?: readonly string[];
  /** The user whose own step this is: not told of it. */
  exceptUser?: string | null;
  /** Also by phone, for those with a phone number. */
  phone: boolean;
  /** The reminder row a phone message belongs to (matters' reminders). */
  reminder?: number | null;
  now: Date;
}

export interface Recipient {
  id: string;
  phone: string | null;
}

/** Who answers for a unit (领导, 综治办主任): told alone of a 督办. */
export const LEADING_JOBS = ['leader', 'head'] as const;

/** Users are told when active: a suspended or archived account hears nothing. */
export const TOLD_STATUS = 'active';

/** Units per look-up of users, and rows per insert (SQLite allows a limited number of parameters per statement). */
const UNITS_PER_QUERY = 500;
const ROWS_PER_INSERT = 100;

/** The in-app notification of each recipient. Pure. */
export function notificationRows(recipients: readonly Recipient[], n: Notice): Record<string, unknown>[] {
  return recipients.map((r) => ({
    recipient: r.id,
    subject: n.subject,
    message: n.body,
    collection: n.about.collection,
    item: String(n.about.item),
    status: 'inbox',
    timestamp: n.now,
  }));
}

/** The phone message of each recipient with a phone number, when the notice goes by phone. Pure. */
export function phoneRows(recipients: readonly Recipient[], n: Notice): Record<string, unknown>[] {
  if (!n.phone) return [];
  return recipients
    .filter((r) => typeof r.phone === 'string' && r.phone.trim() !== '')
    .map((r) => ({ recipient: r.id, phone: r.phone, body: n.body, status: 'pending', reminder: n.reminder ?? null, attempts: 0 }));
}

/** The users told about the business of `units`. */
export function recipientsOf(db: Knex, units: readonly number[], n: Pick<Notice, 'jobs' | 'exceptUser'> = {}): Knex.QueryBuilder {
  const people = db('directus_users')
    .whereIn('unit', [...units])
    .where({ status: TOLD_STATUS })
    .orderBy('id')
    .select('id', 'phone');
  if (n.jobs) people.whereIn('job', [...n.jobs]);
  if (n.exceptUser) people.whereNot('id', n.exceptUser);
  return people;
}

async function insertInBatches(db: Knex, table: string, rows: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) await db(table).insert(rows.slice(i, i + ROWS_PER_INSERT));
}

/**
 * Tells the users of the notice's units, in the caller's transaction (pass it as `db`),
 * so that the notice is written with the change it is about or not at all. Returns how
 * many users were told; the caller wakes the outbox after committing.
 */
export async function notify(db: Knex, n: Notice): Promise<number> {
  let told = 0;
  for (let i = 0; i < n.units.length; i += UNITS_PER_QUERY) {
    const recipients: Recipient[] = await recipientsOf(db, n.units.slice(i, i + UNITS_PER_QUERY), n);
    await insertInBatches(db, 'directus_notifications', notificationRows(recipients, n));
    await insertInBatches(db, 'phone_messages', phoneRows(recipients, n));
    told += recipients.length;
  }
  return told;
}

/**
 * The same notice as clauses of one PostgreSQL statement's WITH list, for the one write
 * that must stay a single round trip (a report: bench:matters). `unit` is the
 * parameter of the told unit's id, `item` SQL for the item's id; the parameters are, in
 * order: unit, subject, body, timestamp, body. Phone messages always go.
 */
export function notifyClauses(collection: string, item: string): string {
  return [
    `u AS (SELECT id, phone FROM directus_users WHERE unit = ? AND status = '${TOLD_STATUS}'),`,
    `n AS (INSERT INTO directus_notifications (recipient, subject, message, collection, item, status, timestamp) SELECT u.id, ?::text, ?::text, '${collection}', ${item}, 'inbox', ?::timestamptz FROM u),`,
    "ph AS (INSERT INTO phone_messages (recipient, phone, body, status, attempts) SELECT u.id, u.phone, ?::text, 'pending', 0 FROM u WHERE u.phone IS NOT NULL AND btrim(u.phone) <> '')",
  ].join(' ');
}

/** A notice's text from its template (reminder_templates): {{name}} replaced by its value, unknown names left as they are. */
export function render(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => values[name] ?? whole);
}
