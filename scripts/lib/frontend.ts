// The Refine app's build (frontend/ → frontend/dist), made when missing or stale.
// Run after `npm install` (postinstall), by `npm start` and by the browser tests,
// so a fresh clone never serves an old or missing build. "Stale" means the
// sources' content hash differs from the one the last build recorded.

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { PROJECT_ROOT } from '../../directus.config.ts';
import { filesUnder } from './files.ts';

export const FRONTEND = resolve(PROJECT_ROOT, 'frontend');
export const DIST = resolve(FRONTEND, 'dist');
const STAMP = resolve(DIST, '.source-hash');
/** What decides the app's dependencies, besides its sources. */
const LOCK = resolve(PROJECT_ROOT, 'package-lock.json');
/** The manuals and their pictures, part of the build (帮助). */
const MANUAL = resolve(PROJECT_ROOT, 'docs/manual');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'dist' || name === 'node_modules' || name.endsWith('.md')) return [];
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** Files outside frontend/ that the app's sources import, directly or through each other (the shared pure modules of the extensions). */
export function importedFromOutside(sources: string[]): string[] {
  const found = new Set<string>();
  const queue = sources.filter((f) => /\.tsx?$/.test(f));
  for (let file = queue.pop(); file; file = queue.pop()) {
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
      const target = resolve(dirname(file), spec!);
      if (target.startsWith(FRONTEND + sep) || found.has(target) || !existsSync(target)) continue;
      found.add(target);
      queue.push(target);
    }
  }
  return [...found];
}

export function sourceHash(): string {
  const hash = createHash('sha1');
  const sources = files(FRONTEND);
  for (const file of [...sources, ...importedFromOutside(sources), ...filesUnder(MANUAL), LOCK].filter(existsSync).sort()) {
    hash.update(relative(PROJECT_ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

export function isBuilt(): boolean {
  return existsSync(STAMP) && existsSync(resolve(DIST, 'index.html')) && readFileSync(STAMP, 'utf8').trim() === sourceHash();
}

/** Builds the app unless the build in frontend/dist matches the sources. Returns whether it built. */
export async function ensureFrontendBuilt(log: (line: string) => void = console.log): Promise<boolean> {
  if (isBuilt()) return false;
  const started = Date.now();
  log('frontend: building the app (frontend/dist) …');
  const { build } = await import('vite');
  // A production build whoever calls (vitest sets NODE_ENV=test, which would give React's development build).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: resolve(FRONTEND, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  writeFileSync(STAMP, sourceHash() + '\n');
  log(`frontend: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}
