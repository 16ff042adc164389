// Hook of the flow operations: keeps the extension context for them (context.ts), which
// Directus hands to hooks and endpoints but not to an operation's handler.

import type { HookConfig } from '@directus/extensions';
import { keepContext } from './context.ts';

const hook: HookConfig = (_events, context) => {
  keepContext(context);
};

export default hook;
