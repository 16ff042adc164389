// The tile-free map of a point picker: our own reference points (units' centres,
// earlier matters' places) framed in a box and drawn on an SVG. Equirectangular,
// with the east-west scale shrunk by cos(latitude) so that a district-sized area
// keeps its shape. No geography is drawn that is not in our data.

export interface LonLat {
  lon: number;
  lat: number;
}
/** Seven decimals: the precision the coordinate fields store (about 1 cm). */
const round = (v: number) => Math.round(v * 1e7) / 1e7;
export interface Frame {
  west: number;
  east: number;
  south: number;
  north: number;
}

/** The box around the points, padded by a tenth (at least ~500 m) on each side; null without points. */
export function frameOf(points: LonLat[], pad = 0.1): Frame | null {
  const valid = points.filter((p) => Number.isFinite(p.lon) && Number.isFinite(p.lat) && Math.abs(p.lat) <= 90 && Math.abs(p.lon) <= 180);
  if (valid.length === 0) return null;
  const lons = valid.map((p) => p.lon);
  const lats = valid.map((p) => p.lat);
  const [west, east, south, north] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const dLon = Math.max((east - west) * pad, 0.005);
  const dLat = Math.max((north - south) * pad, 0.005);
  return { west: round(west - dLon), east: round(east + dLon), south: round(south - dLat), north: round(north + dLat) };
}

/** Width over height of the frame as it looks on the ground. */
export function aspectOf(f: Frame): number {
  const midLat = ((f.north + f.south) / 2) * (Math.PI / 180);
  return ((f.east - f.west) * Math.cos(midLat)) / (f.north - f.south);
}

/** Point → position in a width × height drawing (y downwards). */
export function project(f: Frame, width: number, height: number, p: LonLat): { x: number; y: number } {
  return { x: ((p.lon - f.west) / (f.east - f.west)) * width, y: ((f.north - p.lat) / (f.north - f.south)) * height };
}

/** Position in the drawing → point, rounded to 7 decimals (the precision the fields store). */
export function unproject(f: Frame, width: number, height: number, x: number, y: number): LonLat {
  return { lon: round(f.west + (x / width) * (f.east - f.west)), lat: round(f.north - (y / height) * (f.north - f.south)) };
}

/** A GeoJSON Point (as Directus stores geometry) ⇄ lon/lat. */
export function pointOf(value: unknown): LonLat | null {
  const c = (value as { type?: string; coordinates?: unknown } | null)?.coordinates;
  if (!Array.isArray(c) || c.length < 2 || !Number.isFinite(Number(c[0])) || !Number.isFinite(Number(c[1]))) return null;
  return { lon: Number(c[0]), lat: Number(c[1]) };
}

export function geoPoint(p: LonLat): { type: 'Point'; coordinates: [number, number] } {
  return { type: 'Point', coordinates: [p.lon, p.lat] };
}
