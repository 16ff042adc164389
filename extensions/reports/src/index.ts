// Endpoint: reports (分析研判报告, 督查通报).
//   GET  /reports/analysis?span=2026-11      the caller's office's monthly analysis report (.docx; &format=pdf: as PDF,
//                                           where LibreOffice is installed — kernel/pdf.ts)
//   POST /reports/analysis/draft { span? }   the same as a draft office document of the caller's office (分析研判报告),
//                                           the Word file attached, to be edited and sent up to the superior office
//   GET  /reports/bulletin?span=2026-11      the caller's office's monthly supervision bulletin (.docx) for the offices below it
//   POST /reports/bulletin/draft { span? }   the same as a draft notice of the caller's office, to be sent down with sign-for
// The month is the last closed one by default. The worker drafts both on the 1st of each month
// (domains/reports/schedule.ts); these make them on demand. HTTP only: who is asking; the rest is domains/reports.

import type { EndpointConfig } from '@directus/extensions';
import { createError, InvalidPayloadError } from '@directus/errors';
import type { Accountability } from '@directus/types';
import type { NextFunction, Request, Response } from 'express';
import { Readable } from 'node:stream';
import { lastClosed, parsePeriod } from '../../domains/assessment/period.ts';
import { DOCX, draftReport, draftsOf, makeReport, type ReportKind } from '../../domains/reports/drafts.ts';
import { loadActor } from '../../kernel/actor.ts';
import { docxToPdf, PDF } from '../../kernel/pdf.ts';
import { OFFICE_KIND } from '../../kernel/unit-path.ts';

type Req = Request & { accountability?: Accountability };
const ReportForbidden = createError<{ reason: string }>('REPORT_FORBIDDEN', (e) => e.reason, 403);

/** Who may make which report, in the words of the refusal. */
const WHO: Record<ReportKind, string> = {
  analysis: '分析研判报告由区、街道、社区综治办编写',
  bulletin: '督查通报由区综治办通报各街道、街道综治办通报各社区',
};

const endpoint: EndpointConfig = {
  id: 'reports',
  handler: (router, { database, services, getSchema }) => {
    /** The caller's office and the month asked (the last closed one by default), checked for the kind of report. */
    async function askedFor(req: Req, kind: ReportKind, span: unknown, writes: boolean) {
      const actor = await loadActor(database, req.accountability);
      const { unit } = actor;
      if (unit.kind !== OFFICE_KIND || !draftsOf(unit.level).includes(kind)) throw new ReportForbidden({ reason: WHO[kind] });
      if (writes && actor.readOnly) throw new ReportForbidden({ reason: '领导账号只能查阅，不能起草公文' });
      const now = new Date();
      const period = span === undefined ? lastClosed('month', now) : parsePeriod(span);
      if (!period || period.type !== 'month') throw new InvalidPayloadError({ reason: '月份格式应为 2026-11' });
      if (period.start > now) throw new InvalidPayloadError({ reason: '该月份尚未开始' });
      return { actor, unit, period, now };
    }

    for (const kind of ['analysis', 'bulletin'] as const) {
      router.get(`/${kind}`, (req: Req, res: Response, next: NextFunction) => {
        (async () => {
          const format = req.query.format ?? 'docx';
          if (format !== 'docx' && format !== 'pdf') throw new InvalidPayloadError({ reason: '格式应为 docx 或 pdf' });
          const { unit, period, now } = await askedFor(req, kind, req.query.span, false);
          const report = await makeReport(database, kind, unit, period, now);
          const bytes = format === 'pdf' ? await docxToPdf(report.bytes) : report.bytes;
          const name = format === 'pdf' ? report.name.replace(/\.docx$/, '.pdf') : report.name;
          res.setHeader('Content-Type', format === 'pdf' ? PDF : DOCX);
          res.setHeader(
            'Content-Disposition',
            `attachment; filename="${kind}-${period.key}.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`,
          );
          res.send(bytes);
        })().catch(next);
      });

      // The file is stored with the caller's own rights (theirs, as an upload is); the draft is their office's.
      router.post(`/${kind}/draft`, (req: Req, res: Response, next: NextFunction) => {
        (async () => {
          if (!req.body || typeof req.body !== 'object' || Array.isArray(req.body))
            throw new InvalidPayloadError({ reason: '请求应为对象，如 {"span":"2026-11"}' });
          const { actor, unit, period, now } = await askedFor(req, kind, (req.body as { span?: unknown }).span, true);
          const schema = await getSchema();
          const files = new services.FilesService({ schema, accountability: req.accountability });
          const made = await draftReport(
            database,
            (file) =>
              files.uploadOne(Readable.from(file.bytes), {
                storage: 'local',
                filename_download: file.name,
                type: file.type,
                title: file.title,
              }) as Promise<string>,
            { kind, unit, period, now, user: actor.user },
          );
          res.json({ data: made });
        })().catch(next);
      });
    }
  },
};

export default endpoint;
