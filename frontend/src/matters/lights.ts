// Deadline lights (红黄绿灯) of a matter on a to-do list: red once the deadline has
// passed, yellow once 75 % of the allowed time is used (the reminder at 75 %,
// docs/workflow.md), green before. The deadline is the sign-for one while the
// matter waits to be signed for or accepted, else the completion one.

export type Light = 'green' | 'yellow' | 'red' | 'none';

export interface Timed {
  status: string;
  date_created?: string | null;
  sign_due_at?: string | null;
  due_at?: string | null;
  /** When the matter reached the current holder, if known; else when it was raised. */
  received_at?: string | null;
}

export const LIGHT_COLORS: Record<Light, string> = { red: '#f5222d', yellow: '#faad14', green: '#52c41a', none: '#d9d9d9' };
export const LIGHT_LABELS: Record<Light, string> = { red: '已超期', yellow: '临期', green: '正常', none: '—' };

/** Statuses in which the sign-for deadline runs (待签收、待受理). */
export const WAITING = ['pending_sign', 'pending_acceptance'];

export function deadlineOf(m: Timed): string | null {
  return (WAITING.includes(m.status) ? m.sign_due_at ?? m.due_at : m.due_at) ?? null;
}

export function lightOf(m: Timed, now: Date): Light {
  if (m.status === 'closed') return 'none';
  const due = deadlineOf(m);
  if (!due) return 'none';
  const end = new Date(due).getTime();
  if (now.getTime() > end) return 'red';
  const start = new Date(m.received_at ?? m.date_created ?? now.toISOString()).getTime();
  const used = end > start ? (now.getTime() - start) / (end - start) : 1;
  return used >= 0.75 ? 'yellow' : 'green';
}

export function countByLight(list: Timed[], now: Date): Record<Light, number> {
  const counts: Record<Light, number> = { red: 0, yellow: 0, green: 0, none: 0 };
  for (const m of list) counts[lightOf(m, now)]++;
  return counts;
}

/** Which box of the workbench a matter held by my unit belongs in. */
export type TodoKind = 'sign' | 'handle' | 'verify';
export const TODO_STATUSES: Record<TodoKind, string[]> = {
  sign: ['pending_sign', 'pending_acceptance'], // 待签收、待受理
  handle: ['handling', 'replied'], // 办理中、已回复待审核
  verify: ['pending_verification', 'returned'], // 待核实办结、已退回（发起单位处理）
};

export function todoKind(status: string): TodoKind | null {
  for (const [kind, statuses] of Object.entries(TODO_STATUSES)) if (statuses.includes(status)) return kind as TodoKind;
  return null;
}

/** The fields a to-do list shows of a matter. */
export const TODO_FIELDS = ['id', 'number', 'title', 'type', 'urgency', 'status', 'due_at', 'sign_due_at', 'date_created', 'paused_at'];

/** My unit's open matters: the Directus filter of the workbench and the phone's 待办. */
export function todoFilter(unit: number) {
  return { handler_unit: { _eq: unit }, status: { _in: Object.values(TODO_STATUSES).flat() } };
}
