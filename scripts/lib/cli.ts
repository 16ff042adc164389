// How our commands end on an error: the message, not a stack, for settings problems.

import { SettingsError } from '../../directus.config.ts';

export async function exitOnError(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    console.error(error instanceof SettingsError ? error.message : error);
    process.exit(1);
  }
}
