// Rubric making (细则制定) beyond what a form does field by field: a rubric copied
// (a new version of one's own, or a street's own rubric started from the district's,
// 第十四条), a version put in force with the one before it retired in the same
// transaction, and a preview of a change's effect on the last closed period before
// it is saved. Only a district or street 综治办's staff make rubrics, each its own.

import type { Knex } from 'knex';
import type { Actor } from '../../kernel/actor.ts';
import { LEVEL_LABELS, OFFICE_KIND } from '../../kernel/unit-path.ts';
import { takeWriteLock } from '../../kernel/write-lock.ts';
import { lastClosed, PERIOD_TYPES, type PeriodType } from './period.ts';
import { type ItemRow, itemProblems, rank, totals } from './rubric.ts';
import { AssessmentConflict, AssessmentForbidden, assessmentService, refuse, type Rubric } from './service.ts';

/** The fields of an item a copy carries and a preview may change. */
export const ITEM_FIELDS = [
  'code',
  'name',
  'clause',
  'full',
  'cap',
  'rule_kind',
  'min',
  'per',
  'threshold',
  'target',
  'bands',
  'formula',
  'metric',
  'evidence_required',
  'sort',
] as const;

const MAX_TITLE = 200;
const MAX_PREVIEW_ITEMS = 200;

/** The level an office assesses: the district its streets, a street its communities. */
function assessedLevelOf(actor: Actor): 'street' | 'community' {
  if (actor.readOnly) throw new AssessmentForbidden({ reason: '领导账号只能查阅，不能制定考评细则' });
  if (actor.unit.kind !== OFFICE_KIND || !['district', 'street'].includes(actor.unit.level))
    throw new AssessmentForbidden({ reason: '只有区、街道综治办可以制定考评细则' });
  return actor.unit.level === 'district' ? 'street' : 'community';
}

const pick = (row: Record<string, unknown>) => Object.fromEntries(ITEM_FIELDS.filter((f) => Object.hasOwn(row, f)).map((f) => [f, row[f]]));

export function rubricEditing(db: Knex) {
  const service = assessmentService(db);

  /** Reads the rubric and checks it is the caller's own to change. */
  async function ownRubric(actor: Actor, id: unknown): Promise<Rubric> {
    assessedLevelOf(actor);
    if (!Number.isSafeInteger(id) || (id as number) < 1) throw refuse('考评细则编号无效');
    const r = await service.loadRubric(id as number);
    if (r.rubric.unit_path !== actor.unit.path) throw new AssessmentForbidden({ reason: '只能修改本单位制定的考评细则' });
    return r;
  }

  /**
   * 复制细则: the caller's office makes a draft from a rubric it may read — its own (a new
   * version) or another office's (the district's, to start its own). Sections and items come along.
   */
  async function copy(actor: Actor, sourceId: unknown, body: unknown) {
    const assessed = assessedLevelOf(actor);
    if (!Number.isSafeInteger(sourceId) || (sourceId as number) < 1) throw refuse('考评细则编号无效');
    const source = await service.loadRubric(sourceId as number);
    const { title, period_type } = (body && typeof body === 'object' ? body : {}) as { title?: unknown; period_type?: unknown };
    const own = source.rubric.unit_path === actor.unit.path;
    const period = (period_type ?? (own ? source.rubric.period_type : assessed === 'community' ? 'half_year' : 'month')) as PeriodType;
    if (typeof period !== 'string' || !Object.hasOwn(PERIOD_TYPES, period))
      throw refuse(`考评周期应为：${Object.values(PERIOD_TYPES).join('、')}`);
    if (title !== undefined && (typeof title !== 'string' || !title.trim() || title.length > MAX_TITLE))
      throw refuse(`细则名称应为1到${MAX_TITLE}个字`);
    const name =
      (title as string | undefined)?.trim() ?? (own ? source.rubric.title : `${actor.unit.name}${LEVEL_LABELS[assessed]}考评细则`);
    return db.transaction(async (trx) => {
      await takeWriteLock(trx, 'assessment_rubrics');
      const last = await trx('assessment_rubrics')
        .where({ unit: actor.unit.id, assessed_level: assessed, period_type: period })
        .max({ v: 'version' })
        .first();
      const [made] = await trx('assessment_rubrics').insert(
        {
          unit: actor.unit.id,
          unit_path: actor.unit.path,
          title: name,
          assessed_level: assessed,
          period_type: period,
          version: Number(last?.v ?? 0) + 1,
          status: 'draft',
          based_on: source.rubric.id,
          user_created: actor.user,
        },
        ['id'],
      );
      const id = Number(typeof made === 'object' ? made.id : made);
      for (const section of source.sections) {
        const [s] = await trx('assessment_sections').insert(
          { rubric: id, code: section.code, name: section.name, points: section.points, sort: section.sort ?? null },
          ['id'],
        );
        const sectionId = Number(typeof s === 'object' ? s.id : s);
        const items = source.items.filter((i) => i.section === section.id).map((i) => ({ ...pick(i as never), section: sectionId }));
        if (items.length) await trx('assessment_items').insert(items);
      }
      return { id, version: Number(last?.v ?? 0) + 1, status: 'draft' };
    });
  }

  /** 启用: the rubric in force for its unit, level and period; the one in force before is retired. */
  async function activate(actor: Actor, id: unknown) {
    const r = await ownRubric(actor, id);
    const problems = r.items.flatMap((row) => itemProblems(row).map((p) => `${row.code ?? ''} ${row.name}：${p}`));
    if (!r.items.length) problems.push('细则还没有考评内容');
    if (problems.length) throw refuse(`细则有误，不能启用：${problems.join('；')}`);
    if (r.rubric.status === 'active') throw new AssessmentConflict({ reason: '该细则已在使用' });
    return db.transaction(async (trx) => {
      await takeWriteLock(trx, 'assessment_rubrics');
      const retired = await trx('assessment_rubrics')
        .where({ unit: r.rubric.unit, assessed_level: r.rubric.assessed_level, period_type: r.rubric.period_type, status: 'active' })
        .whereNot({ id: r.rubric.id })
        .pluck('id');
      if (retired.length) await trx('assessment_rubrics').whereIn('id', retired).update({ status: 'retired' });
      await trx('assessment_rubrics').where({ id: r.rubric.id }).update({ status: 'active' });
      return { id: r.rubric.id, status: 'active', retired };
    });
  }

  /**
   * 预览: the rubric's last closed period scored as it stands and as it would with the items
   * changed (`items`: each an existing item's id with the fields to change, or a new item with
   * its section) and removed (`removed`: item ids) — nothing saved. Each unit's total before
   * and after, ranked as after.
   */
  async function preview(actor: Actor, id: unknown, body: unknown, now: Date) {
    const r = await ownRubric(actor, id);
    const { items = [], removed = [] } = (body && typeof body === 'object' ? body : {}) as { items?: unknown; removed?: unknown };
    if (!Array.isArray(items) || !Array.isArray(removed)) throw refuse('items 和 removed 应为列表');
    if (items.length + removed.length > MAX_PREVIEW_ITEMS) throw refuse(`一次最多预览${MAX_PREVIEW_ITEMS}项修改`);
    const gone = new Set(removed.map((x) => (Number.isSafeInteger(x) ? (x as number) : Number.NaN)));
    if ([...gone].some((x) => !r.items.some((i) => i.id === x))) throw refuse('要删除的考评内容不在该细则中');
    let fresh = 0;
    const changed: ItemRow[] = r.items.filter((i) => !gone.has(i.id)).map((i) => ({ ...i }));
    for (const raw of items as unknown[]) {
      if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw refuse('每项修改应为一个对象');
      const change = raw as Record<string, unknown>;
      const fields = pick(change);
      if (change.id !== undefined) {
        const target = changed.find((i) => i.id === change.id);
        if (!target) throw refuse('要修改的考评内容不在该细则中');
        Object.assign(target, fields);
      } else {
        if (!r.sections.some((s) => s.id === change.section)) throw refuse('新增的考评内容须属于该细则的一个考评项目');
        fresh -= 1;
        changed.push({ ...(fields as Partial<ItemRow>), id: fresh, section: change.section as number } as ItemRow);
      }
    }
    const problems = changed.flatMap((row) => itemProblems(row).map((p) => `${row.code ?? ''} ${row.name ?? ''}：${p}`));
    if (problems.length) throw refuse(`修改有误：${problems.join('；')}`);
    const period = lastClosed(r.rubric.period_type, now);
    const table = async (rubric: Rubric) =>
      new Map(
        (await service.compute(rubric, period, period.end)).map((u) => [
          u.unit.id,
          { name: u.unit.name, ...totals(u.scores, rubric.sections) },
        ]),
      );
    const before = await table(r);
    const after = await table({ ...r, items: changed });
    return {
      period: period.key,
      units: rank(
        [...after].map(([unit, a]) => {
          const b = before.get(unit)!;
          return { unit, name: a.name, before: b.total, total: a.total, change: Math.round((a.total - b.total) * 10) / 10 };
        }),
      ),
    };
  }

  return { copy, activate, preview };
}
