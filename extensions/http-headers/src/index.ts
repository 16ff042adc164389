// The headers every answer carries, Studio's and the app's files included (the content
// security policy itself is Directus's, set from directus.config.ts):
// - X-Content-Type-Options: nosniff — a file is what its type says (uploads are served back);
// - X-Frame-Options: SAMEORIGIN — besides the policy's frame-ancestors, for older browsers;
// - Referrer-Policy: same-origin — no address of ours (with ids in it) goes to another site;
// - no X-Powered-By: Directus names itself on every answer, which tells a prober what to try.
// Registered before Directus's own middlewares and routes (/admin is served before
// routes.before); the banner Directus sets later is taken off as the head is written.
//
// And one answer of its own: a request that failed because the database was out of reach
// or busy (kernel/outage.ts) is answered 503 with a Chinese message and Retry-After, not
// 500 “unexpected error” — registered after every route, just before Directus's error
// handler, which writes the answer.

import { createError } from '@directus/errors';
import type { HookConfig } from '@directus/extensions';
import type { NextFunction, Request, Response } from 'express';
import { OUTAGE_MESSAGES, outageOf, RETRY_AFTER_SECONDS } from '../../kernel/outage.ts';

const DatabaseUnavailable = createError('DATABASE_UNAVAILABLE', OUTAGE_MESSAGES.unavailable, 503);
const DatabaseBusy = createError('DATABASE_BUSY', OUTAGE_MESSAGES.busy, 503);

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'SAMEORIGIN',
  'Referrer-Policy': 'same-origin',
};

const hook: HookConfig = ({ init }) => {
  init('middlewares.before', ({ app }) => {
    app.use((_req: Request, res: Response, next: NextFunction) => {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
      // Never an answer from Directus's response cache (CACHE_ENABLED keeps only its look-ups, such as
      // $CURRENT_USER's fields): our endpoints and the worker write beside ItemsService, which purges it.
      res.locals.cache = false;
      const writeHead = res.writeHead;
      res.writeHead = function (this: Response, ...args: Parameters<Response['writeHead']>) {
        this.removeHeader('X-Powered-By');
        return writeHead.apply(this, args);
      } as Response['writeHead'];
      next();
    });
  });
  init('routes.custom.after', ({ app }) => {
    app.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
      const outage = outageOf(error);
      if (!outage) return next(error);
      res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      next(outage === 'busy' ? new DatabaseBusy() : new DatabaseUnavailable());
    });
  });
};

export default hook;
