// The registries bundle: a hook (the rules every write of a record obeys) and an
// endpoint (/registries: look-ups and moves that Directus's item routes cannot express).

import endpoint from './endpoint.ts';
import hook from './hooks.ts';

export default {
  hooks: [{ name: 'registries-rules', config: hook }],
  endpoints: [{ name: 'registries', config: endpoint }],
  operations: [],
};
