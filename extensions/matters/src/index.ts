// Endpoint: the only way a user raises a matter or moves it on.
//   POST /matters/report               raise a matter (any type; client_ref makes a resend idempotent)
//   POST /matters/:id/transition       { action, version, opinion?, target_unit?, attachments? }
//   GET  /matters/:id/actions          what the caller may do now
// HTTP only: who is asking, may they see the matter; the rest is service.ts.

import type { EndpointConfig } from '@directus/extensions';
import type { Accountability, SchemaOverview } from '@directus/types';
import type { NextFunction, Request, Response } from 'express';
import { parseReport } from '../../domains/matters/report.ts';
import { loadActor } from '../../kernel/actor.ts';
import { MatterForbidden, matterService, refuse } from '../../domains/matters/service.ts';
import { parseTransition } from '../../domains/matters/transition-request.ts';

type Req = Request & { accountability?: Accountability; schema?: SchemaOverview };

const endpoint: EndpointConfig = {
  id: 'matters',
  handler: (router, context) => {
    const { services, database, getSchema } = context;
    const matters = matterService(context);
    const route = (handler: (req: Req) => Promise<unknown>) => (req: Req, res: Response, next: NextFunction) =>
      handler(req).then((data) => res.json({ data }), next);

    /** The matter's id, once Directus's own permissions confirm the caller may see it (else 403). */
    async function visible(req: Req): Promise<number> {
      const id = Number(req.params.id);
      if (!Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) throw refuse('事项编号无效');
      await new services.ItemsService('matters', { schema: req.schema ?? (await getSchema()), accountability: req.accountability }).readOne(
        id,
        { fields: ['id'] },
      );
      return id;
    }

    router.post(
      '/report',
      route(async (req) => {
        const user = req.accountability?.user;
        if (!user) throw new MatterForbidden({ reason: '请先登录' });
        const now = new Date();
        const parsed = parseReport(req.body, now);
        if (!parsed.ok) {
          // A user without a unit hears that first, whatever they sent.
          await loadActor(database, req.accountability);
          throw refuse(parsed.problems.join('；'));
        }
        return matters.reportBy(user, parsed.report, now);
      }),
    );

    router.get(
      '/:id/actions',
      route(async (req) => {
        const id = await visible(req);
        return matters.actions(await loadActor(database, req.accountability), id);
      }),
    );

    router.post(
      '/:id/transition',
      route(async (req) => {
        const id = await visible(req);
        const parsed = parseTransition(req.body);
        if (!parsed.ok) throw refuse(parsed.problems.join('；'));
        await matters.move(await loadActor(database, req.accountability), id, parsed.request, req.schema);
        return matters.summary(id, req.schema);
      }),
    );
  },
};

export default endpoint;
