// The base map's tiles under the grid map, when the administrator has set a tile address
// (Directus Settings → Maps): the map is then drawn in Web Mercator, the projection tile
// services (天地图, the intranet's own) cut their 256-pixel tiles in, and the tiles that
// cover what is in view are laid under the boundaries at the zoom closest to the view's scale.

const RAD = Math.PI / 180;
/** Web Mercator ends here: a square world. */
export const MAX_LATITUDE = 85.05112878;
/** No more tiles than this for one view (a big screen at a zoom between two levels). */
export const MAX_TILES = 120;
export const MAX_ZOOM = 18;

/** Longitude and latitude (degrees) to Web Mercator in radians, y growing downward as on the screen. */
export function project([lng, lat]: number[]): [number, number] {
  const φ = Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat!)) * RAD;
  return [lng! * RAD, -Math.log(Math.tan(Math.PI / 4 + φ / 2))];
}

export function unproject([x, y]: number[]): [number, number] {
  return [x! / RAD, (2 * Math.atan(Math.exp(-y!)) - Math.PI / 2) / RAD];
}

/** One tile: its address and the corners it covers (degrees). */
export interface Tile {
  z: number;
  x: number;
  y: number;
  west: number;
  north: number;
  east: number;
  south: number;
}

/** What is in view: its edges in degrees and its width in pixels. */
export interface View {
  west: number;
  east: number;
  north: number;
  south: number;
  width: number;
}

const tileX = (lng: number, n: number) => Math.floor(((lng + 180) / 360) * n);
const tileY = (lat: number, n: number) => Math.floor(((project([0, lat])[1] + Math.PI) / (2 * Math.PI)) * n);
const tileLng = (x: number, n: number) => (x / n) * 360 - 180;
const tileLat = (y: number, n: number) => unproject([0, (y / n) * 2 * Math.PI - Math.PI])[1];

/** The zoom whose tiles are drawn closest to their own size in this view. */
export function zoomFor(view: View, tileSize = 256): number {
  const span = (view.east - view.west) * RAD;
  if (!(span > 0) || !(view.width > 0)) return 0;
  const zoom = Math.round(Math.log2(((2 * Math.PI) / span) * (view.width / tileSize)));
  return Math.max(0, Math.min(MAX_ZOOM, zoom));
}

/** The tiles that cover the view, at the zoom for its scale (a lower one when there would be too many). */
export function tilesFor(view: View, tileSize = 256): Tile[] {
  const west = Math.max(-180, view.west);
  const east = Math.min(180, view.east);
  const north = Math.min(MAX_LATITUDE, view.north);
  const south = Math.max(-MAX_LATITUDE, view.south);
  if (!(east > west) || !(north > south)) return [];
  for (let z = zoomFor(view, tileSize); z >= 0; z--) {
    const n = 2 ** z;
    const last = n - 1;
    const [x0, x1] = [tileX(west, n), Math.min(last, tileX(east, n))];
    const [y0, y1] = [tileY(north, n), Math.min(last, tileY(south, n))];
    if ((x1 - x0 + 1) * (y1 - y0 + 1) > MAX_TILES) continue;
    const tiles: Tile[] = [];
    for (let x = x0; x <= x1; x++)
      for (let y = y0; y <= y1; y++)
        tiles.push({
          z,
          x,
          y,
          west: tileLng(x, n),
          east: tileLng(x + 1, n),
          north: tileLat(y, n),
          south: tileLat(y + 1, n),
        });
    return tiles;
  }
  return [];
}
