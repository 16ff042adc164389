// What each part of bench:scale is given (the loaded system) and gives back (rows
// of the operations table, and how they were measured).

import type { Knex } from 'knex';
import type { Settings } from '../../directus.config.ts';
import type { Period } from '../../extensions/domains/assessment/period.ts';
import type { PersonalVault } from '../../extensions/kernel/personal-vault.ts';
import type { System } from '../../scripts/lib/system.ts';
import type { Timing } from '../lib/measure.ts';
import type { Sql } from '../lib/sql.ts';
import type { SmallScale } from './small-scale.ts';

export interface ScaleContext {
  settings: Settings;
  /** The throwaway PostgreSQL database's. */
  connectionString: string;
  system: System;
  url: string;
  sql: Sql;
  db: Knex;
  vault: PersonalVault;
  /** The last closed month before the data's end (2026-11). */
  period: Period;
  small: SmallScale;
  step: (what: string) => void;
}

export interface Operation {
  operation: string;
  atScale: string;
  small: string;
}

export interface PartResult {
  rows: Operation[];
  /** How the part measured, one line each, under the table. */
  notes: string[];
}

export const rounded = (n: number) => Math.round(n).toLocaleString('en');
/** `p50 12 / p95 30 ms`. */
export const p50p95 = (t: Pick<Timing, 'p50' | 'p95'>) => `p50 ${rounded(t.p50)} / p95 ${rounded(t.p95)} ms`;
/** `12.3 / 30.1` (p50 / p95). */
export const slash = (t: Pick<Timing, 'p50' | 'p95'>, digits = 0) =>
  `${t.p50.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits })} / ${t.p95.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits })}`;
