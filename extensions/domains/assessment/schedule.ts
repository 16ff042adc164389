// The assessment's jobs on the one reminder engine:
// - runs: on the 1st of each month (and after each half year and year) every active
//   rubric scores the period that closed, for every unit it assesses. A run missed
//   while the system was down is due in the past, so the scan at start queues it at
//   once; a live run of that period (cut off before its end) is scored once more.
// - live: every minute, the period under way is scored again with the data up to
//   now (a whole Pukou month takes about a second on PostgreSQL: bench:assessment),
//   so a unit's current score is never more than a minute or two old.

import type { ReminderDomain } from '../../kernel/reminder-engine.ts';
import { lastClosed, type PeriodType } from './period.ts';
import { assessmentService, holdsWholePeriod } from './service.ts';

export const ASSESSMENT = 'assessment';
export const ASSESSMENT_LIVE = 'assessment-live';
const MINUTE = 60_000;

interface RunJob {
  rubric: number;
  period: string;
}

const keyOf = (job: RunJob) => `${job.rubric}-${job.period}`;
/** keyOf read back: the rubric's id, then the period's key (which has dashes of its own). */
const jobOf = (key: string): RunJob => {
  const [rubric, ...period] = key.split('-');
  return { rubric: Number(rubric), period: period.join('-') };
};

async function activeRubrics(db: Parameters<ReminderDomain['due']>[0]) {
  return (await db('assessment_rubrics').where({ status: 'active' }).select('id', 'period_type')) as {
    id: number;
    period_type: PeriodType;
  }[];
}

export function assessmentRuns(): ReminderDomain<RunJob> {
  return {
    name: ASSESSMENT,
    async *due(db, now) {
      // The period that closed last, due when it closed: a rubric made later still scores it.
      yield (await activeRubrics(db)).map((r) => {
        const period = lastClosed(r.period_type, now);
        const job = { rubric: r.id, period: period.key };
        return { key: keyOf(job), at: period.end, job };
      });
    },
    async sent(db, keys) {
      // Made once the run holds the whole period (or has gone on to review and beyond).
      // Only the runs of the rubrics and periods asked about: the scan asks every minute, the runs only grow.
      const asked = keys.map(jobOf);
      const rows = await db('assessment_runs')
        .whereIn('rubric', [...new Set(asked.map((j) => j.rubric))])
        .whereIn('period', [...new Set(asked.map((j) => j.period))])
        .select('rubric', 'period', 'status', 'cutoff_at');
      const made = new Set(rows.filter(holdsWholePeriod).map((r) => keyOf({ rubric: r.rubric, period: r.period })));
      return new Set(keys.filter((k) => made.has(k)));
    },
    fire: (db, job, now) => assessmentService(db).scheduled(job.rubric, job.period, now),
  };
}

interface LiveJob {
  rubric: number;
}

export function assessmentLive(): ReminderDomain<LiveJob> {
  return {
    name: ASSESSMENT_LIVE,
    async *due(db, now) {
      const minute = Math.floor(now.getTime() / MINUTE);
      yield (await activeRubrics(db)).map((r) => ({ key: `${r.id}-${minute}`, at: now, job: { rubric: r.id } }));
    },
    fire: (db, job, now) => assessmentService(db).live(job.rubric, now),
  };
}
