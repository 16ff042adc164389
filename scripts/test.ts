// npm test's suites: the SQLite project in one Vitest process and everything else
// (unit tests, `npm start` as a user runs it, the PostgreSQL project) in another,
// side by side. Each integration project runs its files one after the other against
// its own Directus server (fileParallelism: false), and Vitest runs every project of
// one process in that one queue, so two processes halve the wait: the two servers,
// databases and Redis key prefixes are separate. Lines are prefixed with their group;
// the exit code is the first failure's. Arguments are passed to both (a file filter,
// --reporter …).

import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const GROUPS = [
  { name: 'sqlite', projects: ['sqlite'] },
  { name: 'pg+unit', projects: ['unit', 'start', 'pg'] },
];
const extra = process.argv.slice(2);

function run(group: (typeof GROUPS)[number]): Promise<number> {
  const args = ['vitest', 'run', ...group.projects.flatMap((p) => ['--project', p]), ...extra];
  const child = spawn('npx', args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '1' },
  });
  for (const stream of [child.stdout, child.stderr])
    createInterface({ input: stream }).on('line', (line) => console.log(`[${group.name}] ${line}`));
  return new Promise((done) => child.on('close', (code, signal) => done(code ?? (signal ? 1 : 0))));
}

const codes = await Promise.all(GROUPS.map(run));
const failed = GROUPS.filter((_, i) => codes[i] !== 0).map((g) => g.name);
console.log(failed.length ? `test: failed in ${failed.join(', ')}` : 'test: every group passed');
process.exit(codes.find((c) => c !== 0) ?? 0);
