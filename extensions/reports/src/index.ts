// Endpoint: reports (督查通报).
//   GET  /reports/bulletin?span=2026-11      the caller's office's monthly supervision bulletin (.docx) for the offices below it
//   POST /reports/bulletin/draft { span? }   the same stored as a Directus file and attached to a draft office document
//                                           of the caller's office (通知), to be sent to the units below with sign-for
// HTTP only: who is asking; the rest is domains/reports.

import type { EndpointConfig } from '@directus/extensions';
import { createError, InvalidPayloadError } from '@directus/errors';
import type { Accountability } from '@directus/types';
import type { NextFunction, Request, Response } from 'express';
import { Readable } from 'node:stream';
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
  handler: (router, { database, services, getSchema }) => {
    /** The bulletin of the caller's office for the month asked (the last closed one by default). */
    async function bulletinOf(req: Req, span: unknown, writes: boolean) {
      const actor = await loadActor(database, req.accountability);
      const { unit } = actor;
      if (unit.kind !== OFFICE_KIND || (unit.level !== 'district' && unit.level !== 'street'))
        throw new ReportForbidden({ reason: '督查通报由区综治办通报各街道、街道综治办通报各社区' });
      if (writes && actor.readOnly) throw new ReportForbidden({ reason: '领导账号只能查阅，不能起草公文' });
      const now = new Date();
      const period = span === undefined ? lastClosed('month', now) : parsePeriod(span);
      if (!period || period.type !== 'month') throw new InvalidPayloadError({ reason: '通报月份格式应为 2026-11' });
      if (period.start > now) throw new InvalidPayloadError({ reason: '该月份尚未开始' });
      const bulletin = await gatherBulletin(database, unit, period, now);
      return { bulletin, file: await bulletinDocx(bulletin), name: `${period.key}督查通报（${unit.name}）.docx` };
    }

    router.get('/bulletin', (req: Req, res: Response, next: NextFunction) => {
      (async () => {
        const { bulletin, file, name } = await bulletinOf(req, req.query.span, false);
        res.setHeader('Content-Type', DOCX);
        res.setHeader(
          'Content-Disposition',
          `attachment; filename="bulletin-${bulletin.period.key}.docx"; filename*=UTF-8''${encodeURIComponent(name)}`,
        );
        res.send(file);
      })().catch(next);
    });

    // Stored and attached with the caller's own rights: the file is theirs, the draft their office's.
    router.post('/bulletin/draft', (req: Req, res: Response, next: NextFunction) => {
      (async () => {
        if (!req.body || typeof req.body !== 'object' || Array.isArray(req.body))
          throw new InvalidPayloadError({ reason: '请求应为对象，如 {"span":"2026-11"}' });
        const { bulletin, file, name } = await bulletinOf(req, (req.body as { span?: unknown }).span, true);
        const schema = await getSchema();
        const title = `关于${bulletin.period.label}综治信息系统运行情况的督查通报`;
        const files = new services.FilesService({ schema, accountability: req.accountability });
        const fileId = await files.uploadOne(Readable.from(file), { storage: 'local', filename_download: name, type: DOCX, title });
        const documents = new services.ItemsService('documents', { schema, accountability: req.accountability });
        const id = await documents.createOne({
          kind: 'notice',
          title,
          body: draftBody(bulletin),
          attachments: [{ directus_files_id: fileId }],
        });
        res.json({ data: { document: id, file: fileId } });
      })().catch(next);
    });
  },
};

/** The draft's text: what the attached bulletin says in a few lines, for the office to edit before sending. */
function draftBody(b: Awaited<ReturnType<typeof gatherBulletin>>): string {
  const short = b.units.filter((u) => Object.values(u.items).some((item) => Object.values(item).some((m) => m.short)));
  return [
    `现将${b.period.label}综治信息系统运行情况督查通报印发给你们（见附件）。`,
    short.length
      ? `${short.map((u) => u.name).join('、')}存在问题，请对照通报逐项整改，于下月10日前报送整改情况。`
      : '各单位均达到要求，请继续保持。',
  ].join('\n');
}

export default endpoint;
