// Deadline arithmetic for matters (事项): working days, office hours, warning
// milestones and the traffic light. Pure: the calendar and the time are passed in.
//
// Local dates and times are China Standard Time, UTC+8 all year with no DST, so
// everything is a fixed offset on epoch milliseconds and a local day is always
// 24 hours. The machine's time zone is never consulted (no getHours, no
// `new Date(y, m, d)`): the server may run in UTC.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const CST = 8 * HOUR;

export const DAY_KINDS = ['holiday', 'workday'] as const;
/** holiday 节假日; workday 调休上班 (a weekend day worked instead) */
export type DayKind = (typeof DAY_KINDS)[number];

/** A row of the `calendar_days` collection. Days not listed follow the week: Mon–Fri work. */
export interface CalendarDay {
  date: string;
  kind: DayKind;
  name?: string;
}

/** 办公时间, local 'HH:MM'. */
export interface OfficeHours {
  start: string;
  end: string;
}

export interface Calendar {
  readonly days: ReadonlyMap<string, CalendarDay>;
  /** Office hours in milliseconds after local midnight; null: the whole day is working time. */
  readonly office: { readonly start: number; readonly end: number } | null;
}

export const DURATION_UNITS = ['minutes', 'hours', 'working_days'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

export interface Duration {
  amount: number;
  unit: DurationUnit;
}

export type Light = 'green' | 'yellow' | 'red' | 'overdue';

/** The fraction of the allowed time from which the light turns yellow. */
export const YELLOW_FROM = 0.75;

/** Refuses rows an administrator could get wrong: a bad date, an unknown kind, one date with two kinds. */
export function makeCalendar(rows: readonly CalendarDay[], officeHours?: OfficeHours | null): Calendar {
  const days = new Map<string, CalendarDay>();
  for (const row of rows) {
    if (Number.isNaN(midnightOf(row.date))) throw new Error(`日历日期“${row.date}”无效，应为 YYYY-MM-DD 格式的真实日期`);
    if (!DAY_KINDS.includes(row.kind)) {
      throw new Error(`日历日期 ${row.date} 的类型“${row.kind}”无效，应为 holiday（节假日）或 workday（调休上班）`);
    }
    const earlier = days.get(row.date);
    if (earlier && earlier.kind !== row.kind) throw new Error(`日历日期 ${row.date} 既登记为节假日又登记为调休上班日`);
    days.set(row.date, row);
  }
  return { days, office: officeHours ? parseOfficeHours(officeHours) : null };
}

function parseOfficeHours({ start, end }: OfficeHours): { start: number; end: number } {
  const [from, to] = [start, end].map((time) => {
    const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
    if (!match) throw new Error(`办公时间“${time}”无效，应为 HH:MM`);
    return Number(match[1]) * HOUR + Number(match[2]) * MINUTE;
  }) as [number, number];
  if (from >= to) throw new Error(`办公时间的结束（${end}）应晚于开始（${start}）`);
  return { start: from, end: to };
}

/** Mon–Fri unless listed as a holiday; Sat and Sun only when listed as a workday. */
export function isWorkingDay(calendar: Calendar, localDate: string): boolean {
  const midnight = midnightOf(localDate);
  if (Number.isNaN(midnight)) throw new Error(`日期“${localDate}”无效，应为 YYYY-MM-DD`);
  return worksOn(calendar, midnight);
}

/** The local date (YYYY-MM-DD, UTC+8) of an instant. */
export function localDateOf(instant: Date): string {
  return dateOf(ms(instant));
}

/**
 * The deadline `duration` after `start`.
 *
 * Minutes and hours are wall-clock time: an emergency does not stop for the
 * weekend. N working days end at the end of the N-th working day counted from
 * the day after the start day; the start day itself never counts, working day
 * or not, so a matter given on Friday at 10:00 or on Saturday with 1 working day
 * is due at the end of Monday. The end of a day is the close of office hours
 * when they are configured, otherwise 24:00, which is the instant 00:00 of the
 * next local day.
 */
export function addDuration(calendar: Calendar, start: Date, { amount, unit }: Duration): Date {
  const from = ms(start);
  if (unit === 'working_days') {
    if (!Number.isInteger(amount) || amount < 1) throw new Error(`工作日时限应为正整数，而不是 ${amount}`);
    let day = startOfDay(from);
    for (let counted = 0; counted < amount; ) {
      day += DAY;
      if (worksOn(calendar, day)) counted++;
    }
    return new Date(calendar.office ? day + calendar.office.end : day + DAY);
  }
  if (unit !== 'minutes' && unit !== 'hours') throw new Error(`时限单位“${unit}”无效，应为 minutes、hours 或 working_days`);
  if (!Number.isFinite(amount) || amount < 0) throw new Error(`时限不能为负数，而不是 ${amount}`);
  return new Date(from + amount * (unit === 'hours' ? HOUR : MINUTE));
}

/** Milliseconds of working time in [from, to): whole working days, or only their office hours. 0 when to ≤ from. */
export function workingTimeBetween(calendar: Calendar, from: Date, to: Date): number {
  const [a, b] = [ms(from), ms(to)];
  let total = 0;
  for (let day = startOfDay(a); day < b; day += DAY) {
    const window = workingWindow(calendar, day);
    if (window) total += Math.max(0, Math.min(window[1], b) - Math.max(window[0], a));
  }
  return total;
}

/**
 * The earliest instant by which `fraction` of the working time from start to due
 * has elapsed. A point that falls on the close of a working day is that close,
 * not the opening of the next one.
 */
export function pointInWorkingTime(calendar: Calendar, start: Date, due: Date, fraction: number): Date {
  checkFraction(fraction);
  const [a, b] = [ms(start), ms(due)];
  let remaining = Math.round(workingTimeBetween(calendar, start, due) * fraction);
  if (remaining <= 0) return new Date(a);
  for (let day = startOfDay(a); day < b; day += DAY) {
    const window = workingWindow(calendar, day);
    if (!window) continue;
    const [from, to] = [Math.max(window[0], a), Math.min(window[1], b)];
    if (to <= from) continue;
    if (to - from >= remaining) return new Date(from + remaining);
    remaining -= to - from;
  }
  return new Date(b);
}

/** The instant at `fraction` of the allowed time: working time for working days, wall-clock otherwise. */
export function pointOfAllowedTime(calendar: Calendar, start: Date, due: Date, fraction: number, unit: DurationUnit): Date {
  if (unit === 'working_days') return pointInWorkingTime(calendar, start, due, fraction);
  checkFraction(fraction);
  const [a, b] = [ms(start), ms(due)];
  return new Date(a + Math.round((b - a) * fraction));
}

/**
 * The traffic light (红黄灯) at `now` of a running deadline `due` that turns yellow
 * at `yellow` (stored on a matter as yellow_at, extensions/domains/matters/lights.ts:
 * 75 % of the allowed time, measured like the deadline — working time for working
 * days, wall-clock for minutes and hours): the one rule the server, the screens and
 * the list filter follow.
 * - green: before `yellow`;
 * - yellow: from `yellow` until the due instant;
 * - red (到期): at or past the due instant, on the same local date as the due instant;
 * - overdue (超期): any later local date.
 * A working-day deadline without office hours falls at 24:00, the instant 00:00 of
 * the next date, so it is red for that whole next date; with office hours it is red
 * from the close until midnight.
 */
export function lightAt(due: Date, yellow: Date, now: Date): Light {
  const [t, d] = [ms(now), ms(due)];
  if (t >= d) return startOfDay(t) === startOfDay(d) ? 'red' : 'overdue';
  return t < ms(yellow) ? 'green' : 'yellow';
}

/** Local (China Standard Time) midnight starting the date of `instant`: from it on, a passed deadline is red, before it overdue. */
export function localDayStart(instant: Date): Date {
  return new Date(startOfDay(ms(instant)));
}

/** Epoch milliseconds of local midnight starting `date`, or NaN when it is not a real YYYY-MM-DD date. */
function midnightOf(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(date));
  if (!match) return NaN;
  const utc = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Date(utc).toISOString().slice(0, 10) === date ? utc - CST : NaN;
}

function dateOf(instant: number): string {
  return new Date(instant + CST).toISOString().slice(0, 10);
}

function startOfDay(instant: number): number {
  return Math.floor((instant + CST) / DAY) * DAY - CST;
}

function worksOn(calendar: Calendar, midnight: number): boolean {
  const listed = calendar.days.get(dateOf(midnight));
  if (listed) return listed.kind === 'workday';
  const weekday = new Date(midnight + CST).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

function workingWindow(calendar: Calendar, midnight: number): [number, number] | null {
  if (!worksOn(calendar, midnight)) return null;
  return calendar.office ? [midnight + calendar.office.start, midnight + calendar.office.end] : [midnight, midnight + DAY];
}

function ms(instant: Date): number {
  const value = instant instanceof Date ? instant.getTime() : NaN;
  if (Number.isNaN(value)) throw new Error(`not a valid Date: ${String(instant)}`);
  return value;
}

function checkFraction(fraction: number): void {
  if (!(fraction >= 0 && fraction <= 1)) throw new Error(`fraction must be within [0, 1], got ${fraction}`);
}
