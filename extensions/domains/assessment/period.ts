// Assessment periods (考评周期): a month, a half year or a year, in Beijing
// time. The district assesses the streets every month; each street its
// communities every half year and every year (考评办法第十四条). Pure.

export const PERIOD_TYPES = { month: '月度', half_year: '半年度', year: '年度' } as const;
export type PeriodType = keyof typeof PERIOD_TYPES;

export interface Period {
  type: PeriodType;
  /** 2026-11, 2026-H2, 2026 */
  key: string;
  /** First and last day, YYYY-MM-DD, inclusive. */
  first: string;
  last: string;
  /** The instants it spans, [start, end). */
  start: Date;
  end: Date;
  /** 2026年11月, 2026年下半年, 2026年 */
  label: string;
}

const BEIJING = 8 * 3_600_000;
const pad = (n: number) => String(n).padStart(2, '0');
/** Midnight in Beijing at the start of the given calendar day. */
const beijingMidnight = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day) - BEIJING);
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

function span(type: PeriodType, key: string, year: number, fromMonth: number, toMonth: number, label: string): Period {
  return {
    type,
    key,
    first: `${year}-${pad(fromMonth)}-01`,
    last: `${year}-${pad(toMonth)}-${pad(lastDay(year, toMonth))}`,
    start: beijingMidnight(year, fromMonth, 1),
    end: toMonth === 12 ? beijingMidnight(year + 1, 1, 1) : beijingMidnight(year, toMonth + 1, 1),
    label,
  };
}

/** The period a key names (2026-11, 2026-H1, 2026), or null when it names none. */
export function parsePeriod(key: unknown): Period | null {
  if (typeof key !== 'string') return null;
  let m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key);
  if (m) return span('month', key, Number(m[1]), Number(m[2]), Number(m[2]), `${m[1]}年${Number(m[2])}月`);
  m = /^(\d{4})-H([12])$/.exec(key);
  if (m) {
    const first = m[2] === '1';
    return span('half_year', key, Number(m[1]), first ? 1 : 7, first ? 6 : 12, `${m[1]}年${first ? '上' : '下'}半年`);
  }
  m = /^(\d{4})$/.exec(key);
  if (m) return span('year', key, Number(m[1]), 1, 12, `${m[1]}年`);
  return null;
}

/** The period of the given type that holds the instant. */
export function periodOf(type: PeriodType, at: Date): Period {
  const local = new Date(at.getTime() + BEIJING);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth() + 1;
  const key = type === 'month' ? `${year}-${pad(month)}` : type === 'half_year' ? `${year}-H${month <= 6 ? 1 : 2}` : String(year);
  return parsePeriod(key)!;
}

/** The last period of the type that has closed by the instant (scored on the 1st of the next month). */
export function lastClosed(type: PeriodType, at: Date): Period {
  return periodOf(type, new Date(periodOf(type, at).start.getTime() - 1));
}

/** The periods of the type before this one, newest first (for trends). */
export function previous(period: Period, count: number): Period[] {
  const out: Period[] = [];
  let at = period.start;
  for (let i = 0; i < count; i++) {
    const p = periodOf(period.type, new Date(at.getTime() - 1));
    out.push(p);
    at = p.start;
  }
  return out;
}

/** The local day (YYYY-MM-DD, Beijing) an instant falls on. */
export function localDay(at: Date): string {
  return new Date(at.getTime() + BEIJING).toISOString().slice(0, 10);
}

/**
 * The days of the period that have ended by the cut-off (a day under way has not),
 * those `keep` accepts — the working days, for “logged in every working day”.
 */
export function daysEnded(period: Period, cutoff: Date, keep: (day: string) => boolean = () => true): string[] {
  const today = localDay(cutoff);
  const out: string[] = [];
  for (let t = Date.parse(`${period.first}T00:00:00Z`); t <= Date.parse(`${period.last}T00:00:00Z`); t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    if (day >= today && cutoff < period.end) break;
    if (keep(day)) out.push(day);
  }
  return out;
}

/** The months (2026-11) of the period that have ended by the cut-off: a monthly duty is missed only once its month is over. */
export function monthsEnded(period: Period, cutoff: Date): string[] {
  const months = [...new Set(daysEnded(period, cutoff).map((d) => d.slice(0, 7)))];
  return months.filter((m) => (parsePeriod(m)?.end ?? cutoff) <= cutoff);
}
