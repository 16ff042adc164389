// /registries/exports: personal data leaves the system only through a request
// approved one level up (保密制度四, R19).
//   POST /registries/exports  { collection, unit?, reason }   ask to export personal data
//   POST /registries/exports/:id/decide  { approve, opinion? }  one level up decides
//   GET  /registries/exports/:id/download[?format=xlsx]   the requester's CSV (or Excel workbook), generated once, until it expires

import type { Router } from 'express';
import type { NextFunction, Response } from 'express';
import type { Knex } from 'knex';
import { EXPORTABLE, EXPORT_STATES } from '../../../schema/collections/exports.ts';
import { COLLECTIONS } from '../../../schema/index.ts';
import { approvingUnit, decideProblem, DOWNLOAD_HOURS, downloadProblem, exportCsv, exportXlsx, type ExportRequestRow } from './exports.ts';
import { instant } from '../../kernel/db-values.ts';
import { caller, readAs, refuse, RegistryForbidden, RegistryNotFound, type Req, type RouteContext, type Services } from './context.ts';
import { asApprovedBulkRead } from '../../kernel/request-context.ts';
import { isOwnKey, keyOf } from '../../kernel/keys.ts';

export function exportRoutes(router: Router, ctx: RouteContext): void {
  const { services, db, getSchema, route } = ctx;

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
      res.setHeader('cache-control', 'no-store');
      const name = `${EXPORTABLE[request.scope_collection as keyof typeof EXPORTABLE] ?? '导出'}-${request.id}`;
      if (req.query.format === 'xlsx') {
        res.setHeader('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        res.setHeader(
          'content-disposition',
          `attachment; filename="export-${request.id}.xlsx"; filename*=UTF-8''${encodeURIComponent(`${name}.xlsx`)}`,
        );
        res.send(await exportXlsx(mark, columns, rows));
        return;
      }
      res.setHeader('content-type', 'text/csv; charset=utf-8');
      res.setHeader(
        'content-disposition',
        `attachment; filename="export-${request.id}.csv"; filename*=UTF-8''${encodeURIComponent(`${name}.csv`)}`,
      );
      res.send(exportCsv(mark, columns, rows));
    } catch (error) {
      next(error);
    }
  });
}
