// Endpoint /registries: what Directus's item routes cannot express, one file per
// route group — people (look-up, moves), exports, submissions, imports and
// comparisons. Every answer about a record comes from Directus reading it with the
// caller's rights: a record the caller may not see is "not found", whatever the reason.

import type { EndpointConfig } from '@directus/extensions';
import type { Knex } from 'knex';
import type { RouteContext, Services } from './context.ts';
import { exportRoutes } from './export-routes.ts';
import { importRoutes } from './imports.ts';
import { peopleRoutes } from './people-routes.ts';
import { vaultOf } from './sealing.ts';
import { submissionRoutes } from './submission-routes.ts';

const endpoint: EndpointConfig = {
  id: 'registries',
  handler: (router, { services, database, getSchema, env }) => {
    const ctx: RouteContext = {
      services: services as Services,
      db: database as unknown as Knex,
      vault: vaultOf(env),
      getSchema,
      route: (handler) => (req, res, next) => handler(req).then((data) => res.json({ data }), next),
    };
    peopleRoutes(router, ctx);
    exportRoutes(router, ctx);
    submissionRoutes(router, ctx);
    importRoutes(router, ctx);
  },
};

export default endpoint;
