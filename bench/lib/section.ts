// What every benchmark writes into docs/benchmarks.md: its own section, between
// two markers that each run rewrites (the rest of the file is left as it is),
// and the machine it ran on.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';
import { dirname, resolve } from 'node:path';
import { PROJECT_ROOT } from '../../directus.config.ts';

export function machine(): string[] {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? 'unknown';
  return [`${availableParallelism()} CPUs (nproc), ${model}`, `${(totalmem() / 2 ** 30).toFixed(1)} GiB memory`];
}

/** The two lines a benchmark's section in docs/benchmarks.md lies between. */
export function sectionMarkers(bench: string): { begin: string; end: string } {
  return { begin: `<!-- bench:${bench}:begin (written by bench/${bench}.ts) -->`, end: `<!-- bench:${bench}:end -->` };
}

/**
 * Replaces what lies between `<!-- bench:NAME:begin (written by bench/NAME.ts) -->`
 * and `<!-- bench:NAME:end -->`, or appends `## heading` and the markers at the
 * end of the file when they are absent.
 */
export function writeSection(file: string, bench: string, heading: string, body: string): void {
  const { begin, end } = sectionMarkers(bench);
  const block = `${begin}\n${body.trimEnd()}\n${end}`;
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const start = current.indexOf(begin);
  const stop = current.indexOf(end, start);
  const next =
    start >= 0 && stop > start
      ? current.slice(0, start) + block + current.slice(stop + end.length)
      : `${current.trimEnd()}\n\n## ${heading}\n\n${block}\n`;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, next);
  // Tables aligned as the project's formatter keeps Markdown (npm run lint checks it).
  spawnSync(resolve(PROJECT_ROOT, 'node_modules/.bin/biome'), ['format', '--write', file], { stdio: 'ignore' });
}
