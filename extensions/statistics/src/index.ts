// Endpoint: statistics (统计研判), read-only.
//   GET /statistics?unit=&span=&figures=                          a unit's figures (the caller's or below) for a span
//   GET /statistics/records?unit=&span=&figure=&group=&value=&hit= the records behind a figure
//   GET /statistics/trend?unit=&figure=&months=                   one figure month by month (the leaders' trend charts)
//   GET /statistics/density?figure=&span=&level=                  one figure for every grid (or community, street) below: the map
//   GET /statistics/basemap                                       the map's base map set in Settings → Maps (name, attribution), or null
//   GET /statistics/basemap/:z/:x/:y                              one of its tiles, fetched from the tile service on the network
// HTTP only: who is asking; the rest is domains/statistics/statistics.ts and basemap.ts.

import type { EndpointConfig } from '@directus/extensions';
import { createError, InvalidPayloadError } from '@directus/errors';
import type { Accountability } from '@directus/types';
import type { NextFunction, Request, Response } from 'express';
import { type Basemap, basemapOf, tileAddress, tileOf } from '../../domains/statistics/basemap.ts';
import { statisticsService } from '../../domains/statistics/statistics.ts';
import { loadActor } from '../../kernel/actor.ts';

type Req = Request & { accountability?: Accountability };

const BasemapNotSet = createError('BASEMAP_NOT_SET', '未设置底图：管理员可在 设置 → 地图 中填写政务网瓦片服务地址', 404);
const BasemapUnavailable = createError<{ reason: string }>(
  'BASEMAP_UNAVAILABLE',
  (e) => `底图服务暂不可用（${e.reason}），地图仍显示网格边界和点位`,
  502,
);
/** A tile larger than this is not a map tile. */
const MAX_TILE_BYTES = 4 * 1024 * 1024;
const TILE_TIMEOUT_MS = 10_000;

/** One tile from the tile service: an image, or a refusal saying what went wrong there. */
async function fetchTile(address: string): Promise<{ type: string; bytes: Buffer }> {
  let answer: globalThis.Response;
  try {
    answer = await fetch(address, { signal: AbortSignal.timeout(TILE_TIMEOUT_MS), redirect: 'error' });
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    throw new BasemapUnavailable({ reason: timedOut ? '连接超时' : '无法连接' });
  }
  const type = answer.headers.get('content-type') ?? '';
  if (!answer.ok) throw new BasemapUnavailable({ reason: `状态码 ${answer.status}` });
  if (!type.startsWith('image/')) throw new BasemapUnavailable({ reason: '返回的不是图片' });
  if (Number(answer.headers.get('content-length') ?? 0) > MAX_TILE_BYTES) throw new BasemapUnavailable({ reason: '瓦片过大' });
  const bytes = Buffer.from(await answer.arrayBuffer());
  if (bytes.length > MAX_TILE_BYTES) throw new BasemapUnavailable({ reason: '瓦片过大' });
  return { type, bytes };
}

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

    /** The base map as set now (an administrator may change it in Studio at any time). */
    const basemap = async (): Promise<Basemap | null> =>
      basemapOf((await database('directus_settings').first('basemaps'))?.basemaps ?? null);
    router.get(
      '/basemap',
      route(async (req) => {
        await loadActor(database, req.accountability);
        const set = await basemap();
        return set && { name: set.name, tileSize: set.tileSize, attribution: set.attribution };
      }),
    );
    router.get('/basemap/:z/:x/:y', (req: Req, res: Response, next: NextFunction) => {
      (async () => {
        await loadActor(database, req.accountability);
        const tile = tileOf(req.params.z, req.params.x, req.params.y);
        if (!tile) throw new InvalidPayloadError({ reason: '瓦片编号应为 级别/列/行 的整数，且在该级别的范围内' });
        const set = await basemap();
        if (!set) throw new BasemapNotSet();
        const { type, bytes } = await fetchTile(tileAddress(set, tile));
        res.setHeader('Content-Type', type);
        res.setHeader('Cache-Control', 'private, max-age=86400');
        res.send(bytes);
      })().catch(next);
    });
  },
};

export default endpoint;
