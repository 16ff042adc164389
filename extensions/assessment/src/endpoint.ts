// Endpoint: assessment (考评) results are made only here.
//   GET  /assessment/runs                                         考评结果 the caller may read (newest first)
//   POST /assessment/runs                    { rubric, period }   考评计算 (the rubric's office)
//   GET  /assessment/runs/:id                                     各单位得分排名 (the assessing level and above)
//   GET  /assessment/runs/:id/scorecard/:unit                     单位评分表 (the unit itself and above)
//   GET  /assessment/runs/:id/export                              各单位得分排名 as .xlsx (as GET /assessment/runs/:id)
//   GET  /assessment/shortfalls                                   本月待补 of the caller's own unit (the phone)
//   POST /assessment/rubrics/:id/copy        { title?, period_type? }  复制细则: a draft of the caller's office (a new version, or its own from the district's)
//   POST /assessment/rubrics/:id/activate                          启用 (the one in force before retired)
//   POST /assessment/rubrics/:id/preview     { items, removed }   预览: the last closed period before and after a change, nothing saved
//   POST /assessment/runs/:id/steps/:step    { score?, reason?, points? }  自评说明、申诉、开始审核、评分调整、发布、撤回、锁定 …
// HTTP only: who is asking, may they see it; the rest is domains/assessment/service.ts.

import type { EndpointConfig } from '@directus/extensions';
import type { Accountability } from '@directus/types';
import type { NextFunction, Request, Response } from 'express';
import { assessmentService, type ReadScore, refuse, type Rubric, type ScoreNote, scorecardOf } from '../../domains/assessment/service.ts';
import { rubricEditing } from '../../domains/assessment/rubric-editing.ts';
import { loadActor } from '../../kernel/actor.ts';
import { jsonValue } from '../../kernel/db-values.ts';
import { keyOf } from '../../kernel/keys.ts';
import { toXlsx } from '../../kernel/spreadsheet.ts';

type Req = Request & { accountability?: Accountability };

const endpoint: EndpointConfig = {
  id: 'assessment',
  handler: (router, context) => {
    const { services, database, getSchema } = context;
    const assessment = assessmentService(database);
    const route = (handler: (req: Req) => Promise<unknown>) => (req: Req, res: Response, next: NextFunction) =>
      handler(req).then((data) => res.json({ data }), next);
    const items = async (req: Req, collection: string) =>
      new services.ItemsService(collection, { schema: await getSchema(), accountability: req.accountability });

    /** The run's id, once Directus's own permissions confirm the caller may see it (else 403). */
    async function visibleRun(req: Req): Promise<number> {
      const id = keyOf(req.params.id);
      if (id === null) throw refuse('考评结果编号无效');
      await (await items(req, 'assessment_runs')).readOne(id, { fields: ['id'] });
      return id;
    }

    router.get(
      '/runs',
      route(async (req) => {
        // The runs with scores the caller may read (a unit its own, an assessing level its units'), as Directus's permissions say.
        const groups = (await (
          await items(req, 'assessment_scores')
        ).readByQuery({
          aggregate: { count: ['*'] },
          group: ['run', 'unit'],
          limit: -1,
        })) as { run: number; unit: number }[];
        const unitsOf = new Map<number, number[]>();
        for (const g of groups) unitsOf.set(g.run, [...(unitsOf.get(g.run) ?? []), g.unit]);
        const ids = [...unitsOf.keys()];
        if (!ids.length) return [];
        const table = new Set(
          (
            (await (await items(req, 'assessment_runs')).readByQuery({ filter: { id: { _in: ids } }, fields: ['id'], limit: -1 })) as {
              id: number;
            }[]
          ).map((r) => r.id),
        );
        const runs = await database('assessment_runs as r')
          .join('assessment_rubrics as b', 'b.id', 'r.rubric')
          .join('units as u', 'u.id', 'r.unit')
          .whereIn('r.id', ids)
          .orderBy([
            { column: 'r.period', order: 'desc' },
            { column: 'r.id', order: 'desc' },
          ])
          .select('r.id', 'r.period', 'r.status', 'b.title', 'b.assessed_level', 'u.name as unit_name');
        // The units whose scorecards the caller reads: for a unit assessed, its own.
        return runs.map((r) => ({ ...r, units: unitsOf.get(r.id), table: table.has(r.id) }));
      }),
    );

    router.post(
      '/runs',
      route(async (req) => assessment.run(await loadActor(database, req.accountability), req.body, new Date())),
    );

    router.get(
      '/runs/:id',
      route(async (req) => assessment.table(await visibleRun(req))),
    );

    router.get(
      '/shortfalls',
      route(async (req) => assessment.shortfalls(await loadActor(database, req.accountability), new Date())),
    );

    // Rubric making (domains/assessment/rubric-editing.ts): the caller's own office only.
    const rubrics = rubricEditing(database);
    const actorOf = (req: Req) => loadActor(database, req.accountability);
    router.post(
      '/rubrics/:id/copy',
      route(async (req) => rubrics.copy(await actorOf(req), keyOf(req.params.id), req.body)),
    );
    router.post(
      '/rubrics/:id/activate',
      route(async (req) => rubrics.activate(await actorOf(req), keyOf(req.params.id))),
    );
    router.post(
      '/rubrics/:id/preview',
      route(async (req) => rubrics.preview(await actorOf(req), keyOf(req.params.id), req.body, new Date())),
    );

    router.get('/runs/:id/export', async (req: Req, res: Response, next: NextFunction) => {
      try {
        const table = await assessment.table(await visibleRun(req));
        const sections = table.sections.map((s) => `${s.name}（${s.points}）`);
        const rows = table.units.map((u) => ({
          名次: u.rank,
          单位: u.name,
          总分: u.total,
          ...Object.fromEntries(sections.map((name, i) => [name, u.sections[i]?.points ?? null])),
        }));
        const file = await toXlsx('考评结果', ['名次', '单位', '总分', ...sections], rows, `${table.period} 考评结果`);
        res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        res.setHeader(
          'Content-Disposition',
          `attachment; filename="assessment-${table.period}.xlsx"; filename*=UTF-8''${encodeURIComponent(`考评结果-${table.period}.xlsx`)}`,
        );
        res.send(file);
      } catch (error) {
        next(error);
      }
    });

    router.post(
      '/runs/:id/steps/:step',
      route(async (req) => {
        const run = keyOf(req.params.id);
        if (run === null) throw refuse('考评结果编号无效');
        return assessment.step(await loadActor(database, req.accountability), run, req.params.step, req.body, new Date());
      }),
    );

    router.get(
      '/runs/:id/scorecard/:unit',
      route(async (req) => {
        const run = keyOf(req.params.id);
        const unit = keyOf(req.params.unit);
        if (run === null || unit === null) throw refuse('考评结果或单位编号无效');
        // The unit's own scores as its permissions let it read them: its own and those below it, never a sibling's.
        const scores = (await (
          await items(req, 'assessment_scores')
        ).readByQuery({
          filter: { _and: [{ run: { _eq: run } }, { unit: { _eq: unit } }] },
          fields: ['id', 'item', 'points', 'full', 'deducted', 'reason', 'pending', 'measure', 'evidence', 'unit.name', 'unit.path'],
          limit: -1,
        })) as ReadScore[];
        if (!scores.length) throw refuse('没有该单位在这一期的考评结果，或您无权查看');
        const stored = await database('assessment_runs').where({ id: run }).first('period', 'status', 'rubric_snapshot', 'unit_path');
        // Which side of the course the caller is on for this scorecard (the screen offers that side's steps).
        const me = await loadActor(database, req.accountability).catch(() => null);
        const side =
          !me || me.readOnly
            ? null
            : me.unit.path === stored.unit_path
              ? 'assessing'
              : me.unit.path === scores[0]!.unit.path
                ? 'assessed'
                : null;
        // What was said and done about each score (自评说明、申诉、评分调整), as the caller may read it.
        const changes = (await (
          await items(req, 'assessment_changes')
        ).readByQuery({
          filter: { score: { _in: scores.map((s) => s.id) } },
          fields: ['score', 'step', 'reason', 'at'],
          sort: ['id'],
          limit: -1,
        })) as ScoreNote[];
        return scorecardOf({ ...stored, rubric: jsonValue<Rubric>(stored.rubric_snapshot)! }, unit, scores, changes, side);
      }),
    );
  },
};

export default endpoint;
