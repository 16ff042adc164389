// Endpoint: statistics (统计研判), read-only.
//   GET /statistics?unit=&span=&figures=                          a unit's figures (the caller's or below) for a span
//   GET /statistics/records?unit=&span=&figure=&group=&value=&hit= the records behind a figure
//   GET /statistics/trend?unit=&figure=&months=                   one figure month by month (the leaders' trend charts)
//   GET /statistics/density?figure=&span=&level=                  one figure for every grid (or community, street) below: the map
// HTTP only: who is asking; the rest is domains/statistics/statistics.ts.

import type { EndpointConfig } from '@directus/extensions';
import type { Accountability } from '@directus/types';
import type { NextFunction, Request, Response } from 'express';
import { statisticsService } from '../../domains/statistics/statistics.ts';
import { loadActor } from '../../kernel/actor.ts';

type Req = Request & { accountability?: Accountability };

const endpoint: EndpointConfig = {
  id: 'statistics',
  handler: (router, { database }) => {
    const statistics = statisticsService(database);
    const route = (handler: (req: Req) => Promise<unknown>) => (req: Req, res: Response, next: NextFunction) =>
      handler(req).then((data) => res.json({ data }), next);
    router.get(
      '/',
      route(async (req) => statistics.figures(await loadActor(database, req.accountability), req.query, new Date())),
    );
    router.get(
      '/trend',
      route(async (req) => statistics.trend(await loadActor(database, req.accountability), req.query, new Date())),
    );
    router.get(
      '/density',
      route(async (req) => statistics.density(await loadActor(database, req.accountability), req.query, new Date())),
    );
    router.get(
      '/records',
      route(async (req) => statistics.records(await loadActor(database, req.accountability), req.query, new Date())),
    );
  },
};

export default endpoint;
