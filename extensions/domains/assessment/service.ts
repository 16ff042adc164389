// Scoring a period (考评计算): the rubric's units measured with each metric once,
// every item scored, and the run stored frozen — the rubric as it was, the data
// cut-off, each unit's points per item with the measure and the evidence ids —
// so that later edits of the records do not move it. A computed run is scored
// again on request; a published one is not (it must be reopened first).

import { createError, InvalidPayloadError } from '@directus/errors';
import type { Knex } from 'knex';
import type { Actor } from '../../kernel/actor.ts';
import { instant, jsonValue } from '../../kernel/db-values.ts';
import { OFFICE_KIND } from '../../kernel/unit-path.ts';
import { type Assessed, measure, type Measured } from './measure.ts';
import { metricOf } from './metrics.ts';
import { type Period, parsePeriod, PERIOD_TYPES } from './period.ts';
import { type ItemRow, type ItemScore, itemOf, itemProblems, rank, type SectionRow, totals } from './rubric.ts';
import { scoreItem } from './scoring.ts';

export const AssessmentForbidden = createError<{ reason: string }>('ASSESSMENT_FORBIDDEN', (e) => e.reason, 403);
export const AssessmentConflict = createError<{ reason: string }>('ASSESSMENT_CONFLICT', (e) => e.reason, 409);
export const refuse = (reason: string) => new InvalidPayloadError({ reason });

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
  scores: (ItemScore & { code: string | null; measure: Omit<Measured, 'evidence' | 'more'> | null; evidence: Evidence | null })[];
}

export interface Evidence {
  collection: string;
  ids: number[];
  more: number;
  /** What no record stands for (a `missing` metric). */
  missing?: string[];
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
    const metricKeys = [...new Set(r.items.filter((i) => i.rule_kind !== 'manual').map((i) => i.metric!))];
    // One unit re-scored reads its own part of the tree only.
    const under = units.length === 1 ? units[0]!.path : r.rubric.unit_path;
    const scope = { db: trx, client, period, under, cutoff };
    const measured = new Map<string, Map<number, Measured>>();
    for (const key of metricKeys) measured.set(key, await measure(metricOf(key)!, scope, units));
    return units.map((unit) => ({
      unit,
      scores: r.items.map((row) => {
        const metric = row.rule_kind === 'manual' ? null : metricOf(row.metric)!;
        const m = metric ? measured.get(row.metric!)!.get(unit.id)! : null;
        const item = itemOf(row);
        const score = scoreItem(item, m && { value: m.value, of: m.of });
        return {
          ...score,
          item: row.id,
          section: row.section,
          code: row.code,
          full: item.full,
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
    return store(r, period, now, actor.user);
  }

  /**
   * Scores the period with the data up to its end (or now, while it runs) and stores the run,
   * replacing one still only computed; a published run stays as it is (409).
   */
  async function store(r: Rubric, period: Period, now: Date, by: string | null) {
    const cutoff = period.end < now ? period.end : now;
    const results = await compute(r, period, cutoff);
    return db.transaction(async (trx) => {
      const existing = await trx('assessment_runs').where({ rubric: r.rubric.id, period: period.key }).first('id', 'status');
      if (existing && existing.status !== 'computed') throw new AssessmentConflict({ reason: '该期考评已发布，须先撤回发布才能重新计算' });
      const row = {
        rubric: r.rubric.id,
        unit: r.rubric.unit,
        unit_path: r.rubric.unit_path,
        period: period.key,
        status: 'computed',
        cutoff_at: cutoff,
        rubric_snapshot: JSON.stringify(r),
        started_by: by,
        computed_at: now,
      };
      let id: number;
      if (existing) {
        id = existing.id;
        await trx('assessment_scores').where({ run: id }).del();
        await trx('assessment_runs').where({ id }).update(row);
      } else {
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
    return {
      id: run.id,
      period: run.period,
      status: run.status,
      cutoff_at: instant(run.cutoff_at),
      sections: snapshot.sections.map((s) => ({ id: s.id, code: s.code, name: s.name, points: Number(s.points) })),
      units: unitTable(ordered, snapshot.sections),
    };
  }

  /**
   * The scheduled run of a period that closed (on the 1st, or at start for one missed):
   * made once, by the system; a run already there (made by hand, or published) is left.
   */
  async function scheduled(rubricId: number, periodKey: string, now: Date): Promise<'sent' | 'stale' | 'duplicate'> {
    const period = parsePeriod(periodKey);
    const r = await loadRubric(rubricId).catch(() => null);
    if (!period || !r || r.rubric.status !== 'active' || r.rubric.period_type !== period.type) return 'stale';
    if (await db('assessment_runs').where({ rubric: rubricId, period: period.key }).first('id')) return 'duplicate';
    await store(r, period, now, null);
    return 'sent';
  }

  return { loadRubric, assessedUnits, compute, run, table, scheduled };
}
