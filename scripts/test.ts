// npm test's suites: the SQLite project in one Vitest process and everything else
// (unit tests, `npm start` as a user runs it, the PostgreSQL project) in another,
// side by side. Each integration project runs its files one after the other against
// its own Directus server (fileParallelism: false), and Vitest runs every project of
// one process in that one queue, so two processes halve the wait: the two servers,
// databases and Redis key prefixes are separate. Lines are prefixed with their group;
// the exit code is the first failure's. Arguments are passed to both (a file filter,
// --reporter …). A failed group's own failure report is printed again at the very end,
// so the last lines of a long run (all a CI excerpt may keep) name what failed.

import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const GROUPS = [
  { name: 'sqlite', projects: ['sqlite'] },
  { name: 'pg+unit', projects: ['unit', 'start', 'pg'] },
];
const extra = process.argv.slice(2);

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const REPORT_LINES = 200;
const failures = new Map<string, string[]>();

/** Keeps every line naming a failed test, and Vitest's "Failed Suites" and "Failed Tests" reports up to REPORT_LINES lines. */
function keepFailure(group: string, line: string): void {
  const plain = line.replace(ANSI, '');
  const kept = failures.get(group) ?? [];
  const inReport = kept.includes('⎯ report ⎯');
  if (/⎯+ Failed (Tests?|Suites?) \d+/.test(plain)) kept.push('⎯ report ⎯');
  if (/^\s*(FAIL|×)\s/.test(plain) || (inReport && kept.length < REPORT_LINES)) kept.push(plain);
  failures.set(group, kept);
}

function run(group: (typeof GROUPS)[number]): Promise<number> {
  const args = ['vitest', 'run', ...group.projects.flatMap((p) => ['--project', p]), ...extra];
  const child = spawn('npx', args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '1' },
  });
  for (const stream of [child.stdout, child.stderr])
    createInterface({ input: stream }).on('line', (line) => {
      console.log(`[${group.name}] ${line}`);
      keepFailure(group.name, line);
    });
  return new Promise((done) => child.on('close', (code, signal) => done(code ?? (signal ? 1 : 0))));
}

const codes = await Promise.all(GROUPS.map(run));
const failed = GROUPS.filter((_, i) => codes[i] !== 0).map((g) => g.name);
for (const name of failed) {
  const lines = (failures.get(name) ?? []).filter((l) => l !== '⎯ report ⎯');
  console.log(`\ntest: what failed in ${name} (again, from its report above):`);
  for (const line of lines.length ? lines : ['(no failed test named: the group itself stopped; see its output)'])
    console.log(`[${name}] ${line}`);
}
console.log(failed.length ? `test: failed in ${failed.join(', ')}` : 'test: every group passed');
process.exit(codes.find((c) => c !== 0) ?? 0);
