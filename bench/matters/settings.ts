// The knobs of bench:matters (environment variables, for a quick run), its goals and
// the small helpers its parts share.

import { resolve } from 'node:path';
import { PROJECT_ROOT } from '../../directus.config.ts';
import type { MilestoneKind } from '../../extensions/domains/matters/milestones.ts';

export function knob(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`${name}=${raw}: expected a whole number from ${min} to ${max}`);
  return value;
}

export const REPORTERS = knob('BENCH_REPORTERS', 32, 1, 256);
export const REPORT_SECONDS = knob('BENCH_SECONDS', 60, 1, 600);
/** 0: reports only (a quick run to compare CPU per report). */
export const MILESTONES = knob('BENCH_MILESTONES', 10_000, 0, 100_000);
export const SCAN_SECONDS = knob('BENCH_SCAN_SECONDS', 1, 1, 3600);
export const WAIT_SECONDS = knob('BENCH_WAIT_SECONDS', 180, 5, 600);
/** 0: the community staff get no phone number, so no phone messages are queued or sent. */
export const PHONES = knob('BENCH_PHONES', 1, 0, 1) === 1;
/** Figures of a run with other settings are printed, not recorded in the doc. */
export const QUICK = REPORTERS !== 32 || REPORT_SECONDS !== 60 || MILESTONES !== 10_000 || SCAN_SECONDS !== 1 || !PHONES;
/** Untimed reports per reporter before the clock starts. */
export const WARMUP_REPORTS = 3;
/** The milestones fall within this window … */
export const WINDOW_MS = 60_000;
/** … which opens this long after the matters are written (the scan must find them first). */
export const LEAD_MS = 15_000;
/** The production default of REMINDER_SCAN_SECONDS, for the report phase. */
export const PRODUCTION_SCAN_SECONDS = 60;
export const GOAL = { reportsPerSecond: 300, reportP95Ms: 150, lagP99Ms: 1000 };
export const PG_SERVER = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const DOC = resolve(PROJECT_ROOT, 'docs/benchmarks.md');
/** One milestone kind per matter, in turn; chase and escalate come working days later. */
export const KINDS = ['sign_due', 'half', 'three_quarters', 'due'] as const satisfies readonly MilestoneKind[];
export const HOUR = 3_600_000;

export const step = (what: string) => console.log(`[bench:matters ${new Date().toISOString().slice(11, 19)}] ${what}`);
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const round = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–');
export const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en') : '–');
