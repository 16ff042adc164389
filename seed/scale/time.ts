// Time in the Pukou-scale data: three years ending at the run date, more work in
// the later years than the first (the system taken up office by office), and
// office hours (China Standard Time) weighted over nights and weekends. The
// working-day calendar is the system's own (kernel/working-days.ts).

import { isWorkingDay, localDateOf, type Calendar } from '../../extensions/kernel/working-days.ts';
import type { Random } from './draw.ts';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** China Standard Time, UTC+8 all year. */
const CST = 8 * HOUR;

export interface Window {
  start: Date;
  end: Date;
}

/** `years` years ending at `end`. */
export function windowOf(end: Date, years: number): Window {
  const start = new Date(end);
  start.setUTCFullYear(start.getUTCFullYear() - years);
  return { start, end };
}

/** How much busier the last day of the window is than the first (linear in between). */
export const GROWTH = 1.6;

/**
 * An instant in the window, more of them later (density rising linearly by GROWTH
 * from start to end): the inverse of the distribution function of that density.
 */
export function instantInWindow(rnd: Random, window: Window): Date {
  const span = window.end.getTime() - window.start.getTime();
  const a = 1;
  const b = GROWTH;
  // Density a + (b − a)x on [0, 1], normalised; solve the quadratic of its integral.
  const u = rnd() * ((a + b) / 2);
  const x = (-a + Math.sqrt(a * a + 2 * (b - a) * u)) / (b - a);
  return new Date(window.start.getTime() + Math.min(1, x) * span);
}

/** Local hour weights (0–23 h) of when things are reported: office hours, some evening, little at night. */
export const HOUR_WEIGHTS = [1, 0.5, 0.3, 0.3, 0.3, 0.6, 1.5, 3, 8, 11, 11, 9, 5, 6, 10, 11, 10, 8, 4, 3, 2.5, 2, 1.5, 1];
const HOUR_TOTAL = HOUR_WEIGHTS.reduce((a, b) => a + b, 0);

/** The local midnight (as an instant) of the local day of `t`. */
export function localMidnight(t: number): number {
  return Math.floor((t + CST) / DAY) * DAY - CST;
}

/** A moment on the local day of `t`, its hour drawn from HOUR_WEIGHTS; on a day off, a working day's hours count a third. */
export function hourOfDay(rnd: Random, t: number, calendar: Calendar): number {
  const midnight = localMidnight(t);
  let r = rnd() * HOUR_TOTAL;
  let hour = 0;
  while (hour < 23 && (r -= HOUR_WEIGHTS[hour]!) >= 0) hour++;
  const working = isWorkingDay(calendar, localDateOf(new Date(midnight)));
  // Days off: daytime work thinned out by moving two of three office-hour reports to the evening.
  if (!working && hour >= 8 && hour < 18 && rnd() < 0.66) hour = 18 + Math.floor(rnd() * 4);
  return midnight + hour * HOUR + Math.floor(rnd() * HOUR);
}

/** Whether the instant falls within office hours (08:30–17:30) of a working day. */
export function inOfficeHours(calendar: Calendar, t: number): boolean {
  const midnight = localMidnight(t);
  const into = t - midnight;
  return into >= 8.5 * HOUR && into < 17.5 * HOUR && isWorkingDay(calendar, localDateOf(new Date(midnight)));
}

/**
 * Where office work done at `t` lands: kept when in office hours (and, one time in
 * ten, outside them: overtime); otherwise moved into the next working day's office hours.
 */
export function officeInstant(rnd: Random, calendar: Calendar, t: number): number {
  if (inOfficeHours(calendar, t) || rnd() < 0.1) return t;
  let midnight = localMidnight(t);
  if (t - midnight >= 8.5 * HOUR) midnight += DAY;
  while (!isWorkingDay(calendar, localDateOf(new Date(midnight)))) midnight += DAY;
  // Mornings a little more than afternoons.
  return midnight + 8.5 * HOUR + Math.floor(9 * HOUR * rnd() ** 1.3);
}

/** The local date (YYYY-MM-DD) of an instant. */
export const dayOf = (t: number): string => localDateOf(new Date(t));

/** The working days (local dates) from `start` to `end`, in order. */
export function workingDays(calendar: Calendar, window: Window): string[] {
  const days: string[] = [];
  for (let t = localMidnight(window.start.getTime()); t <= window.end.getTime(); t += DAY) {
    const day = dayOf(t);
    if (isWorkingDay(calendar, day)) days.push(day);
  }
  return days;
}
