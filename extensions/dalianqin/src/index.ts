// Endpoint of the exchange with 大联勤 (管理办法第二十三条, R13). Requests are
// signed (signature.ts); matters come in as tasks initiated by the 大联勤指挥中心
// unit and routed straight to the unit they name; the platform closes or sends
// back what it initiated. Changes to exchanged matters go out through a queue.
//   POST /dalianqin/matters                   a matter from the platform (idempotent on its id)
//   POST /dalianqin/matters/:ref/transition   { action: close | send_back | reopen | resubmit, opinion? }

import type { EndpointConfig } from '@directus/extensions';
import { createError } from '@directus/errors';
import { Queue } from 'bullmq';
import type { NextFunction, Request, Response } from 'express';
import { queueSettingsFromEnv } from '../../kernel/queue.ts';
import { parseReport } from '../../domains/matters/report.ts';
import type { Actor, UnitRow } from '../../kernel/actor.ts';
import { MATTER_CHANGED, matterService, refuse, type MatterChanged } from '../../domains/matters/service.ts';
import { parseInbound, parseInboundTransition } from './inbound.ts';
import { OUTBOUND_JOB_OPTIONS, OUTBOUND_QUEUE, type OutboundJob } from './outbound.ts';
import { verify } from './signature.ts';

const Unauthenticated = createError<{ reason: string }>('DALIANQIN_SIGNATURE', (e) => e.reason, 401);
const NotConfigured = createError('DALIANQIN_NOT_CONFIGURED', '大联勤接口未配置（DALIANQIN_SECRET）', 503);
export const PLATFORM_UNIT_PATH = '/320111/DLQ/';

type RawRequest = Request & { rawBody?: Buffer };

const endpoint: EndpointConfig = {
  id: 'dalianqin',
  handler: (router, context) => {
    const { database, env, emitter, logger } = context;
    const secret = typeof env.DALIANQIN_SECRET === 'string' ? env.DALIANQIN_SECRET : null;
    const matters = matterService(context);
    const queueSettings = queueSettingsFromEnv(env);
    const outbound =
      queueSettings && env.DALIANQIN_URL
        ? new Queue(OUTBOUND_QUEUE, {
            connection: { ...queueSettings.connection, enableOfflineQueue: false } as never,
            prefix: queueSettings.prefix,
          })
        : null;

    const signed = (handler: (req: RawRequest) => Promise<unknown>) => (req: RawRequest, res: Response, next: NextFunction) => {
      const run = async () => {
        if (!secret) throw new NotConfigured();
        const verdict = verify(secret, req.headers, req.rawBody ?? Buffer.from(''), new Date());
        if (!verdict.ok) throw new Unauthenticated({ reason: verdict.reason });
        return handler(req);
      };
      run().then((data) => res.json({ data }), next);
    };

    async function platform(): Promise<Actor> {
      const unit: UnitRow | undefined = await database('units').where({ path: PLATFORM_UNIT_PATH }).first();
      if (!unit) throw new NotConfigured();
      return { user: null, unit, readOnly: false };
    }

    async function byRef(ref: string): Promise<number | undefined> {
      return (
        await database('matters')
          .where({ external_ref: `dalianqin:${ref}` })
          .first('id')
      )?.id;
    }

    router.post(
      '/matters',
      signed(async (req) => {
        const parsed = parseInbound(req.body);
        if (!parsed.ok) throw refuse(parsed.problems.join('；'));
        const { externalId, unitPath, categoryCode, fields } = parsed.inbound;
        const existing = await byRef(externalId);
        if (existing) return { ...(await matters.summary(existing)), duplicate: true };
        const unit: UnitRow | undefined = await database('units').where({ path: unitPath }).first();
        if (unit?.kind !== 'office') throw refuse(`承办单位“${unitPath}”不存在`);
        const category = await database('matter_categories').where({ code: categoryCode }).first('id');
        if (!category) throw refuse(`事项分类“${categoryCode}”不存在`);
        const now = new Date();
        const report = parseReport({ ...fields, type: 'task', source: 'dalianqin', category: category.id, target_unit: unit.id }, now);
        if (!report.ok) throw refuse(report.problems.join('；'));
        try {
          const id = await matters.raise(await platform(), report.report, now, { handler: unit, externalRef: `dalianqin:${externalId}` });
          return { ...(await matters.summary(id)), duplicate: false };
        } catch (error) {
          // The same id sent twice at once: the unique reference lets one through.
          const raced = (error as { code?: string }).code === 'RECORD_NOT_UNIQUE' ? await byRef(externalId) : undefined;
          if (raced) return { ...(await matters.summary(raced)), duplicate: true };
          throw error;
        }
      }),
    );

    router.post(
      '/matters/:ref/transition',
      signed(async (req) => {
        const id = await byRef(String(req.params.ref));
        if (!id) throw refuse(`没有大联勤编号为“${req.params.ref}”的事项`);
        const parsed = parseInboundTransition(req.body);
        if (!parsed.ok) throw refuse(parsed.problem);
        const { version } = await database('matters').where({ id }).first('version');
        await matters.move(await platform(), id, { ...parsed.request, version });
        return matters.summary(id);
      }),
    );

    emitter.onAction(MATTER_CHANGED, async (event: unknown) => {
      const { matter, action, opinion } = event as MatterChanged;
      if (!outbound) return;
      const row = await database('matters').where({ id: matter }).first('external_ref', 'to_dalianqin', 'version');
      if (!row?.external_ref && !row?.to_dalianqin) return;
      const job: OutboundJob = { matter, action, opinion, version: row.version };
      try {
        await outbound.add(action, job, { ...OUTBOUND_JOB_OPTIONS, jobId: `${matter}.${row.version}` });
      } catch (error) {
        logger.warn(`大联勤 update for matter ${matter} not queued: ${(error as Error).message}`);
      }
    });
  },
};

export default endpoint;
