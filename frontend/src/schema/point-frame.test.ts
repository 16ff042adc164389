import { describe, expect, it } from 'vitest';
import { aspectOf, frameOf, geoPoint, pointOf, project, unproject } from './point-frame.ts';

describe('the tile-free point map', () => {
  const units = [
    { lon: 118.6, lat: 32.0 },
    { lon: 118.7, lat: 32.1 },
  ];

  it('frames our own points with a margin, and nothing without points', () => {
    expect(frameOf(units)).toEqual({ west: 118.59, east: 118.71, south: 31.99, north: 32.11 });
    expect(frameOf([])).toBeNull();
    expect(
      frameOf([
        { lon: Number.NaN, lat: 1 },
        { lon: 200, lat: 0 },
      ]),
    ).toBeNull();
    // One point: at least ~500 m around it.
    expect(frameOf([{ lon: 118.6, lat: 32 }])).toEqual({ west: 118.595, east: 118.605, south: 31.995, north: 32.005 });
  });

  it('keeps the shape on the ground: a degree of longitude at 32° N is about 0.85 of one of latitude', () => {
    expect(aspectOf({ west: 0, east: 1, south: 31.5, north: 32.5 })).toBeCloseTo(Math.cos((32 * Math.PI) / 180), 5);
  });

  it('maps a click to lon/lat and back', () => {
    const f = frameOf(units)!;
    const corner = project(f, 600, 400, { lon: 118.59, lat: 32.11 });
    expect(corner.x).toBeCloseTo(0, 6);
    expect(corner.y).toBeCloseTo(0, 6);
    const p = unproject(f, 600, 400, 300, 200);
    expect(p).toEqual({ lon: 118.65, lat: 32.05 });
    const back = project(f, 600, 400, p);
    expect(back.x).toBeCloseTo(300, 6);
    expect(back.y).toBeCloseTo(200, 6);
  });

  it('reads and writes GeoJSON points as Directus stores them', () => {
    expect(pointOf({ type: 'Point', coordinates: [118.6, 32.05] })).toEqual({ lon: 118.6, lat: 32.05 });
    expect(pointOf(null)).toBeNull();
    expect(pointOf({ type: 'Point', coordinates: ['x', 1] })).toBeNull();
    expect(geoPoint({ lon: 118.6, lat: 32.05 })).toEqual({ type: 'Point', coordinates: [118.6, 32.05] });
  });
});
