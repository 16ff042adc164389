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
  durations.sort((a, b) => a - b);
  return { samples: durations.length, p50: percentile(durations, 50), p95: percentile(durations, 95) };
}
