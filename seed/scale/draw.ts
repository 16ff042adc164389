// Drawing from distributions with the seeded generator (seed/random.ts). Every
// generator of the Pukou-scale data takes its numbers from a stream named after
// what it generates and the unit it generates for, so that one kind of record
// does not shift another's when a count changes, and the same seed gives the
// same rows.

import { seededRandom } from '../random.ts';

export type Random = () => number;

/** A stream of its own for `parts` (e.g. 'matters', grid id) under the run's seed. */
export function stream(seed: number, ...parts: (string | number)[]): Random {
  // FNV-1a over the parts, then mixed with the seed: distinct names give unrelated streams.
  let h = 0x811c9dc5;
  for (const part of parts) {
    const text = `${part}\u0000`;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  }
  return seededRandom((h ^ Math.imul(seed | 0, 0x9e3779b1)) >>> 0);
}

export const between = (rnd: Random, low: number, high: number): number => low + rnd() * (high - low);

export const integerBetween = (rnd: Random, low: number, high: number): number => low + Math.floor(rnd() * (high - low + 1));

export const pick = <T>(rnd: Random, list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;

/** One of the keys, in proportion to its weight. */
export function weighted<K extends string>(rnd: Random, weights: Readonly<Record<K, number>>): K {
  const entries = Object.entries(weights) as [K, number][];
  let r = rnd() * entries.reduce((sum, [, w]) => sum + w, 0);
  for (const [key, w] of entries) if ((r -= w) < 0) return key;
  return entries[entries.length - 1]![0];
}

/** A whole count whose expectation is `expected`: the fraction rounds up that often (small scales keep their totals). */
export const countOf = (rnd: Random, expected: number): number => {
  const whole = Math.floor(expected);
  return whole + (rnd() < expected - whole ? 1 : 0);
};

/** Exponentially distributed with the given mean. */
export const exponential = (rnd: Random, mean: number): number => -Math.log(1 - rnd()) * mean;

/** A factor around 1 (log-normal, spread `sigma`): how much busier one unit is than another. */
export function spread(rnd: Random, sigma: number): number {
  // Box–Muller; the mean of exp(σZ − σ²/2) is 1.
  const z = Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  return Math.exp(sigma * z - (sigma * sigma) / 2);
}

/** A version-4-shaped UUID from the stream (Directus users' keys). */
export function uuidFrom(rnd: Random): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rnd() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((Math.floor(rnd() * 4) + 8) as number).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
