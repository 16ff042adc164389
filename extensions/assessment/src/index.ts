// The assessment bundle (考评): the endpoint that scores a period and shows the
// results, and the hook that checks rubric items as administrators save them.

import endpoint from './endpoint.ts';
import guard from './guard-hook.ts';
import marks from './marks-hook.ts';

export default {
  hooks: [
    { name: 'assessment-guard', config: guard },
    { name: 'assessment-marks', config: marks },
  ],
  endpoints: [{ name: 'assessment', config: endpoint }],
  operations: [],
};
