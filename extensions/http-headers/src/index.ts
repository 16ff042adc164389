// The headers every answer carries, Studio's and the app's files included (the content
// security policy itself is Directus's, set from directus.config.ts):
// - X-Content-Type-Options: nosniff — a file is what its type says (uploads are served back);
// - X-Frame-Options: SAMEORIGIN — besides the policy's frame-ancestors, for older browsers;
// - Referrer-Policy: same-origin — no address of ours (with ids in it) goes to another site;
// - no X-Powered-By: Directus names itself on every answer, which tells a prober what to try.
// Registered before Directus's own middlewares and routes (/admin is served before
// routes.before); the banner Directus sets later is taken off as the head is written.

import type { HookConfig } from '@directus/extensions';
import type { NextFunction, Request, Response } from 'express';

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'SAMEORIGIN',
  'Referrer-Policy': 'same-origin',
};

const hook: HookConfig = ({ init }) => {
  init('middlewares.before', ({ app }) => {
    app.use((_req: Request, res: Response, next: NextFunction) => {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
      const writeHead = res.writeHead;
      res.writeHead = function (this: Response, ...args: Parameters<Response['writeHead']>) {
        this.removeHeader('X-Powered-By');
        return writeHead.apply(this, args);
      } as Response['writeHead'];
      next();
    });
  });
};

export default hook;
