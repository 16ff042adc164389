// Demo boundaries (网格边界) for the demo tree, so that the map has something to draw
// before an office imports or draws its real ones: each demo grid a small square on
// a lattice around its street's place in Pukou. Illustrative only — not the real
// boundaries; an office replaces them in Studio or the app (units.boundary, GeoJSON).
// Written where a grid has none yet. Centres (units.centre_lat/lng) are left to the
// offices: they are the reference points of the location picker.

import { readItems, updateItem } from '@directus/sdk';
import type { AdminClient } from '../scripts/lib/directus.ts';
import { flattenUnits, PUKOU } from './pukou.ts';

export interface DemoPlace {
  path: string;
  boundary: { type: 'Polygon'; coordinates: [number, number][][] } | null;
  centre: [number, number];
}

/** Degrees: the lattice of streets (3 × 3 around Pukou), communities within a street, grids within a community. */
const ORIGIN: [number, number] = [118.56, 32.02];
const STREET = 0.06;
const COMMUNITY = 0.015;
const GRID = 0.0045;
const SIDE = 0.004;

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** Every demo grid's square, with its middle. Pure. */
export function demoPlaces(): DemoPlace[] {
  const units = flattenUnits(PUKOU).filter((u) => u.kind === 'office');
  const places = new Map<string, DemoPlace>();
  const streets = units.filter((u) => u.level === 'street');
  for (const [s, street] of streets.entries()) {
    const base: [number, number] = [ORIGIN[0] + STREET * (s % 3), ORIGIN[1] + STREET * Math.floor(s / 3)];
    const communities = units.filter((u) => u.level === 'community' && u.parentPath === street.path);
    for (const [c, community] of communities.entries()) {
      const corner: [number, number] = [base[0] + COMMUNITY * (c % 3), base[1] + COMMUNITY * Math.floor(c / 3)];
      const grids = units.filter((u) => u.level === 'grid' && u.parentPath === community.path);
      for (const [g, grid] of grids.entries()) {
        const [x, y] = [corner[0] + GRID * (g % 3), corner[1] + GRID * Math.floor(g / 3)];
        const ring: [number, number][] = [
          [x, y],
          [x + SIDE, y],
          [x + SIDE, y + SIDE],
          [x, y + SIDE],
          [x, y],
        ].map(([a, b]) => [round(a!), round(b!)] as [number, number]);
        places.set(grid.path, {
          path: grid.path,
          boundary: { type: 'Polygon', coordinates: [ring] },
          centre: [round(x + SIDE / 2), round(y + SIDE / 2)],
        });
      }
    }
  }
  return [...places.values()];
}

/** Writes the demo squares onto the grids that have no boundary yet. */
export async function seedDemoBoundaries(client: AdminClient, ids: Map<string, number>): Promise<number> {
  const bare = new Set(
    (
      (await client.request(readItems('units', { filter: { boundary: { _null: true } }, fields: ['path'], limit: -1 } as never))) as {
        path: string;
      }[]
    ).map((u) => u.path),
  );
  let written = 0;
  for (const place of demoPlaces()) {
    const id = ids.get(place.path);
    if (id === undefined || !bare.has(place.path) || !place.boundary) continue;
    await client.request(updateItem('units', id, { boundary: place.boundary } as never));
    written++;
  }
  return written;
}
