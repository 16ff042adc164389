// Bulk export is the Directus administrator's alone (kernel/export-rule.ts). Three
// places, each where Directus itself decides:
//
// - the `export` query parameter as Directus parsed it (GET ?export=, and a SEARCH
//   body's query), once the caller is known and before any route reads data;
// - Directus's own export route, POST /utils/export/:collection, guarded by a route
//   declared in an Express router like Directus's own: Express matches it exactly as
//   it matches Directus's route (letter case, trailing slash, encoding), so whatever
//   reaches that route reaches this guard first;
// - every read query Directus runs (items and its own collections), so a door not
//   listed here still cannot carry `export`.
//
// Each refusal is a 403 with a Chinese message pointing to 导出申请, and a row in the
// security audit log (export_refused).

import { createError } from '@directus/errors';
import type { HookConfig } from '@directus/extensions';
import type { Accountability } from '@directus/types';
import express, { type NextFunction, type Request, type Response } from 'express';
import { appendAuditSoon, byAccountability } from '../../kernel/audit.ts';
import { EXPORT_REFUSED, exportAsked, mayExportInBulk } from '../../kernel/export-rule.ts';

const ExportForbidden = createError<{ reason: string }>('EXPORT_FORBIDDEN', (e) => e.reason, 403);

type Req = Request & { accountability?: Accountability | null; sanitizedQuery?: Record<string, unknown> };

/** The read queries of Directus's services besides items: `<scope>.query`. */
const SCOPES = [
  'items',
  'users',
  'files',
  'folders',
  'activity',
  'revisions',
  'notifications',
  'comments',
  'versions',
  'roles',
  'policies',
];

const hook: HookConfig = ({ filter, init }, { database, logger }) => {
  const warn = (error: Error) => logger.warn(`export refusal not recorded: ${error.message}`);
  const refused = (accountability: Accountability | null | undefined, collection: string | null, how: string) => {
    appendAuditSoon(
      database,
      { action: 'export_refused', outcome: 'refused', ...byAccountability(accountability), collection, detail: { how } },
      warn,
    );
    return new ExportForbidden({ reason: EXPORT_REFUSED });
  };

  init('routes.before', ({ app }) => {
    app.use((req: Req, _res: Response, next: NextFunction) => {
      const asked = exportAsked(req.sanitizedQuery) ?? (req.method === 'SEARCH' ? exportAsked(req.body?.query) : null);
      if (!asked || mayExportInBulk(req.accountability)) return next();
      next(refused(req.accountability, null, `query export=${asked}`));
    });
    const doors = express.Router();
    doors.all('/utils/export/:collection', (req: Req, _res: Response, next: NextFunction) => {
      if (mayExportInBulk(req.accountability)) return next();
      next(refused(req.accountability, String(req.params.collection ?? ''), 'utils/export'));
    });
    app.use(doors);
  });

  for (const scope of SCOPES)
    filter(`${scope}.query`, (query, meta, context) => {
      const asked = exportAsked(query);
      if (asked && !mayExportInBulk(context.accountability))
        throw refused(context.accountability, (meta as { collection?: string }).collection ?? null, `query export=${asked}`);
      return query;
    });
};

export default hook;
