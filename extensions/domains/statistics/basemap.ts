// The grid map's base map (底图): a tile service on the government network (an intranet
// 天地图, the district's own), set by an administrator in Studio's Settings → Maps
// (Directus's own `basemaps` setting, the one Studio's map layouts use too). The first
// raster entry is the grid map's. Without one the map draws boundaries and points alone.
// The app asks us for the tiles (same origin: the content security policy stays
// 'self'), and we fetch them from the address set, filled in with the tile's z/x/y.

export interface Basemap {
  name: string;
  url: string;
  tileSize: number;
  attribution: string | null;
}

/** The tile address's placeholders: zoom, column, row (天地图's WMTS TILEMATRIX/TILECOL/TILEROW take them too). */
const PLACEHOLDERS = ['{z}', '{x}', '{y}'] as const;
export const MAX_TILE_ZOOM = 22;

/** The base map set in Settings → Maps: its first raster entry with an http(s) address holding {z}, {x} and {y}. */
export function basemapOf(basemaps: unknown): Basemap | null {
  const list = typeof basemaps === 'string' ? parsed(basemaps) : basemaps;
  if (!Array.isArray(list)) return null;
  for (const entry of list) {
    if (!entry || typeof entry !== 'object') continue;
    const { name, type, url, tileSize, attribution } = entry as Record<string, unknown>;
    if (type !== 'raster' || typeof url !== 'string' || !/^https?:\/\//i.test(url)) continue;
    if (!PLACEHOLDERS.every((p) => url.includes(p))) continue;
    return {
      name: typeof name === 'string' && name.trim() ? name.trim() : '底图',
      url,
      tileSize: typeof tileSize === 'number' && tileSize >= 64 && tileSize <= 1024 ? tileSize : 256,
      attribution: typeof attribution === 'string' && attribution.trim() ? attribution.trim() : null,
    };
  }
  return null;
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** A tile's z/x/y from the request's path: whole numbers within the world at that zoom, or null. */
export function tileOf(z: unknown, x: unknown, y: unknown): { z: number; x: number; y: number } | null {
  const [zoom, column, row] = [z, x, y].map((v) => (typeof v === 'string' && /^\d{1,7}$/.test(v) ? Number(v) : -1));
  if (zoom! < 0 || zoom! > MAX_TILE_ZOOM) return null;
  const n = 2 ** zoom!;
  if (column! < 0 || column! >= n || row! < 0 || row! >= n) return null;
  return { z: zoom!, x: column!, y: row! };
}

/** The address of one tile on the tile service. */
export const tileAddress = (basemap: Basemap, tile: { z: number; x: number; y: number }): string =>
  basemap.url.replaceAll('{z}', String(tile.z)).replaceAll('{x}', String(tile.x)).replaceAll('{y}', String(tile.y));
