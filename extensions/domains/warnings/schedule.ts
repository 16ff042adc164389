// Early warning on the one reminder engine: every few minutes (WARNING_EVERY_MINUTES,
// 5 by default) the worker evaluates every active rule, so that a warning follows the
// change that feeds it within minutes, and a silence or a passed deadline — which no
// change announces — is noticed as well. An evaluation run twice raises nothing twice
// (a warning's episode key is unique). WARNING_EVERY_MINUTES=0 switches the schedule
// off (the test servers: their tests evaluate on demand, POST /warnings/evaluate).

import type { ReminderDomain } from '../../kernel/reminder-engine.ts';
import { warningService } from './service.ts';

export const WARNINGS = 'warnings';
const MINUTE = 60_000;

export function warningEvaluations(everyMinutes = Number(process.env.WARNING_EVERY_MINUTES ?? 5)): ReminderDomain<{ slot: number }> {
  const off = everyMinutes === 0;
  const every = Math.max(1, Number.isFinite(everyMinutes) ? everyMinutes : 5) * MINUTE;
  return {
    name: WARNINGS,
    async *due(_db, now) {
      if (off) return;
      const slot = Math.floor(now.getTime() / every);
      yield [{ key: String(slot), at: new Date(slot * every), job: { slot } }];
    },
    async fire(db, _job, now) {
      const report = await warningService(db).evaluate(now);
      for (const f of report.failed) console.error(`worker: warning rule ${f.rule} could not be evaluated: ${f.error}`);
      return report.raised ? 'sent' : 'stale';
    },
  };
}
