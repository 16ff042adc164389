// The deadline light as a filter of the matters list, exact on the server. The
// light's one stored fact, yellow_at (临期时间, kept by the matters extension),
// and the running deadline (sign_due_at while waiting, else due_at) make every
// light a plain Directus filter, as lights.ts tells them apart:
// - overdue: open, clock running, running deadline before today (local midnight);
// - red: open, clock running, running deadline reached today;
// - yellow: yellow_at reached, running deadline not reached;
// - green: yellow_at not reached, running deadline not reached;
// - none: closed, paused, or no running deadline.
// yellow_at is empty when closed or paused; yellow and green still say "open",
// for a row an administrator closed by hand.

import type { CrudFilter } from '@refinedev/core';
import { WAITING } from '../../../../extensions/domains/matters/transitions.ts';
import { localDayStart } from '../../../../extensions/kernel/working-days.ts';
import type { Light } from '../../matters/lights.ts';

const waiting: CrudFilter = { field: 'status', operator: 'in', value: [...WAITING] };
const notWaiting: CrudFilter = { field: 'status', operator: 'nin', value: [...WAITING] };
const open: CrudFilter = { field: 'status', operator: 'ne', value: 'closed' };
const isNull = (field: string): CrudFilter => ({ field, operator: 'null', value: true });

/**
 * The running deadline compared with `operator` to `at`. Keyed: Refine keeps one
 * logical filter per key and operator, and red needs two of these side by side.
 */
function deadline(operator: 'lt' | 'lte' | 'gt' | 'gte', at: string): CrudFilter {
  return {
    key: `deadline-${operator}`,
    operator: 'or',
    value: [
      { operator: 'and', value: [waiting, { field: 'sign_due_at', operator, value: at }] },
      { operator: 'and', value: [waiting, isNull('sign_due_at'), { field: 'due_at', operator, value: at }] },
      { operator: 'and', value: [notWaiting, { field: 'due_at', operator, value: at }] },
    ],
  };
}

export function lightFilter(light: Light, now: Date): CrudFilter[] {
  const at = now.toISOString();
  const today = localDayStart(now).toISOString();
  switch (light) {
    case 'overdue':
      return [open, isNull('paused_at'), deadline('lt', today)];
    case 'red':
      return [open, isNull('paused_at'), deadline('gte', today), deadline('lte', at)];
    case 'yellow':
      return [open, { field: 'yellow_at', operator: 'lte', value: at }, deadline('gt', at)];
    case 'green':
      return [open, { field: 'yellow_at', operator: 'gt', value: at }, deadline('gt', at)];
    case 'none':
      return [
        {
          operator: 'or',
          value: [
            { field: 'status', operator: 'eq', value: 'closed' },
            { field: 'paused_at', operator: 'nnull', value: true },
            // No running deadline: no completion one, and none to sign for by either.
            { operator: 'and', value: [isNull('due_at'), { operator: 'or', value: [notWaiting, isNull('sign_due_at')] }] },
          ],
        },
      ];
  }
}
