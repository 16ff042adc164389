// npm run seed:scale [-- --seed N] [--scale F] [--today YYYY-MM-DD] [--no-check] — Pukou-scale data
// in a set-up system's PostgreSQL database: the tree grown to ~150 communities and ~1,500 grids, about
// 1.2 million people, three years of matters (~2 million, ~10 million steps), login days, documents
// and receipts, disputes, service records, and the field work: activity records, patrol routes with
// the grid workers' patrols, 每日必办 checklists and checks (seed/scale/). Deterministic for a seed,
// a scale and a run date; --scale 0.01 for a quick try. Settings as for npm start (DATABASE_URL, and
// DATA_DIR for the key that seals personal numbers). Added to the demo data; refused on a database
// that has it.

import { personalDataEnv, readSettings } from '../directus.config.ts';
import { personalVault } from '../extensions/kernel/personal-vault.ts';
import { SEALED_PERSONAL_FIELDS } from '../schema/collections/people.ts';
import { endOf, loadScale } from '../seed/scale/pg-load.ts';
import { exitOnError, Refusal } from './lib/cli.ts';
import { openDatabase } from './lib/database.ts';

/** `--name value` from the arguments, or undefined. */
function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const value = args[at + 1];
  if (value === undefined || value.startsWith('--')) throw new Refusal(`${name} needs a value`);
  return value;
}

await exitOnError(async () => {
  const args = process.argv.slice(2);
  const known = ['--seed', '--scale', '--today', '--no-check'];
  const unknown = args.filter((a) => a.startsWith('--') && !known.includes(a));
  if (unknown.length) throw new Refusal(`unknown option ${unknown.join(', ')}; known: ${known.join(', ')}`);
  const seed = Number(option(args, '--seed') ?? 20261205);
  const scale = Number(option(args, '--scale') ?? 1);
  if (!Number.isInteger(seed)) throw new Refusal('--seed: expected a whole number');
  if (!(scale > 0 && scale <= 10)) throw new Refusal('--scale: expected a number above 0 and at most 10 (1 = the district’s real size)');
  const settings = readSettings();
  if (settings.database.client !== 'pg')
    throw new Refusal(
      'seed:scale loads with PostgreSQL’s COPY and runs on PostgreSQL only; set DATABASE_URL=postgres://…/<database> of a set-up system (SQLite is not supported)',
    );
  const vault = personalVault(personalDataEnv(settings), SEALED_PERSONAL_FIELDS);
  const db = openDatabase(settings);
  try {
    const end = endOf(option(args, '--today'));
    console.log(`seed:scale: seed ${seed}, scale ${scale}, three years to ${end.toISOString()}`);
    const report = await loadScale(db, settings.database.connectionString, vault, {
      seed,
      scale,
      end,
      check: !args.includes('--no-check'),
      log: (line) => console.log(`seed:scale: ${line}`),
    });
    const s = report.seconds;
    console.log(
      `seed:scale: done in ${s.total} s (read ${s.read}, generate ${s.generate}, COPY ${s.copy}, indexes ${s.indexes}, check ${s.check}, ANALYZE ${s.analyze})`,
    );
    for (const [table, n] of Object.entries(report.rows)) console.log(`  ${table.padEnd(20)} ${n.toLocaleString('en').padStart(12)}`);
  } finally {
    await db.destroy();
  }
});
