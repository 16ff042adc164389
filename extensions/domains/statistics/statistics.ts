// 统计研判: the figures of a unit (the caller's or one below it) for a span, each in
// all and for each child office, with the span before (环比) and the same months a
// year earlier (同比); and the records behind a figure (drill-down). Rows are read
// under the unit's path only, so nothing of another jurisdiction reaches a figure,
// not even a total.

import { createError, InvalidPayloadError } from '@directus/errors';
import type { Knex } from 'knex';
import type { Actor } from '../../kernel/actor.ts';
import { loadCalendar } from '../../kernel/calendar.ts';
import { instant, jsonValue } from '../../kernel/db-values.ts';
import { percentile } from '../../kernel/percentile.ts';
import { OFFICE_KIND } from '../../kernel/unit-path.ts';
import { attribution, EVIDENCE_LIMIT } from '../assessment/measure.ts';
import type { MetricScope } from '../assessment/metrics.ts';
import type { Period } from '../assessment/period.ts';
import { type Figure, type FigureKey, FIGURES, figureOf } from './figures.ts';
import { before, changeOf, lastMonths, monthsOf, parseSpan, type Span, yearEarlier } from './span.ts';

export const StatisticsForbidden = createError<{ reason: string }>('STATISTICS_FORBIDDEN', (e) => e.reason, 403);
const refuse = (reason: string) => new InvalidPayloadError({ reason });

interface Unit {
  id: number;
  path: string;
  name: string;
}

/** One figure for one unit: a count, or a rate's hits of its rows; and the breakdowns. */
export interface Tally {
  value: number;
  of?: number;
  /** A rate in percent, rounded to 0.1 (null when nothing was counted). */
  rate?: number | null;
  /** A duration's median and 90th percentile in hours, to 0.1 (null when nothing was counted). */
  median?: number | null;
  p90?: number | null;
  groups?: Record<string, Record<string, number>>;
}

type Row = { id?: unknown; path: unknown; hit?: unknown; n?: unknown; hits?: unknown } & Record<string, unknown>;

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Folds a figure's rows into the unit's whole and each child's (a row at the unit itself counts in the whole only). */
export function tallyFigure(
  figure: Pick<Figure, 'kind' | 'by'>,
  children: Unit[],
  rows: Row[],
): { total: Tally; children: Map<number, Tally> } {
  const hours = new Map<Tally, number[]>();
  const fresh = (): Tally => ({
    value: 0,
    ...(figure.kind === 'rate' ? { of: 0 } : {}),
    ...(figure.by ? { groups: Object.fromEntries(Object.keys(figure.by).map((g) => [g, {}])) } : {}),
  });
  const total = fresh();
  const out = new Map(children.map((c) => [c.id, fresh()]));
  const of = attribution(children);
  const add = (t: Tally, row: Row) => {
    if (figure.kind === 'duration') {
      const from = instant(row.started);
      const to = instant(row.ended);
      if (from && to) hours.set(t, [...(hours.get(t) ?? []), (to.getTime() - from.getTime()) / 3_600_000]);
    }
    // A row, or a group of rows counted in SQL (`n` rows, `hits` of them hits).
    const n = row.n === undefined ? 1 : Number(row.n);
    const hits = row.n === undefined ? (Number(row.hit) === 1 ? 1 : 0) : Number(row.hits ?? 0);
    if (figure.kind === 'rate') t.of! += n;
    t.value += figure.kind === 'rate' ? hits : n;
    for (const g of Object.keys(figure.by ?? {})) {
      const key = row[g] === null || row[g] === undefined ? '' : String(row[g]);
      t.groups![g]![key] = (t.groups![g]![key] ?? 0) + n;
    }
  };
  for (const row of rows) {
    add(total, row);
    const child = of(String(row.path));
    if (child) add(out.get(child.id)!, row);
  }
  const finish = (t: Tally) => {
    if (figure.kind === 'rate') Object.assign(t, { rate: t.of ? round1((100 * t.value) / t.of) : null });
    if (figure.kind === 'duration') {
      const sorted = (hours.get(t) ?? []).sort((a, b) => a - b);
      Object.assign(
        t,
        sorted.length ? { median: round1(percentile(sorted, 50)), p90: round1(percentile(sorted, 90)) } : { median: null, p90: null },
      );
    }
    return t;
  };
  finish(total);
  for (const t of out.values()) finish(t);
  return { total, children: out };
}

/** The comparable number of a tally: a count, a rate in percent, a duration's median. */
export const numberOf = (t: Tally | null) =>
  t === null ? null : t.of !== undefined ? (t.rate ?? null) : t.median !== undefined ? t.median : t.value;

/** A change: a count's in percent, a rate's in points. */
function change(kind: Figure['kind'], now: Tally, then: Tally | null): number | null {
  const a = numberOf(now);
  const b = numberOf(then);
  if (a === null || b === null) return null;
  return kind === 'rate' ? round1(a - b) : changeOf(a, b);
}

/**
 * A count or rate figure's rows counted in SQL: per unit path and breakdown, or — for a span
 * that is only compared with (环比, 同比) — in all, one row. The endpoint and bench:analysis
 * count with it.
 */
export function countQuery(db: Knex, figure: Figure, scope: MetricScope, inAll = false): Knex.QueryBuilder {
  if (figure.counts && !figure.by) return figure.counts(scope);
  const hits = (q: Knex.QueryBuilder) =>
    figure.kind === 'rate' ? q.select(db.raw('sum(case when hit = 1 then 1 else 0 end) as hits')) : q;
  if (inAll) return db.from(figure.rows(scope).as('t')).count({ n: '*' }).modify(hits);
  const by = Object.keys(figure.by ?? {});
  return db
    .from(figure.rows(scope).as('t'))
    .select('path', ...by)
    .count({ n: '*' })
    .modify(hits)
    .groupBy('path', ...by);
}

/** The span as the metrics read a period (their queries use its days and instants). */
const asPeriod = (span: Span): Period => ({
  type: 'month',
  key: span.key,
  first: span.first,
  last: span.last,
  start: span.start,
  end: span.end,
  label: span.key,
});

export function statisticsService(db: Knex) {
  const client = String(db.client.config.client);

  /** The unit asked for: the caller's own, or one below it; nothing beside or above. */
  async function unitAsked(actor: Actor, unit: unknown): Promise<Unit> {
    if (unit === undefined || unit === null || unit === '') return { id: actor.unit.id, path: actor.unit.path, name: actor.unit.name };
    const id = Number(unit);
    if (!Number.isSafeInteger(id) || id < 1) throw refuse('单位编号无效');
    const row = (await db('units').where({ id }).first('id', 'path', 'name')) as Unit | undefined;
    if (!row?.path.startsWith(actor.unit.path)) throw new StatisticsForbidden({ reason: '只能查看本单位及下级单位的统计' });
    return row;
  }

  function spanAsked(key: unknown, now: Date): Span {
    const local = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);
    const span = parseSpan(key ?? local);
    if (!span) throw refuse('统计周期格式应为 2026-11（月）、2026-Q4（季）、2026-H2（半年）、2026（年）或 2026-09..2026-11（起止月份）');
    if (span.start > now) throw refuse('统计周期尚未开始');
    return span;
  }

  const scopeOf = (unit: Unit, span: Span, now: Date, calendar: MetricScope['calendar']): MetricScope => ({
    db,
    client,
    period: asPeriod(span),
    under: unit.path,
    cutoff: span.end < now ? span.end : now,
    calendar,
  });

  /** The figure's rows, each record (for the records behind it, and for durations). */
  async function read(figure: Figure, unit: Unit, span: Span, now: Date, calendar: MetricScope['calendar']) {
    return (await figure.rows(scopeOf(unit, span, now, calendar))) as Row[];
  }

  /**
   * The figure's rows counted in SQL per unit path and breakdown, or in all (a duration's: each
   * row, for its percentiles): what the figures, the trend and the map need, without sending
   * every record over.
   */
  async function counted(figure: Figure, unit: Unit, span: Span, now: Date, calendar: MetricScope['calendar'], inAll = false) {
    if (figure.kind === 'duration') return read(figure, unit, span, now, calendar);
    return (await countQuery(db, figure, scopeOf(unit, span, now, calendar), inAll)) as Row[];
  }

  /** GET /statistics: every figure (or those named) of the unit for the span, in all and per child office, with 环比 and 同比. */
  async function figures(actor: Actor, query: { unit?: unknown; span?: unknown; figures?: unknown }, now: Date) {
    const unit = await unitAsked(actor, query.unit);
    const span = spanAsked(query.span, now);
    const named = typeof query.figures === 'string' && query.figures ? query.figures.split(',') : Object.keys(FIGURES);
    const unknown = named.filter((k) => !figureOf(k));
    if (unknown.length) throw refuse(`没有这些统计项：${unknown.join('、')}`);
    return figuresOf(unit, span, named as FigureKey[], now);
  }

  /** The figures named of a unit for a span (its jurisdiction is the caller's to check): GET /statistics, the analysis report. */
  async function figuresOf(unit: Unit, span: Span, named: readonly FigureKey[], now: Date) {
    const children = (await db('units')
      .where({ parent: unit.id, kind: OFFICE_KIND })
      .orderBy('path')
      .select('id', 'path', 'name')) as Unit[];
    const calendar = await loadCalendar(db);
    const earlier = { before: before(span), year_earlier: yearEarlier(span) };
    const out = [];
    // Every figure's spans asked at once: the database works on them side by side.
    const tallies = await Promise.all(
      named.map(async (key) => {
        const figure: Figure = FIGURES[key];
        // A register counts what is there now: it has no earlier spans to compare with.
        const [current, before, yearBefore] = await Promise.all([
          counted(figure, unit, span, now, calendar).then((rows) => tallyFigure(figure, children, rows)),
          // The spans compared with are counted in all: only their number is shown.
          figure.state
            ? null
            : counted(figure, unit, earlier.before, now, calendar, true).then((rows) => tallyFigure(figure, [], rows).total),
          figure.state
            ? null
            : counted(figure, unit, earlier.year_earlier, now, calendar, true).then((rows) => tallyFigure(figure, [], rows).total),
        ]);
        return { key, figure, current, past: { before, year_earlier: yearBefore } };
      }),
    );
    for (const { key, figure, current, past } of tallies) {
      out.push({
        key,
        label: figure.label,
        kind: figure.kind,
        evidence: figure.evidence,
        ...(figure.by ? { by: figure.by } : {}),
        total: current.total,
        before: numberOf(past.before),
        year_earlier: numberOf(past.year_earlier),
        change_before: change(figure.kind, current.total, past.before),
        change_year: change(figure.kind, current.total, past.year_earlier),
        children: children.map((c) => ({ unit: c.id, name: c.name, ...current.children.get(c.id)! })),
      });
    }
    return {
      unit,
      span: span.key,
      before: earlier.before.key,
      year_earlier: earlier.year_earlier.key,
      figures: out,
    };
  }

  /**
   * GET /statistics/records: the records behind a figure of a unit and span — of one group's
   * value, and of a rate its hits (`hit=1`) or misses (`hit=0`) — the first EVIDENCE_LIMIT ids.
   */
  async function records(
    actor: Actor,
    query: { unit?: unknown; span?: unknown; figure?: unknown; group?: unknown; value?: unknown; hit?: unknown },
    now: Date,
  ) {
    const figure = figureOf(query.figure);
    if (!figure) throw refuse('请指定统计项（figure）');
    const unit = await unitAsked(actor, query.unit);
    const span = spanAsked(query.span, now);
    if (query.group !== undefined && !Object.hasOwn(figure.by ?? {}, String(query.group))) throw refuse('该统计项没有这个分组');
    if (query.hit !== undefined && (figure.kind !== 'rate' || !['0', '1'].includes(String(query.hit))))
      throw refuse('hit 只用于比率，应为 0 或 1');
    const rows = await read(figure, unit, span, now, await loadCalendar(db));
    const chosen = rows.filter(
      (r) =>
        (query.group === undefined || String(r[String(query.group)] ?? '') === String(query.value ?? '')) &&
        (query.hit === undefined || Number(r.hit) === Number(query.hit)),
    );
    const ids = [...new Set(chosen.map((r) => Number(r.id)))].sort((a, b) => a - b);
    return { collection: figure.evidence, ids: ids.slice(0, EVIDENCE_LIMIT), more: Math.max(ids.length - EVIDENCE_LIMIT, 0) };
  }

  /**
   * GET /statistics/trend: one figure of the unit month by month, for the last `months` months up to
   * this one (12 by default, at most 24), in all and per child office — the leaders' trend charts.
   */
  async function trend(actor: Actor, query: { unit?: unknown; figure?: unknown; months?: unknown }, now: Date) {
    const figure = figureOf(query.figure);
    if (!figure) throw refuse('请指定统计项（figure）');
    const count = query.months === undefined ? 12 : Number(query.months);
    if (!Number.isInteger(count) || count < 2 || count > 24) throw refuse('月数应为2到24之间的整数');
    const unit = await unitAsked(actor, query.unit);
    const children = (await db('units')
      .where({ parent: unit.id, kind: OFFICE_KIND })
      .orderBy('path')
      .select('id', 'path', 'name')) as Unit[];
    const calendar = await loadCalendar(db);
    const points = await Promise.all(
      monthsOf(lastMonths(now, count)).map(async (month) => {
        const tally = tallyFigure(figure, children, await counted(figure, unit, month, now, calendar));
        return { span: month.key, value: numberOf(tally.total), children: children.map((c) => numberOf(tally.children.get(c.id)!)) };
      }),
    );
    return { unit, label: figure.label, kind: figure.kind, children: children.map((c) => ({ unit: c.id, name: c.name })), points };
  }

  /**
   * GET /statistics/density: one figure of the span for every office of a level under the
   * caller's unit (the grids by default) — the map's shading; with each unit's centre and boundary.
   */
  async function density(actor: Actor, query: { figure?: unknown; span?: unknown; level?: unknown }, now: Date) {
    const figure = figureOf(query.figure ?? 'matters');
    if (!figure || figure.kind === 'duration') throw refuse('请指定数量或比率的统计项（figure）');
    const level = query.level ?? 'grid';
    if (!['street', 'community', 'grid'].includes(String(level))) throw refuse('层级应为 street、community 或 grid');
    const span = spanAsked(query.span, now);
    const unit: Unit = { id: actor.unit.id, path: actor.unit.path, name: actor.unit.name };
    const units = (await db('units')
      .where('path', 'like', `${unit.path}%`)
      .where({ level: String(level), kind: OFFICE_KIND })
      .orderBy('path')
      .select('id', 'path', 'name', 'centre_lat', 'centre_lng', 'boundary')) as (Unit & {
      centre_lat: unknown;
      centre_lng: unknown;
      boundary: unknown;
    })[];
    const rows = await counted(figure, unit, span, now, await loadCalendar(db));
    const tallied = tallyFigure(figure, units, rows).children;
    const coordinate = (x: unknown) => (x === null || x === undefined || x === '' ? null : Number(x));
    return {
      span: span.key,
      label: figure.label,
      kind: figure.kind,
      units: units.map((u) => ({
        unit: u.id,
        name: u.name,
        value: numberOf(tallied.get(u.id)!),
        centre: coordinate(u.centre_lng) === null ? null : [coordinate(u.centre_lng), coordinate(u.centre_lat)],
        boundary: jsonValue(u.boundary),
      })),
    };
  }

  return { figures, figuresOf, records, trend, density };
}
