// My unit's open matters (what the workbench and the phone's 待办 list).

import { useGetIdentity, useList } from '@refinedev/core';
import type { Identity } from '../providers/auth-provider.ts';
import { TODO_FIELDS, todoFilter } from './lights.ts';

export { TODO_FIELDS };

/** My unit's open matters for the office screens (the phone's: usePhoneTodos, the same todoFilter). */
export function useUnitTodos() {
  const { data: me } = useGetIdentity<Identity>();
  const mine = todoFilter(me?.unit?.id ?? 0);
  const { result, query } = useList({
    resource: 'matters',
    filters: [
      { field: 'handler_unit', operator: 'eq', value: mine.handler_unit._eq },
      { field: 'status', operator: 'in', value: mine.status._in },
    ],
    sorters: [{ field: 'due_at', order: 'asc' }],
    pagination: { mode: 'off' },
    meta: { fields: TODO_FIELDS },
    queryOptions: { enabled: Boolean(me?.unit?.id), refetchInterval: 60_000 },
  });
  return { me, todos: (result?.data ?? []) as any[], isLoading: query.isLoading };
}
