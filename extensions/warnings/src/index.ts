// The early-warning bundle (预警): the endpoint that evaluates the rules on demand and
// takes the steps of a warning's handling, and the hook that checks rules as they are saved.

import endpoint from './endpoint.ts';
import guard from './guard-hook.ts';

export default {
  hooks: [{ name: 'warning-rules-guard', config: guard }],
  endpoints: [{ name: 'warnings', config: endpoint }],
  operations: [],
};
