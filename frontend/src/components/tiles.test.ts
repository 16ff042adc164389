import { describe, expect, it } from 'vitest';
import { MAX_TILES, project, tilesFor, unproject, zoomFor } from './tiles.ts';

// 浦口区 is about 118.4–118.9 E, 31.9–32.3 N.
const pukou = { west: 118.4, east: 118.9, north: 32.3, south: 31.9, width: 800 };

describe('the base map’s tiles', () => {
  it('projects to Web Mercator and back', () => {
    const [x, y] = project([118.72, 32.06]);
    expect(x).toBeCloseTo(2.0721, 4);
    expect(y).toBeCloseTo(-0.5913, 3);
    const [lng, lat] = unproject([x, y]);
    expect(lng).toBeCloseTo(118.72, 9);
    expect(lat).toBeCloseTo(32.06, 9);
  });

  it('chooses the zoom whose tiles are about their own size on screen', () => {
    // 0.5° over 800 px: 2^z ≈ 360 / 0.5 × 800 / 256 = 2,250, zoom 11.
    expect(zoomFor(pukou)).toBe(11);
    expect(zoomFor({ ...pukou, width: 1600 })).toBe(12);
    expect(zoomFor({ west: -180, east: 180, north: 85, south: -85, width: 256 })).toBe(0);
    expect(zoomFor({ ...pukou, east: pukou.west })).toBe(0);
    expect(zoomFor({ ...pukou, west: 118.7, east: 118.7000001 })).toBe(18);
  });

  it('covers the view with the tiles of that zoom, numbered as tile services number them', () => {
    const tiles = tilesFor({ ...pukou, west: 118.72, east: 118.73, north: 32.061, south: 32.06, width: 20 });
    // At zoom 10 the point 118.72 E 32.06 N lies in tile 849/415 (x from the west, y from the north).
    const at10 = tilesFor({ west: 118.72, east: 118.7201, north: 32.0601, south: 32.06, width: 0.0001 / (360 / 1024 / 256) });
    expect(at10.map((t) => [t.z, t.x, t.y])).toEqual([[10, 849, 415]]);
    for (const t of [...tiles, ...at10]) {
      expect(t.west).toBeLessThan(t.east);
      expect(t.south).toBeLessThan(t.north);
    }
    const all = tilesFor(pukou);
    const [first] = all;
    expect(first!.z).toBe(11);
    // Every corner of the view inside some tile, and the tiles joined edge to edge.
    for (const [lng, lat] of [
      [pukou.west, pukou.north],
      [pukou.east, pukou.south],
    ])
      expect(all.some((t) => t.west <= lng! && lng! <= t.east && t.south <= lat! && lat! <= t.north)).toBe(true);
    const xs = [...new Set(all.map((t) => t.x))];
    expect(xs.length * new Set(all.map((t) => t.y)).size).toBe(all.length);
    expect(Math.max(...xs) - Math.min(...xs) + 1).toBe(xs.length);
  });

  it('keeps to a bounded number of tiles and to the square world', () => {
    const wide = tilesFor({ west: -400, east: 400, north: 90, south: -90, width: 20000 });
    expect(wide.length).toBeLessThanOrEqual(MAX_TILES);
    expect(wide.length).toBeGreaterThan(0);
    for (const t of wide) {
      expect(t.x).toBeGreaterThanOrEqual(0);
      expect(t.x).toBeLessThan(2 ** t.z);
      expect(t.y).toBeLessThan(2 ** t.z);
    }
    expect(tilesFor({ ...pukou, north: pukou.south })).toEqual([]);
    expect(tilesFor({ ...pukou, width: Number.NaN })[0]!.z).toBe(0);
  });
});
