// npm run seed — the unit tree (and in demo mode the demo accounts); idempotent.

import { readSettings } from '../directus.config.ts';
import { runOnce } from './lib/system.ts';
import { exitOnError } from './lib/cli.ts';

await exitOnError(async () => {
  const { seeded } = await runOnce(readSettings(), { schema: true, seed: true });
  console.log(`seed: ${seeded!.units} units in the tree, ${seeded!.users} users added`);
});
