// Percentiles of measured values (handling times in statistics, timings in the benches). Pure.

/** Nearest-rank percentile of values sorted ascending; NaN for none. */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
