// The month's report drafts on the one reminder engine: from the 1st of each month
// (Beijing time) the worker drafts every office's analysis report of the month just
// closed, and the district's and each street's supervision bulletin — one job per
// office and kind, each made once (report_drafts). MONTHLY_REPORTS=false switches it
// off (the test servers: their tests draft on demand). A month's drafts are made
// in its first days only: a system started later in the month makes none for it
// — the offices draft on demand.

import type { Knex } from 'knex';
import { type FileStore, fileStoreFromEnv, storeFile } from '../../kernel/stored-files.ts';
import type { ReminderDomain } from '../../kernel/reminder-engine.ts';
import { OFFICE_KIND } from '../../kernel/unit-path.ts';
import { lastClosed, parsePeriod } from '../assessment/period.ts';
import { draftKey, draftReport, draftsOf, type ReportKind, type ReportUnit } from './drafts.ts';

export const MONTHLY_REPORTS = 'monthly_reports';
/** How long into a month its drafts are still made (a worker down on the 1st catches up). */
const CATCH_UP_DAYS = 7;
const DAY = 86_400_000;

interface DraftJob {
  kind: ReportKind;
  period: string;
  unit: number;
}

export function monthlyReports(
  enabled = process.env.MONTHLY_REPORTS !== 'false',
  store: FileStore | null = fileStoreFromEnv(),
): ReminderDomain<DraftJob> {
  return {
    name: MONTHLY_REPORTS,
    async *due(db: Knex, now: Date) {
      if (!enabled || !store) return;
      const period = lastClosed('month', now);
      if (now.getTime() - period.end.getTime() > CATCH_UP_DAYS * DAY) return;
      const offices = (await db('units')
        .where({ kind: OFFICE_KIND })
        .whereIn('level', ['district', 'street', 'community'])
        .orderBy('path')
        .select('id', 'level')) as { id: number; level: string }[];
      yield offices.flatMap((u) =>
        draftsOf(u.level).map((kind) => ({
          key: draftKey(kind, period.key, u.id),
          at: period.end,
          job: { kind, period: period.key, unit: u.id },
        })),
      );
    },
    async sent(db, keys) {
      return new Set((await db('report_drafts').whereIn('key', keys).pluck('key')) as string[]);
    },
    async fire(db, job, now) {
      const period = parsePeriod(job.period);
      const unit = (await db('units').where({ id: job.unit, kind: OFFICE_KIND }).first('id', 'name', 'path', 'level')) as
        | ReportUnit
        | undefined;
      if (!period || !unit || !store || !draftsOf(unit.level).includes(job.kind)) return 'stale';
      const made = await draftReport(db, (file) => storeFile(db, store, file, now), {
        kind: job.kind,
        unit,
        period,
        now,
        user: null,
        key: draftKey(job.kind, period.key, unit.id),
      });
      return made ? 'sent' : 'duplicate';
    },
  };
}
