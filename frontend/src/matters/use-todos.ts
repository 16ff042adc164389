// My unit's open matters: the office workbench's boxes and the phone's 待办, through the
// light data layer (phone/data.ts), asked again every minute.

import { useEffect } from 'react';
import { useLoad } from '../phone/data.ts';
import type { Identity } from '../providers/auth-provider.ts';
import { TODO_FIELDS, todoFilter } from './lights.ts';

export { TODO_FIELDS };

export function useTodos(me: Identity | null | undefined) {
  const path = me?.unit
    ? `/items/matters?filter=${encodeURIComponent(JSON.stringify(todoFilter(me.unit.id)))}&sort=due_at&limit=-1&fields=${TODO_FIELDS.join(',')}`
    : null;
  const { data, loading, reload } = useLoad<any[]>(path);
  useEffect(() => {
    const every = setInterval(reload, 60_000);
    return () => clearInterval(every);
  }, [reload]);
  return { todos: data ?? [], loading: loading && data === undefined };
}
