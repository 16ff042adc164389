// The dependency direction of extensions/ (docs/architecture.md), checked on the
// sources: the kernel imports no extension and no script, domains/ import the
// kernel, and no extension imports another extension's src/.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../directus.config.ts';

const EXTENSIONS = resolve(PROJECT_ROOT, 'extensions');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The project files a source imports (relative specifiers only), as paths from the project root. */
function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+'(\.[^']+)'/g)].map((m) =>
    relative(PROJECT_ROOT, resolve(dirname(file), m[1]!)),
  );
}

/** What an extensions/ path belongs to: `kernel`, `domains`, or an extension's name. */
const ownerOf = (path: string) => path.split('/')[1]!;
const isExtension = (name: string) => existsSync(join(EXTENSIONS, name, 'package.json'));

describe('extensions/ layout', () => {
  const files = sources(EXTENSIONS).map((f) => ({ file: relative(PROJECT_ROOT, f), imports: imports(f) }));

  it('finds the sources and their imports', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files.find((f) => f.file === 'extensions/matters/src/index.ts')?.imports).toContain('extensions/domains/matters/service.ts');
  });

  it('the kernel imports neither an extension, nor domains/, nor scripts/', () => {
    const wrong = files
      .filter((f) => ownerOf(f.file) === 'kernel')
      .flatMap((f) =>
        f.imports
          .filter((i) => i.startsWith('scripts/') || (i.startsWith('extensions/') && ownerOf(i) !== 'kernel'))
          .map((i) => `${f.file} → ${i}`),
      );
    expect(wrong).toEqual([]);
  });

  it('domains/ import the kernel and each other, never an extension', () => {
    const wrong = files
      .filter((f) => ownerOf(f.file) === 'domains')
      .flatMap((f) =>
        f.imports
          .filter((i) => i.startsWith('scripts/') || (i.startsWith('extensions/') && isExtension(ownerOf(i))))
          .map((i) => `${f.file} → ${i}`),
      );
    expect(wrong).toEqual([]);
  });

  it('no extension imports another extension, nor scripts/', () => {
    const wrong = files
      .filter((f) => isExtension(ownerOf(f.file)))
      .flatMap((f) =>
        f.imports
          .filter(
            (i) => i.startsWith('scripts/') || (i.startsWith('extensions/') && isExtension(ownerOf(i)) && ownerOf(i) !== ownerOf(f.file)),
          )
          .map((i) => `${f.file} → ${i}`),
      );
    expect(wrong).toEqual([]);
  });
});
