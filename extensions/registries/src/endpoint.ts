// Endpoint /registries: what Directus's item routes cannot express.
//   GET  /registries/people/lookup?id_number=…   exact look-up by ID number, for
//        roles that see only masked numbers (they cannot filter on the raw field)
//   POST /registries/people/:id/move  { unit, reason }   move a person to another
//        grid or community within the caller's jurisdiction; the move is recorded
//   POST /registries/exports  { collection, unit?, reason }   ask to export personal data
//   POST /registries/exports/:id/decide  { approve, opinion? }  one level up decides
//   GET  /registries/exports/:id/download   the requester's CSV, generated once, until it expires
//
// Every answer about a record comes from Directus reading it with the caller's
// rights: a record the caller may not see is "not found", whatever the reason.

import type { EndpointConfig } from '@directus/extensions';
import type { Accountability } from '@directus/types';
import type { NextFunction, Request, Response } from 'express';
import type { Knex } from 'knex';
import { roleById } from '../../../schema/access.ts';
import { EXPORTABLE, EXPORT_STATES } from '../../../schema/collections/exports.ts';
import { COLLECTIONS } from '../../../schema/index.ts';
import { approvingUnit, decideProblem, DOWNLOAD_HOURS, downloadProblem, exportCsv, type ExportRequestRow } from './exports.ts';
import { instant } from '../../matters/src/reminders.ts';
import { readAs, refuse, RegistryForbidden, RegistryNotFound, type Services } from './context.ts';
import { checkIdNumber } from './id-number.ts';

type Req = Request & { accountability?: Accountability };

const NOT_FOUND = () => new RegistryNotFound({ reason: '未找到该人员，或不在您的辖区内' });

interface Caller {
  user: string;
  unit: number;
  unitPath: string;
  readOnly: boolean;
  job: string | null;
  name: string;
}

async function caller(db: Knex, accountability: Accountability | undefined): Promise<Caller> {
  if (!accountability?.user) throw new RegistryForbidden({ reason: '请先登录' });
  const user = await db('directus_users').where({ id: accountability.user }).first('id', 'unit', 'unit_path', 'role', 'first_name', 'last_name', 'email');
  if (!user?.unit_path && !accountability.admin) throw new RegistryForbidden({ reason: '您的账号没有所在单位' });
  const role = roleById(user?.role);
  return {
    user: user.id,
    unit: user.unit,
    unitPath: accountability.admin ? '/' : user.unit_path,
    readOnly: !accountability.admin && (!role || role.job === 'leader'),
    job: role?.job ?? null,
    name: `${user.last_name ?? ''}${user.first_name ?? ''}` || user.email,
  };
}

const endpoint: EndpointConfig = {
  id: 'registries',
  handler: (router, { services, database, getSchema }) => {
    const route = (handler: (req: Req) => Promise<unknown>) => (req: Req, res: Response, next: NextFunction) => handler(req).then((data) => res.json({ data }), next);
    const db = database as unknown as Knex;

    router.get(
      '/people/lookup',
      route(async (req) => {
        await caller(db, req.accountability);
        const check = checkIdNumber(req.query.id_number);
        if (!check.ok) throw refuse(check.problem);
        const row = await db('people').where({ id_number: check.facts.normalized }).first('id');
        const found = row && (await readAs(services as Services, await getSchema(), req.accountability, 'people', row.id, ['*']));
        if (!found) throw NOT_FOUND();
        return found;
      }),
    );

    router.post(
      '/people/:id/move',
      route(async (req) => {
        const who = await caller(db, req.accountability);
        if (who.readOnly) throw new RegistryForbidden({ reason: '领导账号只能查阅，不能办理迁移' });
        const id = Number(req.params.id);
        if (!Number.isInteger(id)) throw refuse('人员编号无效');
        const body = (req.body ?? {}) as { unit?: unknown; reason?: unknown };
        const reason = typeof body.reason === 'string' ? body.reason.trim() : '';
        if (!reason) throw refuse('请填写迁移原因');
        if (reason.length > 500) throw refuse('迁移原因不能超过500字');
        const schema = await getSchema();
        const person = await readAs(services as Services, schema, req.accountability, 'people', id, ['id', 'unit', 'unit_path']);
        if (!person) throw NOT_FOUND();
        const target = Number.isInteger(body.unit) ? await db('units').where({ id: body.unit }).first('id', 'path', 'kind', 'name') : undefined;
        if (!target) throw refuse('请选择迁入单位');
        if (target.kind !== 'office') throw refuse(`${target.name}不是综治办或网格，人员只能迁入社区或网格`);
        if (target.id === person.unit) throw refuse(`该人员已在${target.name}`);
        if (!person.unit_path.startsWith(who.unitPath) || !target.path.startsWith(who.unitPath) || person.unit_path === who.unitPath && target.path === who.unitPath) {
          throw new RegistryForbidden({ reason: '只能在本辖区内迁移人员；跨辖区迁移请由共同的上级办理' });
        }
        await db.transaction(async (trx) => {
          const admin = (collection: string) => new (services as Services).ItemsService(collection, { schema, knex: trx });
          await admin('people').updateOne(id, { unit: target.id });
          await admin('person_moves').createOne({ person: id, from_unit: person.unit, to_unit: target.id, from_path: person.unit_path, to_path: target.path, reason, moved_by: who.user, moved_at: new Date().toISOString() });
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
      if (!(await readAs(services as Services, await getSchema(), req.accountability, 'export_requests', id, ['id']))) throw new RegistryNotFound({ reason: '导出申请不存在' });
      return exportRow(id);
    };

    router.post(
      '/exports',
      route(async (req) => {
        const who = await caller(db, req.accountability);
        const body = (req.body ?? {}) as { collection?: unknown; unit?: unknown; reason?: unknown };
        if (typeof body.collection !== 'string' || !(body.collection in EXPORTABLE)) throw refuse(`请选择导出内容：${Object.values(EXPORTABLE).join('、')}`);
        const reason = typeof body.reason === 'string' ? body.reason.trim() : '';
        if (reason.length < 4) throw refuse('请写明导出用途和理由（至少4个字）');
        if (reason.length > 500) throw refuse('导出理由不能超过500字');
        const own = await db('units').where({ id: who.unit }).first('id', 'parent', 'path');
        if (!own) throw new RegistryForbidden({ reason: '您的账号没有所在单位' });
        const scope = body.unit === undefined || body.unit === null ? own : Number.isInteger(body.unit) ? await db('units').where({ id: body.unit }).first('id', 'path') : undefined;
        if (!scope || !String(scope.path).startsWith(own.path)) throw refuse('导出范围只能是本单位或下级单位');
        const id = await db.transaction(async (trx) => {
          const [row] = await trx('export_requests')
            .insert({ requester: who.user, unit: own.id, unit_path: own.path, scope_collection: body.collection, scope_unit: scope.id, scope_path: scope.path, reason, state: 'pending', approver_unit: approvingUnit(own), requested_at: new Date() })
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
        const request = await visibleExport(req, Number(req.params.id));
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
            .update({ state, approver: who.user, opinion, decided_at: now, expires_at: body.approve ? new Date(now.getTime() + DOWNLOAD_HOURS * 3_600_000) : null });
          if (!changed) throw new RegistryForbidden({ reason: '该申请已审批，不能再次审批' });
          await log(trx, { request: request.id, user: who.user, unit: request.unit, unit_path: request.unit_path, action: state, detail: opinion, ip: req.ip ?? null });
        });
        return { id: request.id, state, state_label: EXPORT_STATES[state] };
      }),
    );

    router.get('/exports/:id/download', async (req: Req, res: Response, next: NextFunction) => {
      try {
        const who = await caller(db, req.accountability);
        const request = await visibleExport(req, Number(req.params.id));
        const now = new Date();
        const problem = downloadProblem(request, who.user, now);
        if (problem) {
          await log(db, { request: request.id, user: who.user, unit: request.unit, unit_path: request.unit_path, action: 'denied', detail: problem, ip: req.ip ?? null });
          throw new RegistryForbidden({ reason: problem });
        }
        // Claim the one generation before reading, so two downloads at once cannot both get the file.
        const claimed = await db('export_requests').where({ id: request.id, state: 'approved' }).update({ state: 'generated', generated_at: now });
        if (!claimed) throw new RegistryForbidden({ reason: '该申请的文件已导出过一次，不能重复导出；如需再次导出请重新申请' });
        const schema = await getSchema();
        const spec = COLLECTIONS.find((c) => c.collection === request.scope_collection)!;
        // The requester's own rights: masked numbers stay masked in the file.
        const rows = (await new (services as Services).ItemsService(request.scope_collection, { schema, accountability: req.accountability }).readByQuery({
          fields: ['*'],
          filter: { unit_path: { _starts_with: request.scope_path } },
          sort: ['id'],
          limit: -1,
        })) as Record<string, unknown>[];
        const columns = spec.fields
          .filter((f) => f.type !== 'alias' && rows.some((r) => f.field in r))
          .map((f) => ({ field: f.field, title: ((f.meta?.translations as { language: string; translation: string }[] | undefined)?.find((t) => t.language === 'zh-CN')?.translation ?? f.field) }));
        const mark = `导出申请 #${request.id}；导出人：${who.name}；导出时间：${now.toISOString()}；用途：${request.reason}；仅限批准用途使用，不得复制、留存或转给他人`;
        const csv = exportCsv(mark, columns, rows);
        await db('export_requests').where({ id: request.id }).update({ row_count: rows.length });
        await log(db, { request: request.id, user: who.user, unit: request.unit, unit_path: request.unit_path, action: 'generated', row_count: rows.length, ip: req.ip ?? null });
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
