import { readdirSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../directus.config.ts';
import { FRONTEND, importedFromOutside } from './frontend.ts';

describe("the app's build is stale when a module it imports from outside frontend/ changes", () => {
  it('follows the sources’ imports into the extensions, and the imports of those', () => {
    const sources = (readdirSync(FRONTEND, { recursive: true }) as string[])
      .filter((f) => !f.startsWith('dist') && !f.includes('node_modules'))
      .map((f) => `${FRONTEND}/${f}`);
    const outside = importedFromOutside(sources).map((f) => relative(PROJECT_ROOT, f));
    expect(outside).toEqual(
      expect.arrayContaining([
        'extensions/domains/matters/transitions.ts',
        'extensions/kernel/working-days.ts',
        'extensions/office/src/vocabulary.ts',
        'extensions/office/src/receipts.ts',
      ]),
    );
    expect(outside.every((f) => !f.startsWith('frontend/'))).toBe(true);
  });
});
