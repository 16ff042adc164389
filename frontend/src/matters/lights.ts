// Deadline lights (红黄绿灯) of a matter: green, yellow from yellow_at (临期时间),
// red (到期) once the running deadline has passed and for the rest of that day,
// overdue (超期) on any later day; none when closed, paused or without a
// deadline. The running deadline is the sign-for one while the matter waits to
// be signed for or accepted, else the completion one. The server computes and
// stores yellow_at (extensions/domains/matters/lights.ts: 75 % of the allowed time,
// in working time for working-day deadlines, the instant of the 75 % reminder),
// and the rule itself is the server's (lightAt in working-days.ts), so every
// screen and the list filter show the same light.

import { WAITING } from '../../../extensions/domains/matters/transitions.ts';
import { lightAt, YELLOW_FROM } from '../../../extensions/kernel/working-days.ts';
import { say } from '../i18n/index.ts';

export type Light = 'green' | 'yellow' | 'red' | 'overdue' | 'none';

export interface Timed {
  status: string;
  date_created?: string | null;
  sign_due_at?: string | null;
  due_at?: string | null;
  /** 临期时间: when the light turns yellow, as the server keeps it. */
  yellow_at?: string | null;
  /** Set while the clock is stopped (暂停计时). */
  paused_at?: string | null;
}

export const LIGHT_COLORS: Record<Light, string> = {
  overdue: '#a8071a',
  red: '#f5222d',
  yellow: '#faad14',
  green: '#52c41a',
  none: '#d9d9d9',
};
/** A light's name in the user's language (已超期, 已到期, 临期, 正常). */
export const lightLabel = (light: Light) => (light === 'none' ? '—' : say(`lights.${light}`));
/** The lights of a running deadline, most pressing first (workbench counts, list filter). */
export const RUNNING_LIGHTS = ['overdue', 'red', 'yellow', 'green'] as const satisfies readonly Light[];

/** Statuses in which the sign-for deadline runs (待签收、待受理). */
export const isWaiting = (status: string) => (WAITING as readonly string[]).includes(status);

export function deadlineOf(m: Timed): string | null {
  return (isWaiting(m.status) ? (m.sign_due_at ?? m.due_at) : m.due_at) ?? null;
}

export function lightOf(m: Timed, now: Date): Light {
  if (m.status === 'closed' || m.paused_at) return 'none';
  const due = deadlineOf(m);
  if (!due) return 'none';
  const end = Date.parse(due);
  return lightAt(new Date(end), new Date(m.yellow_at ? Date.parse(m.yellow_at) : wallClockYellow(m, end)), now);
}

/** A row read without yellow_at (an older cached one): 75 % of the wall-clock time since raising. */
function wallClockYellow(m: Timed, end: number): number {
  const start = m.date_created ? Date.parse(m.date_created) : end;
  return end > start ? start + (end - start) * YELLOW_FROM : 0; // no allowed time: yellow at once
}

export function countByLight(list: Timed[], now: Date): Record<Light, number> {
  const counts: Record<Light, number> = { overdue: 0, red: 0, yellow: 0, green: 0, none: 0 };
  for (const m of list) counts[lightOf(m, now)]++;
  return counts;
}

/** Which box of the workbench a matter held by my unit belongs in. */
export type TodoKind = 'sign' | 'handle' | 'verify';
export const TODO_STATUSES: Record<TodoKind, string[]> = {
  sign: [...WAITING], // 待签收、待受理
  handle: ['handling', 'replied'], // 办理中、已回复待审核
  verify: ['pending_verification', 'returned'], // 待核实办结、已退回（发起单位处理）
};

export function todoKind(status: string): TodoKind | null {
  for (const [kind, statuses] of Object.entries(TODO_STATUSES)) if (statuses.includes(status)) return kind as TodoKind;
  return null;
}

/** The fields a to-do list shows of a matter. */
export const TODO_FIELDS = [
  'id',
  'number',
  'title',
  'type',
  'urgency',
  'status',
  'due_at',
  'sign_due_at',
  'yellow_at',
  'date_created',
  'paused_at',
];

/** My unit's open matters: the Directus filter of the workbench and the phone's 待办. */
export function todoFilter(unit: number) {
  return { handler_unit: { _eq: unit }, status: { _in: Object.values(TODO_STATUSES).flat() } };
}
