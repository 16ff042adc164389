// How our commands end on an error: the message, not a stack, for settings problems and refusals.

import { SettingsError } from '../../directus.config.ts';

/** A command's refusal, said to the operator as it is (no stack): a setting, a target, a backup not fit for use. */
export class Refusal extends Error {}

export async function exitOnError(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    console.error(error instanceof SettingsError || error instanceof Refusal ? error.message : error);
    process.exit(1);
  }
}
