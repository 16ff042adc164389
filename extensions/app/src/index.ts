// Endpoint: the Refine app at /app, from frontend/dist (built by
// scripts/build-frontend.ts), on the same origin as the API so the session
// cookie works without CORS. Client routes fall back to index.html.

import type { EndpointConfig } from '@directus/extensions';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { answerFor } from './static.ts';

const DIST = resolve(import.meta.dirname, '../../../frontend/dist');
const isFile = (file: string) => existsSync(file) && statSync(file).isFile();

const endpoint: EndpointConfig = {
  id: 'app',
  handler: (router) => {
    router.use((req, res, next) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return next();
      // /app → /app/ so that relative URLs and the service worker scope agree.
      if (req.originalUrl === '/app' || req.originalUrl.startsWith('/app?')) return res.redirect(301, '/app/' + req.originalUrl.slice(4));
      const answer = answerFor(DIST, req.path, isFile, /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')));
      if (!answer.file) {
        res
          .status(404)
          .type('text/plain')
          .send(existsSync(DIST) ? 'Not found' : 'The app is not built: run `npm run build:frontend`.');
        return;
      }
      res.setHeader('Content-Type', answer.type);
      res.setHeader('Cache-Control', answer.cacheControl);
      res.setHeader('Vary', 'Accept-Encoding');
      if (answer.gzip) res.setHeader('Content-Encoding', 'gzip');
      res.setHeader('Content-Length', String(statSync(answer.file).size));
      if (req.method === 'HEAD') return void res.end();
      createReadStream(answer.file).on('error', next).pipe(res);
    });
  },
};

export default endpoint;
