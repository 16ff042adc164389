// Endpoint: makes sure every unit path column has an index that serves the
// jurisdiction filter (`LIKE '/320111/S03/%'`), and creates the indexes the
// collections declare in schema/ (sent in the body: `{ indexes: [{ table,
// columns, unique?, name? }] }`) and the triggers of append-only tables
// (`appendOnly: [{ table, timeColumn, minRetentionDays }]`) and the triggers that
// mark the changes the assessment re-scores (`changeMarks: [{ table, column, unit? }]`); fills the
// participant paths of matters that have none (stored before the column). Called by
// `npm run schema:apply`; idempotent.

import type { EndpointConfig } from '@directus/extensions';
import { ForbiddenError, InvalidPayloadError } from '@directus/errors';
import { type ChangeMark, changeMarkSql, MARKS_TABLE, parseChangeMarks } from '../../kernel/change-marks.ts';
import { backfillSql, PARTICIPANT_PATHS } from '../../domains/matters/participant-paths.ts';
import { pathCarriers } from '../../kernel/moves.ts';
import {
  type AppendOnlyTable,
  appendOnlySql,
  containsIndexSql,
  declaredIndexName,
  declaredIndexSql,
  parseAppendOnly,
  parseDeclaredIndexes,
  prefixIndexSql,
  type DeclaredIndex,
} from './index-sql.ts';

const endpoint: EndpointConfig = {
  id: 'jurisdiction-indexes',
  handler: (router, { database, getSchema }) => {
    router.post('/', async (req, res, next) => {
      try {
        if (!(req as unknown as { accountability?: { admin?: boolean } }).accountability?.admin) throw new ForbiddenError();
        let declared: DeclaredIndex[];
        let appendOnly: AppendOnlyTable[];
        let marks: ChangeMark[];
        try {
          declared = parseDeclaredIndexes(req.body);
          appendOnly = parseAppendOnly(req.body);
          marks = parseChangeMarks(req.body);
        } catch (error) {
          throw new InvalidPayloadError({ reason: (error as Error).message });
        }
        const schema = await getSchema();
        const unknown = declared.find((i) => i.columns.some((c) => !schema.collections[i.table]?.fields[c]));
        if (unknown) throw new InvalidPayloadError({ reason: `no such columns: ${unknown.table}.${unknown.columns.join(', ')}` });
        const unmarked = marks.find((m) => !schema.collections[m.table]?.fields[m.column]);
        if (unmarked || (marks.length && !schema.collections[MARKS_TABLE]))
          throw new InvalidPayloadError({
            reason: `no such column to mark changes by: ${unmarked ? `${unmarked.table}.${unmarked.column}` : MARKS_TABLE}`,
          });
        const columns = [{ table: 'units', column: 'path' }, ...pathCarriers(schema).map((table) => ({ table, column: 'unit_path' }))];
        const client = database.client.config.client as string;
        for (const { table, column } of columns) await database.raw(prefixIndexSql(client, table, column));
        for (const index of declared) await database.raw(declaredIndexSql(client, index));
        for (const table of appendOnly) for (const statement of appendOnlySql(client, table)) await database.raw(statement);
        for (const mark of marks) for (const statement of changeMarkSql(client, mark)) await database.raw(statement);
        // Matters stored before they listed their participants' paths get the list from the rows.
        if (schema.collections.matters?.fields[PARTICIPANT_PATHS]) {
          await database.raw(backfillSql(client));
          // The visibility rule reads it with `_contains` (schema/access.ts MATTER_VISIBLE).
          for (const statement of containsIndexSql(client, 'matters', PARTICIPANT_PATHS)) await database.raw(statement);
        }
        res.json({
          data: {
            prefix: columns,
            declared: declared.map(declaredIndexName),
            appendOnly: appendOnly.map((t) => t.table),
            changeMarks: marks.map((m) => m.table),
          },
        });
      } catch (error) {
        next(error);
      }
    });
  },
};

export default endpoint;
