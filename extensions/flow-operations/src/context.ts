// The extension context a hook is given (services, database, the extensions' own event
// bus …), kept for the operations: a flow hands an operation less than a hook or an
// endpoint gets (no event bus), and the matters service announces what it raises on it.
// The bundle registers its hook before its operations, so the context is there before
// any flow can run one.

import type { EndpointExtensionContext } from '@directus/extensions';

let kept: EndpointExtensionContext | null = null;

export function keepContext(context: EndpointExtensionContext): void {
  kept = context;
}

export function extensionContext(): EndpointExtensionContext {
  if (!kept) throw new Error('流程操作扩展尚未初始化（flow-events 钩子未加载）');
  return kept;
}
