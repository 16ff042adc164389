// My unit's open matters (what the workbench and the phone's 待办 list).

import { useGetIdentity, useList } from '@refinedev/core';
import type { Identity } from '../providers/auth-provider.ts';
import { TODO_FIELDS, TODO_STATUSES } from './lights.ts';

export { TODO_FIELDS };

export function useTodos() {
  const { data: me } = useGetIdentity<Identity>();
  const open = Object.values(TODO_STATUSES).flat();
  const { result, query } = useList({
    resource: 'matters',
    filters: [
      { field: 'handler_unit', operator: 'eq', value: me?.unit?.id },
      { field: 'status', operator: 'in', value: open },
    ],
    sorters: [{ field: 'due_at', order: 'asc' }],
    pagination: { mode: 'off' },
    meta: { fields: TODO_FIELDS },
    queryOptions: { enabled: Boolean(me?.unit?.id), refetchInterval: 60_000 },
  });
  return { me, todos: (result?.data ?? []) as any[], isLoading: query.isLoading };
}
