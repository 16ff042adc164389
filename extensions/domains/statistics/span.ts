// The spans statistics are asked for (统计周期): a month, a quarter, a half year, a
// year, or a range of whole months — each as a run of months in Beijing time, with
// the span before it of the same length (环比) and the same months a year earlier
// (同比). Pure.

import { parsePeriod } from '../assessment/period.ts';

export interface Span {
  /** 2026-11, 2026-Q4, 2026-H2, 2026, 2026-09..2026-11 */
  key: string;
  /** First and last month, YYYY-MM, inclusive. */
  from: string;
  to: string;
  /** The instants it covers, [start, end). */
  start: Date;
  end: Date;
  /** First and last day, YYYY-MM-DD. */
  first: string;
  last: string;
  months: number;
}

/** The longest range asked for at once: five years of months. */
export const MAX_MONTHS = 60;

const monthIndex = (ym: string) => Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1;
const monthOf = (index: number) => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;

function spanOf(key: string, from: string, to: string): Span | null {
  const a = parsePeriod(from);
  const b = parsePeriod(to);
  if (!a || !b || monthIndex(to) < monthIndex(from)) return null;
  const months = monthIndex(to) - monthIndex(from) + 1;
  if (months > MAX_MONTHS) return null;
  return { key, from, to, start: a.start, end: b.end, first: a.first, last: b.last, months };
}

/** The span a key names, or null. */
export function parseSpan(key: unknown): Span | null {
  if (typeof key !== 'string') return null;
  let m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key);
  if (m) return spanOf(key, key, key);
  m = /^(\d{4})-Q([1-4])$/.exec(key);
  if (m) {
    const first = (Number(m[2]) - 1) * 3 + 1;
    return spanOf(key, monthOf(Number(m[1]) * 12 + first - 1), monthOf(Number(m[1]) * 12 + first + 1));
  }
  m = /^(\d{4})-H([12])$/.exec(key);
  if (m) return spanOf(key, `${m[1]}-${m[2] === '1' ? '01' : '07'}`, `${m[1]}-${m[2] === '1' ? '06' : '12'}`);
  m = /^(\d{4})$/.exec(key);
  if (m) return spanOf(key, `${m[1]}-01`, `${m[1]}-12`);
  m = /^(\d{4}-(?:0[1-9]|1[0-2]))\.\.(\d{4}-(?:0[1-9]|1[0-2]))$/.exec(key);
  if (m) return spanOf(key, m[1]!, m[2]!);
  return null;
}

function shifted(span: Span, byMonths: number): Span {
  const from = monthOf(monthIndex(span.from) + byMonths);
  const to = monthOf(monthIndex(span.to) + byMonths);
  return spanOf(from === to ? from : `${from}..${to}`, from, to)!;
}

/** 环比: the span of the same length just before. */
export const before = (span: Span): Span => shifted(span, -span.months);
/** 同比: the same months a year earlier. */
export const yearEarlier = (span: Span): Span => shifted(span, -12);

/** A figure's change against an earlier one, in percent (null when the earlier is zero or unknown). */
export function changeOf(now: number, then: number | null | undefined): number | null {
  if (then === null || then === undefined || then === 0) return null;
  return Math.round(((now - then) / Math.abs(then)) * 1000) / 10;
}

/** The months of a span, each as a span of its own, oldest first (a trend's points). */
export function monthsOf(span: Span): Span[] {
  return Array.from({ length: span.months }, (_, i) => monthOf(monthIndex(span.from) + i)).map((m) => spanOf(m, m, m)!);
}

/** The last `count` months up to and including the month of `at` (Beijing time), as one span. */
export function lastMonths(at: Date, count: number): Span {
  const to = new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);
  const from = monthOf(monthIndex(to) - count + 1);
  return spanOf(count === 1 ? to : `${from}..${to}`, from, to)!;
}
