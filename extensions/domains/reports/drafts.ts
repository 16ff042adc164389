// The reports an office drafts each month, as draft office documents with the
// Word file attached: its analysis report (分析研判报告, sent up to its superior
// office with sign-for) and, for the district and the streets, the supervision
// bulletin (督查通报, sent down to the offices below). Made on demand (the
// /reports endpoint, as the person asking) and on the 1st of each month by the
// worker (schedule.ts), once per office, month and kind: the month's draft is
// recorded under its key in report_drafts, and a second run finds it there.

import type { Knex } from 'knex';
import type { Period } from '../assessment/period.ts';
import { analysisText, gatherAnalysis } from './analysis.ts';
import { analysisDocx, analysisTitle } from './analysis-docx.ts';
import { gatherBulletin } from './bulletin.ts';
import { bulletinDocx } from './bulletin-docx.ts';

export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export const REPORT_KINDS = { analysis: '分析研判报告', bulletin: '督查通报' } as const;
export type ReportKind = keyof typeof REPORT_KINDS;

/** The office a report is made by. */
export interface ReportUnit {
  id: number;
  name: string;
  path: string;
  level: string;
}

/** Who drafts which report: every office its analysis, the district and the streets a bulletin for the offices below. */
export const draftsOf = (level: string): ReportKind[] =>
  level === 'district' || level === 'street' ? ['analysis', 'bulletin'] : level === 'community' ? ['analysis'] : [];

/** The month's draft of a kind by an office, as report_drafts and the worker's jobs name it. */
export const draftKey = (kind: ReportKind, period: string, unit: number) => `${kind}_${period}_${unit}`;

/** A Word file to store (a Directus file: by FilesService for a person, in the storage folder for the worker). */
export type FileStore = (file: { bytes: Buffer; name: string; title: string; type: string }) => Promise<string>;

/** A report of the month: the draft document's title and text, and its Word file. */
export async function makeReport(db: Knex, kind: ReportKind, unit: ReportUnit, period: Period, now: Date) {
  if (kind === 'analysis') {
    const analysis = await gatherAnalysis(db, unit, period, now);
    const body = analysisText(analysis);
    const title = analysisTitle(analysis);
    return { kind, title, body, name: `${title}.docx`, bytes: await analysisDocx(analysis, body) };
  }
  const bulletin = await gatherBulletin(db, unit, period, now);
  const title = `关于${period.label}综治信息系统运行情况的督查通报`;
  return {
    kind,
    title,
    body: bulletinBody(bulletin),
    name: `${period.key}督查通报（${unit.name}）.docx`,
    bytes: await bulletinDocx(bulletin),
  };
}

/** The bulletin's covering text: what the attached bulletin says in a few lines, for the office to edit before sending. */
function bulletinBody(b: Awaited<ReturnType<typeof gatherBulletin>>): string {
  const short = b.units.filter((u) => Object.values(u.items).some((item) => Object.values(item).some((m) => m.short)));
  return [
    `现将${b.period.label}综治信息系统运行情况督查通报印发给你们（见附件）。`,
    short.length
      ? `${short.map((u) => u.name).join('、')}存在问题，请对照通报逐项整改，于下月10日前报送整改情况。`
      : '各单位均达到要求，请继续保持。',
  ].join('\n');
}

/**
 * Drafts a report of the office: stores its Word file and makes a draft document of the
 * office with it attached (an analysis report is kind 分析研判报告, a bulletin 通知).
 * With `key`, the month's scheduled draft: made once (null when it was made already).
 */
export async function draftReport(
  db: Knex,
  store: FileStore,
  job: { kind: ReportKind; unit: ReportUnit; period: Period; now: Date; user: string | null; key?: string },
): Promise<{ document: number; file: string } | null> {
  if (job.key && (await db('report_drafts').where({ key: job.key }).first('id'))) return null;
  const report = await makeReport(db, job.kind, job.unit, job.period, job.now);
  const file = await store({ bytes: report.bytes, name: report.name, title: report.title, type: DOCX });
  return db.transaction(async (trx) => {
    // The month's draft is claimed first: another worker that made it meanwhile keeps it (this file stays unattached).
    if (job.key) {
      const claimed = await trx('report_drafts')
        .insert({ key: job.key, kind: job.kind, made_at: job.now })
        .onConflict('key')
        .ignore()
        .returning('id');
      if (!claimed.length) return null;
    }
    const [row] = await trx('documents')
      .insert({
        unit: job.unit.id,
        unit_path: job.unit.path,
        kind: job.kind === 'analysis' ? 'analysis' : 'notice',
        urgency: 'normal',
        title: report.title,
        body: report.body,
        status: 'draft',
        user_created: job.user,
        date_created: job.now,
      })
      .returning('id');
    const document = Number(typeof row === 'object' ? row.id : row);
    await trx('documents_files').insert({ documents_id: document, directus_files_id: file });
    if (job.key) await trx('report_drafts').where({ key: job.key }).update({ document });
    return { document, file };
  });
}
