// npm run schema:apply — bring the database's schema, policies and roles to what schema/ says.

import { readSettings } from '../directus.config.ts';
import { runOnce } from './lib/system.ts';
import { exitOnError } from './lib/cli.ts';

await exitOnError(async () => {
  const { schema } = await runOnce(readSettings(), { schema: true, seed: false });
  const changes = [
    ...schema!.created.map((c) => `+ ${c}`),
    ...schema!.updated.map((c) => `~ ${c}`),
    ...schema!.deleted.map((c) => `- ${c}`),
    ...schema!.skipped.map((c) => `! ${c} (would lose stored values: needs a migration)`),
  ];
  console.log(changes.length ? changes.join('\n') : 'schema: nothing to change');
  console.log('schema: applied and verified');
});
