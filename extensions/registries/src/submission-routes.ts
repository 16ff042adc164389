// /registries/submissions: 信息采集 from the phone, reviewed by the community.
//   POST /registries/submissions  { target_collection, target_id?, data }
//   POST /registries/submissions/:id/review  { approve, reason? }   the community approves (writes
//        the registry record) or returns with a reason
//   POST /registries/submissions/:id/resubmit  { data }   the submitter, after a return
// Personal numbers a submission carries are kept sealed (sealing.ts).

import type { Router } from 'express';
import type { Knex } from 'knex';
import { COLLECTIONS } from '../../../schema/index.ts';
import {
  caller,
  readAs,
  refuse,
  refusal,
  RegistryForbidden,
  RegistryNotFound,
  ROLL_BACK,
  type Req,
  type RouteContext,
  type Services,
} from './context.ts';
import { refuseForeignReferences, SCOPE_PATHS } from '../../kernel/references.ts';
import { refuseDuplicate } from './hooks.ts';
import { dataProblems, resubmitProblem, reviewProblem, type SubmissionRow } from './submissions.ts';
import { SUBMITTABLE } from '../../../schema/collections/field-collection.ts';
import { checkIdNumber } from './id-number.ts';
import { openPerson, sealedSubmission } from './sealing.ts';
import { isOwnKey, keyOf } from '../../kernel/keys.ts';

export function submissionRoutes(router: Router, ctx: RouteContext): void {
  const { services, db, vault, getSchema, route } = ctx;

  /**
   * Problems a registry record with these changes would have, shown to the grid worker at once:
   * the change is tried through Directus as the submitter (every rule of that registry, its
   * field validations, references and jurisdiction) and rolled back; nothing is kept.
   */
  const previewProblems = async (
    req: Req,
    collection: string,
    targetId: number | null,
    data: Record<string, unknown>,
  ): Promise<string[]> => {
    const problems = dataProblems(data);
    if (problems.length) return problems;
    const spec = COLLECTIONS.find((c) => c.collection === collection)!;
    const schema = await getSchema();
    try {
      await db.transaction(async (trx) => {
        const items = new (services as Services).ItemsService(collection, { schema, accountability: req.accountability, knex: trx });
        if (targetId) await items.updateOne(targetId, data, { bypassEmitAction: () => undefined });
        else await items.createOne(data, { bypassEmitAction: () => undefined });
        throw ROLL_BACK;
      });
    } catch (error) {
      if (error !== ROLL_BACK) return [refusal(error, spec)];
    }
    return [];
  };
  const submissionRow = async (req: Req, id: number): Promise<SubmissionRow & Record<string, any>> => {
    const visible =
      Number.isInteger(id) && (await readAs(services as Services, await getSchema(), req.accountability, 'submissions', id, ['id']));
    if (!visible) throw new RegistryNotFound({ reason: '采集信息不存在' });
    return db('submissions').where({ id }).first();
  };
  const step = (trx: Knex, submission: number, action: string, actor: string, extra: Record<string, unknown> = {}) =>
    trx('submission_steps').insert({ submission, action, actor, at: new Date(), ...extra });

  router.post(
    '/submissions',
    route(async (req) => {
      const who = await caller(db, req.accountability);
      if (who.readOnly) throw new RegistryForbidden({ reason: '领导账号只能查阅，不能采集' });
      const body = (req.body ?? {}) as { target_collection?: unknown; target_id?: unknown; data?: unknown };
      if (!isOwnKey(SUBMITTABLE, body.target_collection)) throw refuse(`请选择采集内容：${Object.values(SUBMITTABLE).join('、')}`);
      const targetId = body.target_id === undefined || body.target_id === null ? null : (keyOf(body.target_id) ?? Number.NaN);
      if (
        targetId !== null &&
        !(
          Number.isInteger(targetId) &&
          (await readAs(services as Services, await getSchema(), req.accountability, body.target_collection, targetId, ['id']))
        )
      ) {
        throw refuse('要变更的记录不存在或不在您的辖区内');
      }
      const data = body.data as Record<string, unknown>;
      const problems = await previewProblems(req, body.target_collection, targetId, data);
      if (problems.length) throw refuse(problems.join('；'));
      const unitPath = await db('units').where({ id: who.unit }).first('path');
      const id = await db.transaction(async (trx) => {
        const [row] = await trx('submissions')
          .insert({
            unit: who.unit,
            unit_path: unitPath.path,
            submitter: who.user,
            target_collection: body.target_collection,
            target_id: targetId,
            change_kind: targetId ? 'update' : 'create',
            data: JSON.stringify(sealedSubmission(vault, data)),
            state: 'submitted',
            submitted_at: new Date(),
          })
          .returning('id');
        const newId = (typeof row === 'object' ? row.id : row) as number;
        await step(trx, newId, 'submit', who.user, { data: JSON.stringify(sealedSubmission(vault, data)) });
        return newId;
      });
      return { id, state: 'submitted' };
    }),
  );

  router.post(
    '/submissions/:id/review',
    route(async (req) => {
      const who = await caller(db, req.accountability);
      const submission = await submissionRow(req, keyOf(req.params.id) ?? Number.NaN);
      const body = (req.body ?? {}) as { approve?: unknown; reason?: unknown };
      if (typeof body.approve !== 'boolean') throw refuse('请选择通过或退回');
      const submittingUnit = await db('units').where({ id: submission.unit }).first('parent');
      const problem = reviewProblem(submission, { user: who.user, unit: who.unit, job: who.job }, submittingUnit?.parent ?? null);
      if (problem) throw new RegistryForbidden({ reason: problem });
      const reason = typeof body.reason === 'string' ? body.reason.trim() : '';
      if (!body.approve && !reason) throw refuse('退回请写明原因');
      const data = openPerson(vault, typeof submission.data === 'string' ? JSON.parse(submission.data) : submission.data);
      const schema = await getSchema();
      return db.transaction(async (trx) => {
        let targetId = submission.target_id as number | null;
        if (body.approve && submission.target_collection === 'people' && typeof data.id_number === 'string') {
          // Told as the reviewer may see it (the write below runs with the server's rights).
          const parsed = checkIdNumber(data.id_number);
          if (parsed.ok)
            await refuseDuplicate(
              trx,
              vault,
              services as Services,
              schema,
              req.accountability,
              parsed.facts.normalized,
              targetId ?? undefined,
            );
        }
        if (body.approve && submission.target_collection !== 'people') {
          // References only to what the reviewer may see (the write below runs with the server's rights).
          await refuseForeignReferences(
            trx,
            (services as Services).ItemsService as never,
            schema,
            req.accountability,
            SCOPE_PATHS,
            submission.target_collection,
            data,
          );
        }
        if (body.approve) {
          // The registry's own rules (ID number, duplicates, codes) run on the write; a refusal rolls all back.
          const registry = new (services as Services).ItemsService(submission.target_collection, { schema, knex: trx });
          if (targetId) await registry.updateOne(targetId, data);
          else targetId = (await registry.createOne({ ...data, unit: submission.unit })) as number;
        }
        const state = body.approve ? 'approved' : 'returned';
        const changed = await trx('submissions')
          .where({ id: submission.id, state: 'submitted' })
          .update({
            state,
            target_id: targetId,
            reviewer: who.user,
            reviewed_at: new Date(),
            return_reason: body.approve ? null : reason,
          });
        if (!changed) throw new RegistryForbidden({ reason: '该采集信息已审核或已退回，不能再次审核' });
        await step(trx, submission.id, body.approve ? 'approve' : 'return', who.user, { opinion: reason || null });
        return { id: submission.id, state, target_id: targetId };
      });
    }),
  );

  router.post(
    '/submissions/:id/resubmit',
    route(async (req) => {
      const who = await caller(db, req.accountability);
      const submission = await submissionRow(req, keyOf(req.params.id) ?? Number.NaN);
      const problem = resubmitProblem(submission, who.user);
      if (problem) throw new RegistryForbidden({ reason: problem });
      const data = req.body?.data as Record<string, unknown>;
      const problems = await previewProblems(req, submission.target_collection, submission.target_id, data);
      if (problems.length) throw refuse(problems.join('；'));
      await db.transaction(async (trx) => {
        await trx('submissions')
          .where({ id: submission.id, state: 'returned' })
          .update({ data: JSON.stringify(sealedSubmission(vault, data)), state: 'submitted', submitted_at: new Date() });
        await step(trx, submission.id, 'resubmit', who.user, { data: JSON.stringify(sealedSubmission(vault, data)) });
      });
      return { id: submission.id, state: 'submitted' };
    }),
  );
}
