// Measuring a metric for the assessed units: one query per metric for the whole
// part of the tree, each row attributed to the assessed unit it lies under
// (rolled up: a community's grids count for the community), the rows' ids kept
// as the evidence. SQLite and PostgreSQL alike (the metric's query is knex).

import type { Metric, MetricScope } from './metrics.ts';

export interface Assessed {
  id: number;
  path: string;
  name: string;
}

export interface Measured {
  value: number;
  /** A rate's denominator. */
  of?: number;
  /** The ids behind the value (a rate: the rows that miss), the first EVIDENCE_LIMIT of them. */
  evidence: number[];
  /** How many more there were than kept. */
  more: number;
  /** For a `missing` metric: the names of what no record stands for. */
  missing?: string[];
}

export const EVIDENCE_LIMIT = 500;

/** The assessed unit a path lies under: units of one level share a depth, so the prefix of that depth names it. */
export function attribution(units: Assessed[]): (path: string) => Assessed | undefined {
  const byPath = new Map(units.map((u) => [u.path, u]));
  const depths = [...new Set(units.map((u) => u.path.split('/').length))];
  return (path) => {
    const parts = path.split('/');
    for (const depth of depths) {
      const unit = byPath.get(`${parts.slice(0, depth - 1).join('/')}/`);
      if (unit) return unit;
    }
    return undefined;
  };
}

/** Folds the metric's rows into one measure per assessed unit (every unit gets one, zero when none). */
export function tally(
  metric: Pick<Metric, 'kind' | 'expected'>,
  units: Assessed[],
  rows: { id: unknown; path: unknown; hit?: unknown; item?: unknown }[],
) {
  const of = attribution(units);
  const out = new Map<number, Measured>(
    units.map((u) => [u.id, { value: 0, ...(metric.kind === 'rate' ? { of: 0 } : {}), evidence: [], more: 0 }]),
  );
  const present = new Map<number, Set<string>>(units.map((u) => [u.id, new Set()]));
  for (const row of rows) {
    const unit = of(String(row.path));
    if (!unit) continue;
    const m = out.get(unit.id)!;
    if (metric.kind === 'missing') {
      present.get(unit.id)!.add(String(row.item));
      m.evidence.push(Number(row.id));
      continue;
    }
    const hit = metric.kind === 'count' || Number(row.hit) === 1;
    if (metric.kind === 'rate') m.of! += 1;
    if (hit) m.value += 1;
    // A count's evidence is what was counted; a rate's is what falls short.
    if (metric.kind === 'count' || !hit) m.evidence.push(Number(row.id));
  }
  if (metric.kind === 'missing')
    for (const [id, m] of out) {
      const absent = Object.entries(metric.expected ?? {}).filter(([key]) => !present.get(id)!.has(key));
      m.value = absent.length;
      m.missing = absent.map(([, name]) => name);
    }
  // In id order and each once (a terminal missed on several days is one record), so that a run made again keeps the same evidence.
  for (const m of out.values()) {
    m.evidence = [...new Set(m.evidence)].sort((a, b) => a - b);
    m.more = Math.max(m.evidence.length - EVIDENCE_LIMIT, 0);
    m.evidence.length = Math.min(m.evidence.length, EVIDENCE_LIMIT);
  }
  return out;
}

export async function measure(metric: Metric, scope: MetricScope, units: Assessed[]): Promise<Map<number, Measured>> {
  const rows = await metric.rows(scope);
  return tally(metric, units, rows as { id: unknown; path: unknown; hit?: unknown }[]);
}
