// The visit rhythm of a service object: the next visit is due a fixed number of
// days after the last service (or after the object was put under management);
// an object whose next visit is before today is overdue (逾期未走访): the list is
// `next_visit_due < $NOW`.

import { dateText } from './people.ts';

const DAY = 86_400_000;

/** YYYY-MM-DD of the next visit, counted in calendar days from the last service or the start. */
export function nextVisitDue(lastServed: unknown, managedFrom: unknown, everyDays: number | null | undefined, today: Date): string {
  const every = Number.isInteger(everyDays) && (everyDays as number) > 0 ? (everyDays as number) : 30;
  const start =
    dateText(
      lastServed instanceof Date || typeof lastServed === 'number' || typeof lastServed === 'string' ? localDay(lastServed) : null,
    ) ??
    dateText(managedFrom) ??
    today.toISOString().slice(0, 10);
  return new Date(Date.parse(`${start.slice(0, 10)}T00:00:00Z`) + every * DAY).toISOString().slice(0, 10);
}

/** The calendar day (China time) of an instant: a visit at 01:00 on the 5th is a visit on the 5th. */
function localDay(value: Date | number | string): string {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
}
