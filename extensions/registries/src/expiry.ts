// Which registry records call for a reminder (到期提醒) on a given day: a floating
// person's permit expiring within 30 days, a community correction term ending
// within 30 days, a service object's visit overdue. Each reminder has a key made
// of its kind, record and date, so it is sent once for that date.

import { dateText } from './people.ts';

export const WARN_DAYS = 30;

export const REMINDER_KINDS = {
  permit_expiry: '流动人口居住证件到期',
  correction_end: '社区矫正期满',
  visit_overdue: '服务对象逾期未走访',
};
export type ReminderKind = keyof typeof REMINDER_KINDS;

export interface Candidate {
  kind: ReminderKind;
  collection: string;
  id: number;
  unit: number;
  unit_path: string;
  name: string;
  /** The date the reminder is about (expiry, term end, visit due). */
  date: unknown;
}

export interface Reminder extends Omit<Candidate, 'date'> {
  key: string;
  due_on: string;
  text: string;
}

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The reminders due on `today` (YYYY-MM-DD, China time) among the candidates. */
export function dueReminders(candidates: Candidate[], today: string): Reminder[] {
  const horizon = addDays(today, WARN_DAYS);
  const reminders: Reminder[] = [];
  for (const c of candidates) {
    const date = dateText(c.date)?.slice(0, 10);
    if (!date) continue;
    const due = c.kind === 'visit_overdue' ? date < today : date <= horizon;
    if (!due) continue;
    const { date: _d, ...rest } = c;
    const text =
      c.kind === 'permit_expiry'
        ? `${c.name}的居住证件${date < today ? '已于' : '将于'}${date}到期，请及时核实办理。`
        : c.kind === 'correction_end'
          ? `社区矫正对象${c.name}的矫正期${date < today ? '已于' : '将于'}${date}期满，请做好解矫衔接。`
          : `服务对象${c.name}应于${date}走访，已逾期，请尽快走访并登记服务记录。`;
    reminders.push({ ...rest, key: `${c.kind}-${c.collection}-${c.id}-${date}`, due_on: date, text });
  }
  return reminders;
}

/** Today's date in China time. */
export function chinaToday(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
