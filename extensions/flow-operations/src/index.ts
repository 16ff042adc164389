// The flow operations bundle: four operations for Studio's flow editor (工作日期限,
// 通知单位, 派发事项, 预警; their Studio side is app.js) and the hook that keeps the
// context for them and announces terminal loss reports to flows.

import type { OperationApiConfig } from '@directus/extensions';
import hook from './events-hook.ts';
import { dispatchMatter, notifyUnit, raiseWarning, workdayDeadline } from './operations.ts';
import type { OperationId } from './options.ts';

const operation = (id: OperationId, handler: OperationApiConfig['handler']) => ({ name: id, config: { id, handler } });

export default {
  hooks: [{ name: 'flow-events', config: hook }],
  endpoints: [],
  operations: [
    operation('workday-deadline', workdayDeadline),
    operation('notify-unit', notifyUnit),
    operation('dispatch-matter', dispatchMatter),
    operation('raise-warning', raiseWarning),
  ],
};
