// Scoring a period (考评计算): the rubric's units measured with each metric once,
// every item scored, and the run stored frozen — the rubric as it was, the data
// cut-off, each unit's points per item with the measure and the evidence ids —
// so that later edits of the records do not move it. A computed run is scored
// again on request; a published one is not (it must be reopened first).

import { createError, InvalidPayloadError } from '@directus/errors';
import type { Knex } from 'knex';
import type { Actor } from '../../kernel/actor.ts';
import { loadCalendar } from '../../kernel/calendar.ts';
import { instant, jsonValue } from '../../kernel/db-values.ts';
import { OFFICE_KIND } from '../../kernel/unit-path.ts';
import { takeWriteLock } from '../../kernel/write-lock.ts';
import { parseFormula } from './formula.ts';
import { type Assessed, attribution, measure, type Measured } from './measure.ts';
import { deadlinesPassed, metricOf } from './metrics.ts';
import { localDay, type Period, parsePeriod, PERIOD_TYPES, periodOf, previous } from './period.ts';
import { type ItemRow, type ItemScore, itemOf, itemProblems, rank, type SectionRow, totals, trends } from './rubric.ts';
import { adjust, rateOf, scoreItem } from './scoring.ts';
import { parseStep, RUN_STEPS, refusal, type RunState, type Step } from './workflow.ts';

/** A run that is final for its period: gone on to review and beyond, or cut off at the period's end. */
export function holdsWholePeriod(run: { period: string; status: string; cutoff_at: unknown }): boolean {
  const end = parsePeriod(run.period)?.end.getTime();
  const cutoff = instant(run.cutoff_at)?.getTime();
  return run.status !== 'computed' || (end !== undefined && cutoff !== undefined && cutoff >= end);
}

export const AssessmentForbidden = createError<{ reason: string }>('ASSESSMENT_FORBIDDEN', (e) => e.reason, 403);
export const AssessmentConflict = createError<{ reason: string }>('ASSESSMENT_CONFLICT', (e) => e.reason, 409);
export const refuse = (reason: string) => new InvalidPayloadError({ reason });
const PUBLISHED = '该期考评已发布，须先撤回发布才能重新计算';
/** How often the period under way is scored whole again anyway (a safety net for a change no mark or deadline caught). */
export const WHOLE_EVERY = 10 * 60_000;
/** How many periods the table's trend shows, this one included (近六期). */
export const TREND_PERIODS = 6;

/** What a grid worker is shown as still missing this month: counts of things to make good. */
export const SHORTFALL_METRICS = ['daily_checks_missed', 'late_feedback', 'late_receipts', 'assistance_groups_missing'] as const;

export interface RubricRow {
  id: number;
  unit: number;
  unit_path: string;
  title: string;
  assessed_level: 'street' | 'community';
  period_type: keyof typeof PERIOD_TYPES;
  version: number;
  status: string;
}

export interface Rubric {
  rubric: RubricRow;
  sections: SectionRow[];
  items: ItemRow[];
}

export interface UnitResult {
  unit: Assessed;
  scores: (ItemScore & {
    code: string | null;
    measure: (Omit<Measured, 'evidence' | 'more'> & { inputs?: Record<string, number> }) | null;
    evidence: Evidence | null;
  })[];
}

export interface Evidence {
  collection: string;
  ids: number[];
  more: number;
  /** What no record stands for (a `missing` metric). */
  missing?: string[];
}

/** A score as the caller's permissions let it be read (GET …/scorecard). */
export interface ReadScore {
  id: number;
  item: number;
  points: number | string;
  full: number | string;
  deducted: number | string;
  reason: string;
  pending: boolean | number;
  measure: unknown;
  evidence: unknown;
  unit: { name: string; path: string };
}

/** What was said and done about a score (自评说明、申诉、评分调整). */
export interface ScoreNote {
  score: number;
  step: string;
  reason: string | null;
  at: string;
}

/**
 * One unit's scorecard: the rubric as the run used it, section by section, each item
 * with the unit's score (as read), its notes, and each section's and the whole total.
 */
export function scorecardOf(
  run: { period: string; status: string; rubric: Rubric },
  unit: number,
  scores: ReadScore[],
  notes: ScoreNote[],
  side: 'assessing' | 'assessed' | null,
) {
  const byItem = new Map(scores.map((s) => [s.item, s]));
  const { rubric, sections, items } = run.rubric;
  const sum = totals(
    scores.map((s) => ({
      item: s.item,
      section: items.find((i) => i.id === s.item)?.section ?? 0,
      points: Number(s.points),
      full: Number(s.full),
      deducted: Number(s.deducted),
      reason: s.reason,
    })),
    sections,
  );
  return {
    period: run.period,
    status: run.status,
    side,
    unit: { id: unit, name: scores[0]?.unit.name },
    rubric: { id: rubric.id, title: rubric.title, version: rubric.version },
    total: sum.total,
    sections: sections.map((section, k) => ({
      id: section.id,
      code: section.code,
      name: section.name,
      points: Number(section.points),
      scored: sum.sections[k]!.points,
      items: items
        .filter((i) => i.section === section.id)
        .map((i) => {
          const s = byItem.get(i.id);
          return {
            id: i.id,
            score: s?.id ?? null,
            notes: s ? notes.filter((c) => c.score === s.id) : [],
            code: i.code,
            name: i.name,
            full: Number(i.full),
            points: s ? Number(s.points) : null,
            deducted: s ? Number(s.deducted) : null,
            reason: s?.reason ?? null,
            pending: Boolean(s?.pending),
            measure: s?.measure ?? null,
            evidence: s?.evidence ?? null,
          };
        }),
    })),
  };
}

/** The metrics an item reads: a computed item's own, every one its formula names. */
function inputsOf(row: ItemRow): string[] {
  if (row.rule_kind === 'formula') {
    const formula = parseFormula(row.formula, (name) => metricOf(name) !== null);
    return formula.ok ? formula.inputs : [];
  }
  return row.rule_kind === 'manual' || !row.metric ? [] : [row.metric];
}

/** The metrics a rubric reads, as the run keeps them: what each counted, of which records. */
function definitions(r: Rubric) {
  return Object.fromEntries(
    [...new Set(r.items.flatMap(inputsOf))].map((key) => {
      const m = metricOf(key)!;
      return [key, { label: m.label, kind: m.kind, evidence: m.evidence }];
    }),
  );
}

/** The rubric a run was scored with is the rubric as it stands (the metrics' words aside). */
function sameRubric(snapshot: Rubric | null, r: Rubric): boolean {
  return (
    Boolean(snapshot) &&
    JSON.stringify([snapshot!.rubric, snapshot!.sections, snapshot!.items]) === JSON.stringify([r.rubric, r.sections, r.items])
  );
}

export function assessmentService(db: Knex) {
  const client = String(db.client.config.client);

  async function loadRubric(id: number, trx: Knex = db): Promise<Rubric> {
    const rubric = (await trx('assessment_rubrics').where({ id }).first()) as RubricRow | undefined;
    if (!rubric) throw refuse('考评细则不存在');
    const sections = (await trx('assessment_sections').where({ rubric: id }).orderBy(['sort', 'id'])) as SectionRow[];
    const items = (await trx('assessment_items')
      .whereIn(
        'section',
        sections.map((s) => s.id),
      )
      .orderBy(['sort', 'id'])) as ItemRow[];
    return { rubric, sections, items };
  }

  /** The offices the rubric assesses: those of its level under the assessing unit. */
  async function assessedUnits(rubric: RubricRow, trx: Knex = db): Promise<Assessed[]> {
    return trx('units')
      .where('path', 'like', `${rubric.unit_path}%`)
      .where({ level: rubric.assessed_level, kind: OFFICE_KIND })
      .orderBy('path')
      .select('id', 'path', 'name');
  }

  /** Every assessed unit scored on every item for the period, with data up to the cut-off. */
  async function compute(r: Rubric, period: Period, cutoff: Date, only?: number[], trx: Knex = db): Promise<UnitResult[]> {
    const problems = r.items.flatMap((row) => itemProblems(row).map((p) => `${row.code ?? ''} ${row.name}：${p}`));
    if (problems.length) throw refuse(`考评细则有误，不能计算：${problems.join('；')}`);
    const units = (await assessedUnits(r.rubric, trx)).filter((u) => !only || only.includes(u.id));
    const metricKeys = [...new Set(r.items.flatMap(inputsOf))];
    // One unit re-scored reads its own part of the tree only.
    const under = units.length === 1 ? units[0]!.path : r.rubric.unit_path;
    const scope = { db: trx, client, period, under, cutoff, calendar: await loadCalendar(trx) };
    const measured = new Map<string, Map<number, Measured>>();
    for (const key of metricKeys) measured.set(key, await measure(metricOf(key)!, scope, units));
    return units.map((unit) => ({
      unit,
      scores: r.items.map((row) => {
        const item = itemOf(row);
        const of = { item: row.id, section: row.section, code: row.code, full: item.full };
        if (row.rule_kind === 'formula') {
          // A rate reads as its percentage, 100 where there was nothing to count.
          const inputs = Object.fromEntries(
            inputsOf(row).map((key) => {
              const m = measured.get(key)!.get(unit.id)!;
              return [key, m.of === undefined ? m.value : (rateOf(m) ?? 100)];
            }),
          );
          const score = scoreItem(item, { value: 0, inputs });
          return { ...score, ...of, measure: { value: score.points, inputs }, evidence: null };
        }
        const metric = row.rule_kind === 'manual' ? null : metricOf(row.metric)!;
        const m = metric ? measured.get(row.metric!)!.get(unit.id)! : null;
        return {
          ...scoreItem(item, m && { value: m.value, of: m.of }),
          ...of,
          measure: m && { value: m.value, ...(m.of !== undefined ? { of: m.of } : {}) },
          evidence:
            m && metric
              ? { collection: metric.evidence, ids: m.evidence, more: m.more, ...(m.missing ? { missing: m.missing } : {}) }
              : null,
        };
      }),
    }));
  }

  /**
   * 考评计算 by the assessing office: scores the period for every unit the rubric
   * assesses and stores the run (again, while it is only computed).
   */
  async function run(actor: Actor, body: unknown, now: Date) {
    const { rubric: rubricId, period: periodKey } = (body ?? {}) as { rubric?: unknown; period?: unknown };
    if (!Number.isSafeInteger(rubricId) || (rubricId as number) < 1) throw refuse('请指定考评细则（rubric）');
    const period = parsePeriod(periodKey);
    if (!period) throw refuse('考评期格式应为 2026-11（月）、2026-H2（半年）或 2026（年）');
    if (actor.readOnly) throw new AssessmentForbidden({ reason: '领导账号只能查阅，不能计算考评' });
    const r = await loadRubric(rubricId as number);
    if (actor.unit.path !== r.rubric.unit_path) throw new AssessmentForbidden({ reason: '只有制定该细则的综治办可以计算考评' });
    if (r.rubric.status !== 'active') throw new AssessmentConflict({ reason: '细则尚未启用或已停用，不能计算考评' });
    if (period.type !== r.rubric.period_type)
      throw refuse(`该细则按${PERIOD_TYPES[r.rubric.period_type]}考评，考评期应为${PERIOD_TYPES[r.rubric.period_type]}`);
    if (period.start > now) throw refuse('考评期尚未开始');
    const stored = await store(r, period, now, actor.user);
    // Answered as GET /assessment/runs/:id reads it (rank, change from the period before, trend).
    return { ...stored, units: (await table(stored.id)).units };
  }

  /** The last change mark written: a scoring that starts now has seen every change up to it. */
  async function lastMark(): Promise<number> {
    return Number((await db('assessment_marks').max({ id: 'id' }).first())?.id ?? 0);
  }

  /**
   * Scores the period with the data up to its end (or now, while it runs) and stores the run,
   * replacing one still only computed; a published run stays as it is (409). With `part`,
   * only those units are scored again (their scores replaced, the others' kept).
   */
  async function store(r: Rubric, period: Period, now: Date, by: string | null, part?: { units: number[]; markedTo: number }) {
    const cutoff = period.end < now ? period.end : now;
    const before = (await db('assessment_runs').where({ rubric: r.rubric.id, period: period.key }).first('status'))?.status;
    if (before && before !== 'computed') throw new AssessmentConflict({ reason: PUBLISHED });
    const markedTo = part?.markedTo ?? (await lastMark());
    const results = await compute(r, period, cutoff, part?.units);
    return db.transaction(async (trx) => {
      await takeWriteLock(trx, 'assessment_runs');
      const existing = await trx('assessment_runs').where({ rubric: r.rubric.id, period: period.key }).first('id', 'status');
      if (existing && existing.status !== 'computed') throw new AssessmentConflict({ reason: PUBLISHED });
      const row = part
        ? { cutoff_at: cutoff, marked_to: markedTo }
        : {
            rubric: r.rubric.id,
            unit: r.rubric.unit,
            unit_path: r.rubric.unit_path,
            period: period.key,
            status: 'computed',
            cutoff_at: cutoff,
            rubric_snapshot: JSON.stringify({ ...r, metrics: definitions(r) }),
            started_by: by,
            computed_at: now,
            marked_to: markedTo,
          };
      let id: number;
      if (existing) {
        id = existing.id;
        // The assessing level's adjustments (manual items above all) stand on the new figures.
        const adjusted = await trx('assessment_changes as c')
          .join('assessment_scores as s', 's.id', 'c.score')
          .where({ 'c.run': id, 'c.step': 'adjust' })
          .orderBy('c.id')
          .select('s.unit', 's.item', 'c.after', 'c.reason');
        const last = new Map(
          adjusted.map((a) => [
            `${a.unit}-${a.item}`,
            { points: jsonValue<{ points: number }>(a.after)!.points, reason: a.reason as string },
          ]),
        );
        for (const u of results)
          u.scores = u.scores.map((s) => {
            const a = last.get(`${u.unit.id}-${s.item}`);
            return a ? { ...s, ...adjust(s, { full: s.full }, a.points, a.reason), pending: false } : s;
          });
        await trx('assessment_scores')
          .where({ run: id })
          .modify((q) => (part ? q.whereIn('unit', part.units) : q))
          .del();
        await trx('assessment_runs').where({ id }).update(row);
      } else {
        if (part) throw new AssessmentConflict({ reason: '当期考评尚未整体计算' });
        const [inserted] = await trx('assessment_runs').insert(row, ['id']);
        id = typeof inserted === 'object' ? inserted.id : inserted;
      }
      const scores = results.flatMap((u) =>
        u.scores.map((s) => ({
          run: id,
          unit: u.unit.id,
          unit_path: u.unit.path,
          item: s.item,
          item_code: s.code,
          full: s.full,
          points: s.points,
          deducted: s.deducted,
          reason: s.reason,
          pending: Boolean(s.pending),
          measure: s.measure && JSON.stringify(s.measure),
          evidence: s.evidence && JSON.stringify(s.evidence),
        })),
      );
      for (let i = 0; i < scores.length; i += 500) await trx('assessment_scores').insert(scores.slice(i, i + 500));
      return { id, period: period.key, cutoff_at: cutoff, units: unitTable(results, r.sections) };
    });
  }

  /** The assessing level's table: each unit's total and sections, ranked. */
  function unitTable(results: UnitResult[], sections: SectionRow[]) {
    return rank(results.map((u) => ({ unit: u.unit.id, name: u.unit.name, ...totals(u.scores, sections) })));
  }

  /** A stored run as its table (from the scores as stored: later data does not move it). */
  async function table(runId: number) {
    const run = await db('assessment_runs').where({ id: runId }).first();
    if (!run) throw refuse('考评结果不存在');
    const snapshot = jsonValue<Rubric>(run.rubric_snapshot)!;
    const rows = await db('assessment_scores as s')
      .join('units as u', 'u.id', 's.unit')
      .where('s.run', runId)
      .select('s.unit', 'u.name', 'u.path', 's.item', 's.points', 's.full', 's.deducted', 's.pending', 's.reason');
    const sectionOf = new Map(snapshot.items.map((i) => [i.id, i.section]));
    const byUnit = new Map<number, UnitResult>();
    for (const r of rows) {
      const entry: UnitResult = byUnit.get(r.unit) ?? { unit: { id: r.unit, name: r.name, path: r.path }, scores: [] };
      entry.scores.push({
        item: r.item,
        section: sectionOf.get(r.item)!,
        points: Number(r.points),
        full: Number(r.full),
        deducted: Number(r.deducted),
        reason: r.reason,
        pending: Boolean(r.pending),
        code: null,
        measure: null,
        evidence: null,
      });
      byUnit.set(r.unit, entry);
    }
    const ordered = [...byUnit.values()].sort((a, b) => a.unit.path.localeCompare(b.unit.path));
    const ranked = unitTable(ordered, snapshot.sections);
    // The five periods before, oldest first: the same assessing office's runs of the same kind of rubric.
    const earlier = previous(parsePeriod(run.period)!, TREND_PERIODS - 1)
      .reverse()
      .map((p) => p.key);
    const past = await db('assessment_runs as r')
      .join('assessment_scores as s', 's.run', 'r.id')
      .where('r.unit', run.unit)
      .whereIn('r.period', earlier)
      .whereIn(
        'r.rubric',
        db('assessment_rubrics')
          .where({ unit: run.unit, period_type: snapshot.rubric.period_type, assessed_level: snapshot.rubric.assessed_level })
          .select('id'),
      )
      .groupBy('r.id', 'r.period', 's.unit')
      .select('r.id as run', 'r.period', 's.unit', db.raw('sum(s.points) as total'));
    const trend = trends(
      ranked,
      past.map((p) => ({ run: Number(p.run), period: String(p.period), unit: Number(p.unit), total: Number(p.total) })),
      earlier,
    );
    return {
      id: run.id,
      period: run.period,
      status: run.status,
      cutoff_at: instant(run.cutoff_at),
      sections: snapshot.sections.map((s) => ({ id: s.id, code: s.code, name: s.name, points: Number(s.points) })),
      periods: [...earlier, run.period],
      units: ranked.map((u) => ({ ...u, ...trend.get(u.unit)! })),
    };
  }

  /**
   * A step of the run's course (workflow.ts): by the assessing office on the run or a
   * score, by a unit assessed on one of its own scores; each recorded in
   * assessment_changes with who, why, and the score before and after.
   */
  async function step(actor: Actor, runId: number, stepName: unknown, body: unknown, now: Date) {
    const parsed = parseStep(stepName, body);
    if (!parsed.ok) throw refuse(parsed.problems.join('；'));
    const { request } = parsed;
    const rule: Step = RUN_STEPS[request.step];
    if (actor.readOnly) throw new AssessmentForbidden({ reason: '领导账号只能查阅，不能办理考评' });
    return db.transaction(async (trx) => {
      await takeWriteLock(trx, 'assessment_runs');
      const run = await trx('assessment_runs')
        .where({ id: runId })
        .modify((q) => (client === 'pg' ? q.forUpdate() : q))
        .first('id', 'status', 'unit', 'unit_path');
      if (!run) throw refuse('考评结果不存在');
      const scoreId = (body as { score?: unknown } | null)?.score;
      let score: Record<string, any> | undefined;
      if (rule.onScore) {
        if (!Number.isSafeInteger(scoreId)) throw refuse('请指定考评得分（score）');
        score = await trx('assessment_scores')
          .where({ id: scoreId as number, run: runId })
          .first();
        if (!score) throw refuse('该考评结果中没有这项得分');
      }
      const side = actor.unit.path === run.unit_path ? 'assessing' : score && score.unit_path === actor.unit.path ? 'assessed' : null;
      if (!side) throw new AssessmentForbidden({ reason: '只有考评单位和被考评单位可以办理' });
      const refused = refusal(request.step, run.status as RunState, side);
      if (refused) throw refused.status === 403 ? new AssessmentForbidden(refused) : new AssessmentConflict(refused);
      let after: Record<string, unknown> | null = null;
      if (request.step === 'adjust') {
        const before = {
          points: Number(score!.points),
          deducted: Number(score!.deducted),
          reason: score!.reason,
          pending: Boolean(score!.pending),
        };
        let adjusted: ReturnType<typeof adjust>;
        try {
          adjusted = adjust(before, { full: Number(score!.full) }, request.points, request.reason);
        } catch (error) {
          throw refuse((error as Error).message);
        }
        after = { points: adjusted.points, deducted: adjusted.deducted, reason: adjusted.reason, pending: false };
        await trx('assessment_scores').where({ id: score!.id }).update(after);
      }
      if (request.step === 'publish') {
        const pending = Number((await trx('assessment_scores').where({ run: runId, pending: true }).count({ n: '*' }))[0]!.n);
        if (pending) throw new AssessmentConflict({ reason: `尚有${pending}项待评分，评分完成后才能发布` });
      }
      if (rule.to) await trx('assessment_runs').where({ id: runId }).update({ status: rule.to });
      await trx('assessment_changes').insert({
        run: runId,
        score: score?.id ?? null,
        unit: score?.unit ?? run.unit,
        unit_path: score?.unit_path ?? run.unit_path,
        step: request.step,
        reason: request.reason,
        before: score ? JSON.stringify({ points: Number(score.points), reason: score.reason }) : JSON.stringify({ status: run.status }),
        after: JSON.stringify(after ?? (rule.to ? { status: rule.to } : {})),
        by: actor.user,
        at: now,
      });
      return { run: runId, status: rule.to ?? run.status, ...(after ? { score: { id: score!.id, ...after } } : {}) };
    });
  }

  /**
   * The scheduled run of a period that closed (on the 1st, or at start for one missed):
   * made once, by the system; a run already there (made by hand, or published) is left.
   */
  async function scheduled(rubricId: number, periodKey: string, now: Date): Promise<'sent' | 'stale' | 'duplicate'> {
    const period = parsePeriod(periodKey);
    const r = await loadRubric(rubricId).catch(() => null);
    if (!period || !r || r.rubric.status !== 'active' || r.rubric.period_type !== period.type) return 'stale';
    const existing = await db('assessment_runs').where({ rubric: rubricId, period: period.key }).first('period', 'status', 'cutoff_at');
    // A live run of the period (cut off before its end) is scored once more with all of it.
    if (existing && holdsWholePeriod(existing)) return 'duplicate';
    await store(r, period, now, null);
    return 'sent';
  }

  /**
   * The live score of the period under way (当期实时得分), while its run is only computed (a
   * run in self-assessment or review is left alone): the units under a change marked since
   * the last scoring, and under a deadline that passed since (metrics.ts deadlinesPassed), are
   * scored again; the whole rubric when the run is new, the rubric has changed, the day has
   * turned (a day ending without its 每日必办), or WHOLE_EVERY has passed.
   */
  async function live(rubricId: number, now: Date): Promise<'sent' | 'stale' | 'duplicate'> {
    const r = await loadRubric(rubricId).catch(() => null);
    if (r?.rubric.status !== 'active') return 'stale';
    const period = periodOf(r.rubric.period_type, now);
    const run = await db('assessment_runs')
      .where({ rubric: rubricId, period: period.key })
      .first('id', 'status', 'computed_at', 'cutoff_at', 'marked_to', 'rubric_snapshot');
    if (run && run.status !== 'computed') return 'stale';
    const scored = instant(run?.computed_at);
    const whole =
      !run ||
      !scored ||
      now.getTime() - scored.getTime() >= WHOLE_EVERY ||
      localDay(scored) !== localDay(now) ||
      !sameRubric(jsonValue<Rubric>(run.rubric_snapshot), r);
    if (whole) await store(r, period, now, null);
    else {
      // What changed since: the records marked, and the deadlines that passed with no record changing.
      const marks = await db('assessment_marks')
        .where('id', '>', Number(run.marked_to ?? 0))
        .select('id', 'path', 'unit');
      const passed = await deadlinesPassed(db, instant(run.cutoff_at) ?? scored, now);
      const markedTo = Math.max(Number(run.marked_to ?? 0), ...marks.map((m) => Number(m.id)));
      const ids = [...marks.filter((m) => m.unit != null).map((m) => Number(m.unit)), ...passed.units];
      const paths = [
        ...marks.filter((m) => m.path != null).map((m) => String(m.path)),
        ...passed.paths,
        ...(ids.length
          ? await db('units')
              .whereIn('id', [...new Set(ids)])
              .pluck('path')
          : []),
      ];
      const of = attribution(await assessedUnits(r.rubric));
      const units = [...new Set(paths.map((p) => of(p)?.id).filter((id): id is number => id !== undefined))];
      if (units.length) await store(r, period, now, null, { units, markedTo });
      // Nothing moved: the scores stand as of now.
      else await db('assessment_runs').where({ id: run.id }).update({ marked_to: markedTo, cutoff_at: now });
    }
    await forgetMarks(now);
    return 'sent';
  }

  /** Marks every live run (computed, of a period not over) has scored are no longer needed. */
  async function forgetMarks(now: Date) {
    const runs = await db('assessment_runs as r')
      .join('assessment_rubrics as b', 'b.id', 'r.rubric')
      .where({ 'b.status': 'active', 'r.status': 'computed' })
      .select('r.period', 'r.marked_to');
    const live = runs.filter((r) => (parsePeriod(r.period)?.end ?? now) > now).map((r) => Number(r.marked_to ?? 0));
    if (live.length)
      await db('assessment_marks')
        .where('id', '<=', Math.min(...live))
        .del();
  }

  /**
   * What a unit still misses in the month under way (本月待补), for the grid worker's phone:
   * the shortfalls, not a score — each metric's count for the unit itself and the records behind it.
   */
  async function shortfalls(actor: Actor, now: Date) {
    const period = periodOf('month', now);
    const unit = { id: actor.unit.id, path: actor.unit.path, name: actor.unit.name };
    const scope = { db, client, period, under: unit.path, cutoff: now, calendar: await loadCalendar(db) };
    const out = [];
    for (const key of SHORTFALL_METRICS) {
      const metric = metricOf(key)!;
      const m = (await measure(metric, scope, [unit])).get(unit.id)!;
      if (m.value > 0) out.push({ metric: key, label: metric.label, count: m.value, collection: metric.evidence, ids: m.evidence });
    }
    return { period: period.key, shortfalls: out };
  }

  return { loadRubric, assessedUnits, compute, run, table, scheduled, live, step, shortfalls };
}
