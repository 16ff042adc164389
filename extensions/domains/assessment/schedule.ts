// The scheduled runs (考评计算) on the one reminder engine: on the 1st of each month
// (and after each half year and year) every active rubric scores the period that
// closed, for every unit it assesses. A run missed while the system was down is due
// in the past, so the scan at start queues it at once; one already made (by hand,
// or twice by two workers) is not made again.

import type { ReminderDomain } from '../../kernel/reminder-engine.ts';
import { lastClosed, type PeriodType } from './period.ts';
import { assessmentService } from './service.ts';

export const ASSESSMENT = 'assessment';

interface RunJob {
  rubric: number;
  period: string;
}

const keyOf = (job: RunJob) => `${job.rubric}-${job.period}`;

export function assessmentRuns(): ReminderDomain<RunJob> {
  return {
    name: ASSESSMENT,
    async *due(db, now) {
      const rubrics = (await db('assessment_rubrics').where({ status: 'active' }).select('id', 'period_type')) as {
        id: number;
        period_type: PeriodType;
      }[];
      // The period that closed last, due when it closed: a rubric made later still scores it.
      yield rubrics.map((r) => {
        const period = lastClosed(r.period_type, now);
        const job = { rubric: r.id, period: period.key };
        return { key: keyOf(job), at: period.end, job };
      });
    },
    async sent(db, keys) {
      const rows = await db('assessment_runs').select('rubric', 'period');
      const made = new Set(rows.map((r) => keyOf({ rubric: r.rubric, period: r.period })));
      return new Set(keys.filter((k) => made.has(k)));
    },
    fire: (db, job, now) => assessmentService(db).scheduled(job.rubric, job.period, now),
  };
}
