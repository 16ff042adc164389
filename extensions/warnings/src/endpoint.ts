// Endpoint: warnings (预警) are handled only here; they are read through Directus's items API.
//   POST /warnings/evaluate                { rules? }  研判: the rules of the caller's office (or those named) evaluated now
//   POST /warnings/:id/steps/:step         { note? }   签收 acknowledge、处置 handle、退回重办 send_back、核销 close
// HTTP only: who is asking; the rest is domains/warnings/service.ts.

import type { EndpointConfig } from '@directus/extensions';
import type { Accountability } from '@directus/types';
import type { NextFunction, Request, Response } from 'express';
import { refuse, WarningForbidden, warningService } from '../../domains/warnings/service.ts';
import { loadActor } from '../../kernel/actor.ts';
import { keyOf } from '../../kernel/keys.ts';

type Req = Request & { accountability?: Accountability };

const endpoint: EndpointConfig = {
  id: 'warnings',
  handler: (router, { database }) => {
    const warnings = warningService(database);
    const route = (handler: (req: Req) => Promise<unknown>) => (req: Req, res: Response, next: NextFunction) =>
      handler(req).then((data) => res.json({ data }), next);

    router.post(
      '/evaluate',
      route(async (req) => {
        // The Directus administrator (no unit) may evaluate any rule; an office its own.
        const admin = req.accountability?.admin === true;
        const actor = admin ? null : await loadActor(database, req.accountability);
        if (actor?.readOnly) throw new WarningForbidden({ reason: '领导账号只能查阅，不能发起预警研判' });
        const body = (req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? req.body : {}) as { rules?: unknown };
        if (
          body.rules !== undefined &&
          (!Array.isArray(body.rules) || body.rules.length > 1000 || body.rules.some((r) => keyOf(r) === null))
        )
          throw refuse('rules 应为预警规则编号的列表');
        // The rules of the caller's office only (an administrator: any): a unit does not evaluate another's.
        const own = (await database('warning_rules')
          .modify((q) => (actor ? q.where({ unit_path: actor.unit.path }) : q))
          .modify((q) =>
            body.rules
              ? q.whereIn(
                  'id',
                  (body.rules as unknown[]).map((r) => keyOf(r)!),
                )
              : q,
          )
          .pluck('id')) as number[];
        if (body.rules && own.length < new Set(body.rules as unknown[]).size)
          throw new WarningForbidden({ reason: '只能研判本单位设定的预警规则' });
        if (!own.length) return { rules: 0, raised: 0, kept: 0, ended: 0, told: 0, failed: [] };
        return warnings.evaluate(new Date(), own);
      }),
    );

    router.post(
      '/:id/steps/:step',
      route(async (req) => {
        const id = keyOf(req.params.id);
        if (id === null) throw refuse('预警编号无效');
        return warnings.step(await loadActor(database, req.accountability), id, req.params.step, req.body, new Date());
      }),
    );
  },
};

export default endpoint;
