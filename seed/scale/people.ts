// 实有人口 at Pukou's scale: about 800 people in a grid (more in some, fewer in
// others), their houses and the service objects among them, from the registry
// generator the demo and the benchmark use (seed/registries-generator.ts), one
// grid at a time; and three years of service records (走访、谈话、帮扶 …) for
// every service object, at its visit interval, most on time and some behind.

import { chinaToday, dueReminders, type Candidate, type ReminderKind } from '../../extensions/registries/src/expiry.ts';
import { nextVisitDue } from '../../extensions/registries/src/visits.ts';
import { generateRegistry, type GeneratedHouse, type GeneratedPerson, type GeneratedServiceObject } from '../registries-generator.ts';
import { between, countOf, exponential, pick, spread, stream, weighted } from './draw.ts';
import { DAY, dayOf, instantInWindow, officeInstant, type Window } from './time.ts';
import type { Calendar } from '../../extensions/kernel/working-days.ts';
import type { ScaleUnit } from './tree.ts';

/** People per grid at full size (1,500 grids: about 1.2 million). */
export const PEOPLE_PER_GRID = 800;

export interface GridPeople {
  people: (GeneratedPerson & { date_created: Date })[];
  houses: GeneratedHouse[];
  serviceObjects: (GeneratedServiceObject & { valid_from: string })[];
}

/** The people of one grid; `used` holds the ID numbers already given out in the district. */
export function peopleOfGrid(grid: ScaleUnit, scale: number, window: Window, used: Set<string>, seed: number): GridPeople {
  const rnd = stream(seed, 'people', grid.id);
  const count = countOf(rnd, PEOPLE_PER_GRID * spread(rnd, 0.3) * scale);
  const data = generateRegistry([{ id: grid.id, path: grid.path, name: grid.name }], {
    peoplePerGrid: count,
    seed: Math.floor(rnd() * 2 ** 31),
    today: window.end,
    used,
    housePrefix: 'GS',
  });
  // Registered before the window (most) or during it (moved in since).
  const registered = () => (rnd() < 0.7 ? new Date(window.start.getTime() - Math.floor(rnd() * 365) * DAY) : instantInWindow(rnd, window));
  return {
    people: data.people.map((p) => ({ ...p, date_created: registered() })),
    houses: data.houses,
    serviceObjects: data.serviceObjects.map((o) => ({
      ...o,
      valid_from: dayOf(instantInWindow(rnd, { start: window.start, end: new Date(window.end.getTime() - 30 * DAY) }).getTime()),
    })),
  };
}

export const SERVICE_KINDS = { visit: 0.55, talk: 0.2, help: 0.12, education: 0.05, check: 0.06, other: 0.02 } as const;
const SERVICE_TEXT: Record<keyof typeof SERVICE_KINDS, string[]> = {
  visit: ['入户走访，了解近期生活和思想状况，情况稳定', '上门走访，家属反映情况正常，叮嘱按时服药', '走访了解就业情况，已推荐社区公益岗位'],
  talk: ['个别谈话，了解近期活动轨迹，无异常', '谈心谈话，对其诉求进行解释疏导'],
  help: ['协助申请临时救助，已报街道民政科', '帮助联系就业培训，已报名电工培训班'],
  education: ['开展法治教育，讲解相关法律法规', '组织参加社区公益劳动和教育学习'],
  check: ['见面核查，人员在位，状态正常', '电话联系后见面核查，无异常'],
  other: ['联系监护人了解情况', '参加帮扶小组会议，研究帮扶措施'],
};
const PLACES = ['家中', '社区服务站', '网格工作站', '工作单位', '社区综治中心'];

export interface ServiceRecord {
  unit: number;
  unit_path: string;
  served_at: Date;
  kind: keyof typeof SERVICE_KINDS;
  worker: string | null;
  place: string;
  content: string;
  date_created: Date;
}

/** The share of service objects whose visits fell behind lately (the overdue list is never empty). */
export const BEHIND_SHARE = 0.08;

/**
 * A service object's records from the day it came under management to the end of
 * the window, one every `visit_every_days` or a little sooner, in office hours;
 * with the last visit date and the next visit due that the registry derives.
 */
export function serviceRecordsOf(
  object: { id: number; unit: number; unit_path: string; visit_every_days: number; valid_from: string },
  worker: string | null,
  window: Window,
  calendar: Calendar,
  seed: number,
): { records: ServiceRecord[]; last_served_at: Date | null; next_visit_due: string } {
  const rnd = stream(seed, 'service', object.id);
  const every = object.visit_every_days * DAY;
  const behind = rnd() < BEHIND_SHARE;
  // The behind ones stop being visited somewhat more than one interval before the end.
  const stopAt = behind ? window.end.getTime() - every - Math.floor(between(rnd, 1, 20)) * DAY : window.end.getTime();
  const records: ServiceRecord[] = [];
  let t = Date.parse(`${object.valid_from}T09:00:00+08:00`) + Math.floor(rnd() * 3) * DAY;
  while (true) {
    const served = officeInstant(rnd, calendar, t + Math.floor(between(rnd, -2, 2) * 3_600_000));
    if (served > stopAt) break;
    const kind = weighted(rnd, SERVICE_KINDS);
    records.push({
      unit: object.unit,
      unit_path: object.unit_path,
      served_at: new Date(served),
      kind,
      worker,
      place: pick(rnd, PLACES),
      content: pick(rnd, SERVICE_TEXT[kind]),
      date_created: new Date(served + Math.floor(exponential(rnd, 4 * 3_600_000))),
    });
    // The next visit within the interval, seldom a few days late.
    t = served + every * (rnd() < 0.9 ? between(rnd, 0.6, 1) : between(rnd, 1, 1.25));
  }
  const last = records.length ? records[records.length - 1]!.served_at : null;
  return { records, last_served_at: last, next_visit_due: nextVisitDue(last, object.valid_from, object.visit_every_days, window.end) };
}

export interface RegistryReminderRow {
  key: string;
  kind: ReminderKind;
  collection_name: string;
  item_id: number;
  unit: number;
  unit_path: string;
  due_on: string;
  sent_at: Date;
  recipients: number;
}

/**
 * The registry reminders (到期提醒) due on the run date, by the registry's own rule
 * (permits expiring within 30 days or expired, visits overdue), recorded as sent when they
 * first fell due: the worker does not send three years' worth on its first day.
 */
export function registryRemindersOf(candidates: (Candidate & { since: Date })[], end: Date): RegistryReminderRow[] {
  const since = new Map(candidates.map((c) => [`${c.collection}-${c.id}-${c.kind}`, c.since.getTime()]));
  return dueReminders(candidates, chinaToday(end)).map((r) => {
    // Sent on the first day it was due: 30 days before a permit's expiry, the day after a missed visit.
    const first = Date.parse(`${r.due_on}T08:30:00+08:00`) + (r.kind === 'visit_overdue' ? 1 : -30) * DAY;
    const sent = Math.min(end.getTime(), Math.max(first, since.get(`${r.collection}-${r.id}-${r.kind}`) ?? first));
    return {
      key: r.key,
      kind: r.kind,
      collection_name: r.collection,
      item_id: r.id,
      unit: r.unit,
      unit_path: r.unit_path,
      due_on: r.due_on,
      sent_at: new Date(sent),
      recipients: 1,
    };
  });
}
