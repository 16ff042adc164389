// The working-day calendar (calendar_days: holidays and make-up working days) as
// the rules read it, from the database; cached, since it changes a few times a year.

import type { Knex } from 'knex';
import { dateOnly } from './db-values.ts';
import { makeCalendar, type Calendar } from './working-days.ts';

export async function loadCalendar(db: Knex): Promise<Calendar> {
  const rows = await db('calendar_days').select('date', 'kind', 'name');
  return makeCalendar(rows.map((r) => ({ date: dateOnly(r.date), kind: r.kind, name: r.name ?? undefined })));
}

/** The calendar, read again at most once a minute: it changes a few times a year. */
export function cachedCalendar(db: Knex, ttlMs = 60_000): () => Promise<Calendar> {
  let cached: { calendar: Calendar; until: number } | null = null;
  return async () => {
    if (!cached || cached.until < Date.now()) cached = { calendar: await loadCalendar(db), until: Date.now() + ttlMs };
    return cached.calendar;
  };
}
