// Endpoint /registries: what Directus's item routes cannot express.
//   GET  /registries/people/lookup?id_number=…   exact look-up by ID number, for
//        roles that see only masked numbers (they cannot filter on the raw field)
//   POST /registries/people/:id/move  { unit, reason }   move a person to another
//        grid or community within the caller's jurisdiction; the move is recorded
//   POST /registries/exports  { collection, unit?, reason }   ask to export personal data
//   POST /registries/exports/:id/decide  { approve, opinion? }  one level up decides
//   GET  /registries/exports/:id/download   the requester's CSV, generated once, until it expires
//   POST /registries/submissions  { target_collection, target_id?, data }   信息采集 from the phone
//   POST /registries/submissions/:id/review  { approve, reason? }   the community approves (writes
//        the registry record) or returns with a reason
//   POST /registries/submissions/:id/resubmit  { data }   the submitter, after a return
//
// Every answer about a record comes from Directus reading it with the caller's
// rights: a record the caller may not see is "not found", whatever the reason.

import type { EndpointConfig } from '@directus/extensions';
import type { Accountability } from '@directus/types';
import type { NextFunction, Request, Response } from 'express';
import type { Knex } from 'knex';
import { EXPORTABLE, EXPORT_STATES } from '../../../schema/collections/exports.ts';
import { COLLECTIONS } from '../../../schema/index.ts';
import { approvingUnit, decideProblem, DOWNLOAD_HOURS, downloadProblem, exportCsv, type ExportRequestRow } from './exports.ts';
import { instant } from '../../kernel/db-values.ts';
import { caller, readAs, refuse, refusal, RegistryForbidden, RegistryNotFound, ROLL_BACK, type Services } from './context.ts';
import { refuseForeignReferences, SCOPE_PATHS } from '../../kernel/references.ts';
import { importRoutes } from './imports.ts';
import { refuseDuplicate } from './hooks.ts';
import { dataProblems, resubmitProblem, reviewProblem, type SubmissionRow } from './submissions.ts';
import { SUBMITTABLE } from '../../../schema/collections/field-collection.ts';
import { checkIdNumber } from './id-number.ts';
import { ID_INDEX, openPerson, sealedSubmission, vaultOf } from './sealing.ts';
import { asApprovedBulkRead } from '../../kernel/request-context.ts';
import { isOwnKey, keyOf } from '../../kernel/keys.ts';

type Req = Request & { accountability?: Accountability };

const NOT_FOUND = () => new RegistryNotFound({ reason: '未找到该人员，或不在您的辖区内' });

const endpoint: EndpointConfig = {
  id: 'registries',
  handler: (router, { services, database, getSchema, env }) => {
    const vault = vaultOf(env);
    const route = (handler: (req: Req) => Promise<unknown>) => (req: Req, res: Response, next: NextFunction) =>
      handler(req).then((data) => res.json({ data }), next);
    const db = database as unknown as Knex;

    router.get(
      '/people/lookup',
      route(async (req) => {
        await caller(db, req.accountability);
        const check = checkIdNumber(req.query.id_number);
        if (!check.ok) throw refuse(check.problem);
        const row = await db('people').whereIn(ID_INDEX, vault.indexes(check.facts.normalized)).first('id');
        const found = row && (await readAs(services as Services, await getSchema(), req.accountability, 'people', row.id, ['*']));
        if (!found) throw NOT_FOUND();
        const { [ID_INDEX]: _index, ...person } = openPerson(vault, found);
        return person;
      }),
    );

    router.post(
      '/people/:id/move',
      route(async (req) => {
        const who = await caller(db, req.accountability);
        if (who.readOnly) throw new RegistryForbidden({ reason: '领导账号只能查阅，不能办理迁移' });
        const id = keyOf(req.params.id);
        if (id === null) throw refuse('人员编号无效');
        const body = (req.body ?? {}) as { unit?: unknown; reason?: unknown };
        const reason = typeof body.reason === 'string' ? body.reason.trim() : '';
        if (!reason) throw refuse('请填写迁移原因');
        if (reason.length > 500) throw refuse('迁移原因不能超过500字');
        const schema = await getSchema();
        const person = await readAs(services as Services, schema, req.accountability, 'people', id, ['id', 'unit', 'unit_path']);
        if (!person) throw NOT_FOUND();
        const target = keyOf(body.unit) ? await db('units').where({ id: body.unit }).first('id', 'path', 'kind', 'name') : undefined;
        if (!target) throw refuse('请选择迁入单位');
        if (target.kind !== 'office') throw refuse(`${target.name}不是综治办或网格，人员只能迁入社区或网格`);
        if (target.id === person.unit) throw refuse(`该人员已在${target.name}`);
        if (
          !person.unit_path.startsWith(who.unitPath) ||
          !target.path.startsWith(who.unitPath) ||
          (person.unit_path === who.unitPath && target.path === who.unitPath)
        ) {
          throw new RegistryForbidden({ reason: '只能在本辖区内迁移人员；跨辖区迁移请由共同的上级办理' });
        }
        await db.transaction(async (trx) => {
          const admin = (collection: string) => new (services as Services).ItemsService(collection, { schema, knex: trx });
          await admin('people').updateOne(id, { unit: target.id });
          await admin('person_moves').createOne({
            person: id,
            from_unit: person.unit,
            to_unit: target.id,
            from_path: person.unit_path,
            to_path: target.path,
            reason,
            moved_by: who.user,
            moved_at: new Date().toISOString(),
          });
        });
        return readAs(services as Services, schema, req.accountability, 'people', id, ['id', 'name', 'unit', 'unit_path']) ?? { id };
      }),
    );

    const log = (trx: Knex, entry: Record<string, unknown>) => trx('export_log').insert({ ...entry, at: new Date() });
    const exportRow = async (id: number): Promise<ExportRequestRow & Record<string, any>> => {
      const row = Number.isInteger(id) ? await db('export_requests').where({ id }).first() : undefined;
      if (!row) throw new RegistryNotFound({ reason: '导出申请不存在' });
      return { ...row, expires_at: instant(row.expires_at) };
    };
    /** The request as the caller may read it (the requester's unit and the levels above). */
    const visibleExport = async (req: Req, id: number) => {
      if (
        !Number.isInteger(id) ||
        !(await readAs(services as Services, await getSchema(), req.accountability, 'export_requests', id, ['id']))
      )
        throw new RegistryNotFound({ reason: '导出申请不存在' });
      return exportRow(id);
    };

    router.post(
      '/exports',
      route(async (req) => {
        const who = await caller(db, req.accountability);
        const body = (req.body ?? {}) as { collection?: unknown; unit?: unknown; reason?: unknown };
        if (!isOwnKey(EXPORTABLE, body.collection)) throw refuse(`请选择导出内容：${Object.values(EXPORTABLE).join('、')}`);
        const reason = typeof body.reason === 'string' ? body.reason.trim() : '';
        if (reason.length < 4) throw refuse('请写明导出用途和理由（至少4个字）');
        if (reason.length > 500) throw refuse('导出理由不能超过500字');
        const own = await db('units').where({ id: who.unit }).first('id', 'parent', 'path');
        if (!own) throw new RegistryForbidden({ reason: '您的账号没有所在单位' });
        const scope =
          body.unit === undefined || body.unit === null
            ? own
            : keyOf(body.unit)
              ? await db('units').where({ id: body.unit }).first('id', 'path')
              : undefined;
        if (!scope || !String(scope.path).startsWith(own.path)) throw refuse('导出范围只能是本单位或下级单位');
        const id = await db.transaction(async (trx) => {
          const [row] = await trx('export_requests')
            .insert({
              requester: who.user,
              unit: own.id,
              unit_path: own.path,
              scope_collection: body.collection,
              scope_unit: scope.id,
              scope_path: scope.path,
              reason,
              state: 'pending',
              approver_unit: approvingUnit(own),
              requested_at: new Date(),
            })
            .returning('id');
          const newId = typeof row === 'object' ? row.id : row;
          await log(trx, { request: newId, user: who.user, unit: own.id, unit_path: own.path, action: 'requested', ip: req.ip ?? null });
          return newId as number;
        });
        return { id, state: 'pending' };
      }),
    );

    router.post(
      '/exports/:id/decide',
      route(async (req) => {
        const who = await caller(db, req.accountability);
        const request = await visibleExport(req, keyOf(req.params.id) ?? Number.NaN);
        const body = (req.body ?? {}) as { approve?: unknown; opinion?: unknown };
        if (typeof body.approve !== 'boolean') throw refuse('请选择批准或不予批准');
        const problem = decideProblem(request, { user: who.user, unit: who.unit, job: who.job as never });
        if (problem) throw new RegistryForbidden({ reason: problem });
        const now = new Date();
        const state = body.approve ? 'approved' : 'refused';
        const opinion = typeof body.opinion === 'string' ? body.opinion.slice(0, 500) : null;
        await db.transaction(async (trx) => {
          const changed = await trx('export_requests')
            .where({ id: request.id, state: 'pending' })
            .update({
              state,
              approver: who.user,
              opinion,
              decided_at: now,
              expires_at: body.approve ? new Date(now.getTime() + DOWNLOAD_HOURS * 3_600_000) : null,
            });
          if (!changed) throw new RegistryForbidden({ reason: '该申请已审批，不能再次审批' });
          await log(trx, {
            request: request.id,
            user: who.user,
            unit: request.unit,
            unit_path: request.unit_path,
            action: state,
            detail: opinion,
            ip: req.ip ?? null,
          });
        });
        return { id: request.id, state, state_label: EXPORT_STATES[state] };
      }),
    );

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
            .update({ data: JSON.stringify(data), state: 'submitted', submitted_at: new Date() });
          await step(trx, submission.id, 'resubmit', who.user, { data: JSON.stringify(data) });
        });
        return { id: submission.id, state: 'submitted' };
      }),
    );

    importRoutes(router, { services: services as Services, db, vault, getSchema, route });

    router.get('/exports/:id/download', async (req: Req, res: Response, next: NextFunction) => {
      try {
        const who = await caller(db, req.accountability);
        const request = await visibleExport(req, keyOf(req.params.id) ?? Number.NaN);
        const now = new Date();
        const problem = downloadProblem(request, who.user, now);
        if (problem) {
          await log(db, {
            request: request.id,
            user: who.user,
            unit: request.unit,
            unit_path: request.unit_path,
            action: 'denied',
            detail: problem,
            ip: req.ip ?? null,
          });
          throw new RegistryForbidden({ reason: problem });
        }
        // Claim the one generation before reading, so two downloads at once cannot both get the file.
        const claimed = await db('export_requests')
          .where({ id: request.id, state: 'approved' })
          .update({ state: 'generated', generated_at: now });
        if (!claimed) throw new RegistryForbidden({ reason: '该申请的文件已导出过一次，不能重复导出；如需再次导出请重新申请' });
        const schema = await getSchema();
        const spec = COLLECTIONS.find((c) => c.collection === request.scope_collection)!;
        // The requester's own rights: masked numbers stay masked in the file.
        // The approved export itself: more than a page by design (asApprovedBulkRead), its reads logged as any read.
        const rows = (await asApprovedBulkRead(() =>
          new (services as Services).ItemsService(request.scope_collection, {
            schema,
            accountability: req.accountability,
          }).readByQuery({
            fields: ['*'],
            filter: { unit_path: { _starts_with: request.scope_path } },
            sort: ['id'],
            limit: -1,
          }),
        )) as Record<string, unknown>[];
        const columns = spec.fields
          .filter((f) => f.type !== 'alias' && rows.some((r) => f.field in r))
          .map((f) => ({
            field: f.field,
            title:
              (f.meta?.translations as { language: string; translation: string }[] | undefined)?.find((t) => t.language === 'zh-CN')
                ?.translation ?? f.field,
          }));
        const mark = `导出申请 #${request.id}；导出人：${who.name}；导出时间：${now.toISOString()}；用途：${request.reason}；仅限批准用途使用，不得复制、留存或转给他人`;
        const csv = exportCsv(mark, columns, rows);
        await db('export_requests').where({ id: request.id }).update({ row_count: rows.length });
        await log(db, {
          request: request.id,
          user: who.user,
          unit: request.unit,
          unit_path: request.unit_path,
          action: 'generated',
          row_count: rows.length,
          ip: req.ip ?? null,
        });
        res.setHeader('content-type', 'text/csv; charset=utf-8');
        res.setHeader('content-disposition', `attachment; filename="export-${request.id}.csv"`);
        res.setHeader('cache-control', 'no-store');
        res.send(csv);
      } catch (error) {
        next(error);
      }
    });
  },
};

export default endpoint;
