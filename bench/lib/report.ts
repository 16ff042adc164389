// bench:jurisdiction's figures: a table on the terminal and the body of its
// section of docs/benchmarks.md (written by section.ts).

import type { Timing } from './measure.ts';
import { machine } from './section.ts';

export interface ViewerResult {
  viewer: 'community' | 'street' | 'admin';
  who: string;
  rows: number;
  /** GET through Directus, without and with `meta=filter_count`. */
  page: Timing;
  pageCount: Timing;
  /** The statements Directus issues for that page, run directly. */
  sql: Timing;
  sqlCount: Timing;
}

export interface DatabaseResult {
  name: string;
  key: 'pg' | 'sqlite';
  viewers: ViewerResult[];
  indexes: string[];
  plans: { viewer: string; plan: string }[];
}

export interface Goal {
  /** Community p95 at most this many times the administrator's. */
  maxRatio: number;
  /** Community p95 under this many milliseconds, on PostgreSQL. */
  maxMs: number;
}

const ms = (t: Timing) => `${t.p50.toFixed(1)} / ${t.p95.toFixed(1)}`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

function byViewer(db: DatabaseResult, viewer: ViewerResult['viewer']): ViewerResult {
  const found = db.viewers.find((v) => v.viewer === viewer);
  if (!found) throw new Error(`no ${viewer} result for ${db.name}`);
  return found;
}

export function table(db: DatabaseResult): string[] {
  const admin = byViewer(db, 'admin');
  const lines = [
    '| viewer | rows in scope | page p50 / p95 ms | page + filter_count p50 / p95 ms | SQL p50 / p95 ms | SQL + count p50 / p95 ms | page p95 ÷ admin | page p95 ÷ SQL p95 |',
    '|---|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const v of db.viewers) {
    lines.push(
      `| ${v.who} | ${v.rows.toLocaleString('en')} | ${ms(v.page)} | ${ms(v.pageCount)} | ${ms(v.sql)} | ${ms(v.sqlCount)} | ${ratio(v.page.p95, admin.page.p95)} (with count ${ratio(v.pageCount.p95, admin.pageCount.p95)}) | ${ratio(v.page.p95, v.sql.p95)} (with count ${ratio(v.pageCount.p95, v.sqlCount.p95)}) |`,
    );
  }
  return lines;
}

/** Whether the community page meets the goal on this database (PostgreSQL also checks the absolute bound). */
export function goalLines(db: DatabaseResult, goal: Goal): string[] {
  const community = byViewer(db, 'community');
  const admin = byViewer(db, 'admin');
  const check = (label: string, c: Timing, a: Timing) => {
    const withinRatio = c.p95 <= goal.maxRatio * a.p95;
    const fast = db.key !== 'pg' || c.p95 < goal.maxMs;
    const bound = db.key === 'pg' ? ` and < ${goal.maxMs} ms` : '';
    return `- ${label}: community p95 ${c.p95.toFixed(1)} ms vs admin p95 ${a.p95.toFixed(1)} ms = ${ratio(c.p95, a.p95)} (goal ≤ ${goal.maxRatio}×${bound}): **${withinRatio && fast ? 'met' : 'not met'}**`;
  };
  return [check('page', community.page, admin.page), check('page + filter_count', community.pageCount, admin.pageCount)];
}

export function section(
  results: DatabaseResult[],
  goal: Goal,
  context: { date: string; rows: number; shape: string; budget: string; versions: string[] },
): string {
  const out = [
    `Last run: ${context.date}, \`npm run bench:jurisdiction\`.`,
    '',
    `Machine: ${machine().join('; ')}. ${context.versions.join('; ')}.`,
    '',
    `Data: ${context.rows.toLocaleString('en')} activity records over ${context.shape}. ${context.budget}`,
  ];
  for (const db of results) {
    out.push('', `### ${db.name}`, '', ...table(db), '', ...goalLines(db, goal), '', 'Indexes on `activity_records`:', '');
    for (const index of db.indexes) out.push(`- \`${index}\``);
    out.push('', 'Plans of the statements Directus issues for the page:', '');
    for (const { viewer, plan } of db.plans) out.push(`${viewer}:`, '', '```', plan, '```', '');
  }
  return out.join('\n').trimEnd();
}
