// npm run bench:scale [-- --scale F] [--seed N] [--only PARTS] — the other benchmarks' key
// operations again, on Pukou-scale data.
//
// A throwaway PostgreSQL system with the demo data and `seed:scale`'s load on top (by default
// the district's full size: ~2 million matters, ~10 million steps, 1.2 million people; about 6
// minutes to load on two cores; --scale 0.1 for a quick try). Then, part by part (--only
// lists,analysis,registries,assessment,office,matters, the default all, in this order):
//  - lists: for a generated grid's worker, a community's and a street's staff, the district's
//    leader and the administrator (no rule): the matters list as the app asks it (a page of 10,
//    newest first, and its count), the people list's first page, and the dashboard's statistics;
//    each rule-bound page against the administrator's same page and its statement run directly;
//  - analysis: the twelve-month trend and the month's bulletin (bench:analysis);
//  - registries: search by name and look-up by ID number, community staff against the
//    administrator (bench:registries);
//  - assessment: the last closed month scored for the district's streets and for one street's
//    communities through POST /assessment/runs (bench:assessment);
//  - office: a notice sent to every community and grid, and the sender's status page (bench:office);
//  - matters: a shorter report phase (BENCH_SECONDS, default 30; BENCH_REPORTERS, 32) and a new
//    report accepted and dispatched (bench:matters).
// Each reuses its benchmark's code. Prints the tables and rewrites its section of
// docs/benchmarks.md, each operation beside the figure its own benchmark last recorded there on
// its smaller data; everything it creates is removed again, also on failure.

import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { personalDataEnv, PROJECT_ROOT } from '../directus.config.ts';
import { lastClosed } from '../extensions/domains/assessment/period.ts';
import { personalVault } from '../extensions/kernel/personal-vault.ts';
import { SEALED_PERSONAL_FIELDS } from '../schema/collections/people.ts';
import type { System } from '../scripts/lib/system.ts';
import { endOf, loadScale } from '../seed/scale/pg-load.ts';
import { openDatabase } from '../scripts/lib/database.ts';
import { cleanUp, onCleanUp, runBench } from './lib/cleanup.ts';
import { forgetQueues } from './lib/queues.ts';
import { machine, writeSection } from './lib/section.ts';
import { startDemoSystem, throwawaySettings } from './lib/throwaway.ts';
import { analysisPart } from './scale/analysis.ts';
import { assessmentPart } from './scale/assessment.ts';
import { BUDGET, listsPart } from './scale/lists.ts';
import { mattersPart } from './scale/matters.ts';
import { officePart } from './scale/office.ts';
import type { PartResult, ScaleContext } from './scale/part.ts';
import { registriesPart } from './scale/registries.ts';
import { SmallScale } from './scale/small-scale.ts';

const DOC = resolve(PROJECT_ROOT, 'docs/benchmarks.md');
/** The parts after the lists, in the order they run: reading first, then what writes most. */
const OPERATIONS: Record<string, (ctx: ScaleContext) => Promise<PartResult>> = {
  analysis: analysisPart,
  registries: registriesPart,
  assessment: assessmentPart,
  office: officePart,
  matters: mattersPart,
};
const PARTS = ['lists', ...Object.keys(OPERATIONS)];
// Latency is measured, not shed: Directus's pressure limiter would refuse a request while the
// machine is busy (loading, the statistics of two million matters). Taken from the environment.
process.env.PRESSURE_LIMITER_ENABLED = 'false';

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
}

const step = (what: string) => console.log(`[bench:scale ${new Date().toISOString().slice(11, 19)}] ${what}`);

await runBench(async () => {
  const scale = Number(option('--scale', '1'));
  const seed = Number(option('--seed', '20261205'));
  const only = option('--only', PARTS.join(',')).split(',');
  if (!(scale > 0 && scale <= 10)) throw new Error('--scale: a number above 0 and at most 10');
  const unknown = only.filter((p) => !PARTS.includes(p));
  if (unknown.length || !only.length) throw new Error(`--only: a comma-separated list of ${PARTS.join(', ')}`);
  const small = new SmallScale(DOC);
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');
  const settings = await throwawaySettings('pg', 'scale');
  if (settings.database.client !== 'pg') throw new Error('bench:scale runs on PostgreSQL');
  // Reports and sends queue reminder jobs; removed from Redis once the system has stopped (undo steps run last first).
  let started: System | null = null;
  onCleanUp(async () => started && step(`${(await forgetQueues(started)).toLocaleString('en')} queue keys removed from Redis`));
  const { system, sql } = await startDemoSystem(settings, 'bench-scale');
  started = system;
  const db = openDatabase(settings);
  onCleanUp(() => db.destroy());

  step(`loading Pukou-scale data (scale ${scale}, seed ${seed}) …`);
  const loadStart = performance.now();
  const vault = personalVault(personalDataEnv(settings), SEALED_PERSONAL_FIELDS);
  const loaded = await loadScale(db, settings.database.connectionString, vault, {
    seed,
    scale,
    end: endOf('2026-12-05'),
    check: false,
    log: (line) => console.log(`  ${line}`),
  });
  const loadSeconds = (performance.now() - loadStart) / 1000;

  const ctx: ScaleContext = {
    settings,
    connectionString: settings.database.connectionString,
    system,
    url: system.directus.url,
    sql,
    db,
    vault,
    period: lastClosed('month', new Date('2026-12-05T00:00:00+08:00')),
    small,
    step,
  };
  const lists = only.includes('lists') ? await listsPart(ctx) : null;
  const operations: PartResult[] = [];
  for (const [name, part] of Object.entries(OPERATIONS))
    if (only.includes(name)) {
      step(`${name} …`);
      operations.push(await part(ctx));
    }

  const table = operations.length
    ? [
        "| operation | at Pukou scale | on its own benchmark's smaller data (docs/benchmarks.md) |",
        '| --- | --- | --- |',
        ...operations.flatMap((o) => o.rows).map((r) => `| ${r.operation} | ${r.atScale} | ${r.small} |`),
      ]
    : [];
  const body = [
    `Run on ${new Date().toISOString().slice(0, 10)}: ${machine().join(', ')}; PostgreSQL with its default settings; load average ${load} when the run began${only.length < PARTS.length ? `; parts: ${only.join(', ')}` : ''}.`,
    `Data: demo data plus \`seed:scale --scale ${scale} --seed ${seed}\` (${Object.entries(loaded.rows)
      .filter(([t]) => ['matters', 'matter_steps', 'matter_participants', 'people', 'document_recipients'].includes(t))
      .map(([t, n]) => `${t} ${n.toLocaleString('en')}`)
      .join(', ')}), loaded in ${Math.round(loadSeconds)} s.`,
    ...(lists
      ? [
          `Lists: each figure ${BUDGET.samples} sequential requests after ${BUDGET.warmup} untimed (statistics: 5), one client on 127.0.0.1.`,
          '',
          ...lists.table,
          '',
          ...lists.verdict,
        ]
      : []),
    ...(operations.length
      ? [
          '',
          "The other benchmarks' key operations on the same data, in this order, one client on 127.0.0.1 (the report phase: its reporters); the last column quotes each benchmark's own latest section above, on its smaller data, with its date.",
          '',
          ...table,
          '',
          ...operations.flatMap((o) => o.notes).map((n) => `- ${n}`),
        ]
      : []),
  ].join('\n');
  console.log(`\n${body}\n`);
  writeSection(DOC, 'scale', 'Lists at Pukou scale (bench:scale)', body);
  await cleanUp();
});
