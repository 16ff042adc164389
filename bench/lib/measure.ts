// Timing: sequential runs after a warm-up, summarised as percentiles.

import { percentile } from '../../extensions/kernel/percentile.ts';

export { percentile };

export interface Timing {
  samples: number;
  p50: number;
  p95: number;
}

export interface Budget {
  warmup: number;
  samples: number;
  /** Stop sampling a case after this long, so that a slow case cannot hold up the run. */
  maxMs: number;
}

/** Runs `once` sequentially: `warmup` untimed runs, then up to `samples` timed ones. */
export async function time(once: () => Promise<unknown>, budget: Budget): Promise<Timing> {
  for (let i = 0; i < budget.warmup; i++) await once();
  const durations: number[] = [];
  const stopAt = performance.now() + budget.maxMs;
  while (durations.length < budget.samples && performance.now() < stopAt) {
    const start = performance.now();
    await once();
    durations.push(performance.now() - start);
  }
  return timing(durations);
}

/** Percentiles of a list of times (in any order). */
export function timing(ms: number[]): Timing {
  const sorted = [...ms].sort((a, b) => a - b);
  return { samples: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
}
