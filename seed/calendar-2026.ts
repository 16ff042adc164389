// Reference data: the 2026 holidays and make-up working days (调休上班) from the
// State Council General Office notice of 2025-11-04 (国务院办公厅关于2026年部分
// 节假日安排的通知). Each year's notice comes out in November or December, and
// administrators add the next year as rows of the `calendar_days` collection in
// Directus; nothing in code changes.

import type { CalendarDay } from '../extensions/kernel/working-days.ts';

/** [name, first day, last day] of each holiday, as the notice lists them. */
const HOLIDAYS: [name: string, first: string, last: string][] = [
  ['元旦', '2026-01-01', '2026-01-03'],
  ['春节', '2026-02-15', '2026-02-23'],
  ['清明节', '2026-04-04', '2026-04-06'],
  ['劳动节', '2026-05-01', '2026-05-05'],
  ['端午节', '2026-06-19', '2026-06-21'],
  ['中秋节', '2026-09-25', '2026-09-27'],
  ['国庆节', '2026-10-01', '2026-10-07'],
];

/** Weekend days worked instead, named after the holiday they make up for. */
const WORKDAYS: [name: string, date: string][] = [
  ['元旦调休上班', '2026-01-04'],
  ['春节调休上班', '2026-02-14'],
  ['春节调休上班', '2026-02-28'],
  ['劳动节调休上班', '2026-05-09'],
  ['国庆节调休上班', '2026-09-20'],
  ['国庆节调休上班', '2026-10-10'],
];

function datesFrom(first: string, last: string): string[] {
  const dates: string[] = [];
  for (let day = Date.parse(`${first}T00:00:00Z`); day <= Date.parse(`${last}T00:00:00Z`); day += 86_400_000) {
    dates.push(new Date(day).toISOString().slice(0, 10));
  }
  return dates;
}

export const CALENDAR_2026: CalendarDay[] = [
  ...HOLIDAYS.flatMap(([name, first, last]) => datesFrom(first, last).map((date) => ({ date, kind: 'holiday' as const, name }))),
  ...WORKDAYS.map(([name, date]) => ({ date, kind: 'workday' as const, name })),
].sort((a, b) => a.date.localeCompare(b.date));
