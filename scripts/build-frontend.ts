// npm run build:frontend (and postinstall): build the app when its sources changed.
// --force builds even when the build is current.

import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { exitOnError } from './lib/cli.ts';
import { DIST, ensureFrontendBuilt } from './lib/frontend.ts';

await exitOnError(async () => {
  if (process.argv.includes('--force')) rmSync(resolve(DIST, '.source-hash'), { force: true });
  if (!(await ensureFrontendBuilt())) console.log('frontend: frontend/dist is up to date');
});
