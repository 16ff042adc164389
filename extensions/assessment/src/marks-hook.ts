// Hook: the assessment's change-mark triggers put back after a change of the data model.
// SQLite alters a table by rebuilding it, which drops the table's triggers; without them
// the live scoring would miss that table's changes until the next start. After any change
// of fields or relations, the triggers missing on SQLite are created again (PostgreSQL
// keeps them: nothing to do).

import type { HookConfig } from '@directus/extensions';
import { changeMarkSql, MARKS_TABLE, sqliteMarkTriggers } from '../../kernel/change-marks.ts';
import { METRIC_SOURCES } from '../../domains/assessment/metrics.ts';

const hook: HookConfig = ({ action }, { database, logger }) => {
  if (String(database.client.config.client) !== 'sqlite3') return;
  const restore = async () => {
    const tables = new Set((await database('sqlite_master').where({ type: 'table' }).pluck('name')) as string[]);
    if (!tables.has(MARKS_TABLE)) return;
    const present = new Set((await database('sqlite_master').where({ type: 'trigger' }).pluck('name')) as string[]);
    for (const mark of METRIC_SOURCES) {
      if (!tables.has(mark.table) || sqliteMarkTriggers(mark.table).every((t) => present.has(t))) continue;
      for (const statement of changeMarkSql('sqlite3', mark)) await database.raw(statement);
    }
  };
  for (const kind of ['fields', 'relations', 'collections'] as const)
    for (const event of ['create', 'update', 'delete'] as const)
      action(`${kind}.${event}`, () => {
        restore().catch((error) => logger.warn(`考评变动标记触发器未能恢复：${(error as Error).message}`));
      });
};

export default hook;
