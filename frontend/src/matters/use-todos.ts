// My unit's open matters (what the workbench and the phone's 待办 list).

import { useGetIdentity, useList } from '@refinedev/core';
import type { Identity } from '../providers/auth-provider.ts';
import { TODO_STATUSES } from './lights.ts';

export const TODO_FIELDS = ['id', 'number', 'title', 'type', 'urgency', 'status', 'due_at', 'sign_due_at', 'date_created', 'paused_at'];

export function useTodos() {
  const { data: me } = useGetIdentity<Identity>();
  const open = Object.values(TODO_STATUSES).flat();
  const { result, query } = useList({
    resource: 'matters',
    filters: [{ field: 'handler_unit', operator: 'eq', value: me?.unit?.id }, { field: 'status', operator: 'in', value: open }],
    sorters: [{ field: 'due_at', order: 'asc' }],
    pagination: { mode: 'off' },
    meta: { fields: TODO_FIELDS },
    queryOptions: { enabled: Boolean(me?.unit?.id), refetchInterval: 60_000 },
  });
  return { me, todos: (result?.data ?? []) as any[], isLoading: query.isLoading };
}

