import { describe, expect, it } from 'vitest';
import { demoPlaces } from './boundaries.ts';
import { flattenUnits, PUKOU } from './pukou.ts';

describe('demo boundaries', () => {
  const places = demoPlaces();
  it('give every demo grid a closed square inside Pukou', () => {
    const grids = flattenUnits(PUKOU).filter((u) => u.level === 'grid');
    expect(places.filter((p) => p.boundary)).toHaveLength(grids.length);
    for (const p of places) {
      expect(p.centre[0]).toBeGreaterThan(118.4);
      expect(p.centre[0]).toBeLessThan(118.8);
      expect(p.centre[1]).toBeGreaterThan(31.9);
      expect(p.centre[1]).toBeLessThan(32.3);
      if (p.boundary) expect(p.boundary.coordinates[0]!.at(-1)).toEqual(p.boundary.coordinates[0]![0]);
    }
  });

  it('never overlap one grid with another', () => {
    const boxes = places.filter((p) => p.boundary).map((p) => p.boundary!.coordinates[0]!);
    const overlap = (a: [number, number][], b: [number, number][]) =>
      a[0]![0] < b[2]![0] && b[0]![0] < a[2]![0] && a[0]![1] < b[2]![1] && b[0]![1] < a[2]![1];
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlap(boxes[i]!, boxes[j]!)).toBe(false);
  });
});
