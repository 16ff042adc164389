// A benchmark's own section of docs/benchmarks.md: the text between its two
// markers is replaced on every run; the rest of the file is left as it is.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Replaces what lies between `<!-- bench:NAME:start -->` and `<!-- bench:NAME:end -->`,
 * or appends `## heading` and the markers at the end of the file when they are absent.
 */
export function writeMarkedSection(file: string, name: string, heading: string, body: string): void {
  const begin = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const block = `${begin}\n${body.trimEnd()}\n${end}`;
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const start = current.indexOf(begin);
  const stop = current.indexOf(end, start);
  const next = start >= 0 && stop > start ? current.slice(0, start) + block + current.slice(stop + end.length) : `${current.trimEnd()}\n\n## ${heading}\n\n${block}\n`;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, next);
}
