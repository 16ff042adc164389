// Endpoint: reports (督查通报), read-only.
//   GET /reports/bulletin?span=2026-11     the caller's office's monthly supervision bulletin (.docx) for the offices below it
// HTTP only: who is asking; the rest is domains/reports.

import type { EndpointConfig } from '@directus/extensions';
import { createError, InvalidPayloadError } from '@directus/errors';
import type { Accountability } from '@directus/types';
import type { NextFunction, Request, Response } from 'express';
import { lastClosed, parsePeriod } from '../../domains/assessment/period.ts';
import { bulletinDocx } from '../../domains/reports/bulletin-docx.ts';
import { gatherBulletin } from '../../domains/reports/bulletin.ts';
import { loadActor } from '../../kernel/actor.ts';
import { OFFICE_KIND } from '../../kernel/unit-path.ts';

type Req = Request & { accountability?: Accountability };
const ReportForbidden = createError<{ reason: string }>('REPORT_FORBIDDEN', (e) => e.reason, 403);
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const endpoint: EndpointConfig = {
  id: 'reports',
  handler: (router, { database }) => {
    router.get('/bulletin', (req: Req, res: Response, next: NextFunction) => {
      (async () => {
        const actor = await loadActor(database, req.accountability);
        const { unit } = actor;
        if (unit.kind !== OFFICE_KIND || (unit.level !== 'district' && unit.level !== 'street'))
          throw new ReportForbidden({ reason: '督查通报由区综治办通报各街道、街道综治办通报各社区' });
        const now = new Date();
        const period = req.query.span === undefined ? lastClosed('month', now) : parsePeriod(req.query.span);
        if (!period || period.type !== 'month') throw new InvalidPayloadError({ reason: '通报月份格式应为 2026-11' });
        if (period.start > now) throw new InvalidPayloadError({ reason: '该月份尚未开始' });
        const bulletin = await gatherBulletin(database, unit, period, now);
        const file = await bulletinDocx(bulletin);
        const name = `${period.key}督查通报（${unit.name}）.docx`;
        res.setHeader('Content-Type', DOCX);
        res.setHeader(
          'Content-Disposition',
          `attachment; filename="bulletin-${period.key}.docx"; filename*=UTF-8''${encodeURIComponent(name)}`,
        );
        res.send(file);
      })().catch(next);
    });
  },
};

export default endpoint;
