// 每日必办: each grid worker's checklist for a working day, made from the items
// the units above them define (a community for its grids, a street for all of
// its grids); ticked off on the same day only; what was not done is listed for
// the community (and every unit above) the next morning. Pure rules first.

import type { Knex } from 'knex';
import type { Actor } from '../../kernel/actor.ts';
import { loadCalendar } from '../../kernel/calendar.ts';
import { isWorkingDay, localDateOf } from '../../kernel/working-days.ts';
import { storedDate } from '../../kernel/db-values.ts';
import { OfficeConflict, OfficeForbidden, refuse } from './documents.ts';
import { MAX_DAILY_NOTE_CHARS } from './vocabulary.ts';

export interface Template {
  id: number;
  unit_path: string;
  title: string;
}
export interface Worker {
  id: string;
  unit: number;
  unit_path: string;
  name: string;
}

/** The identity of one item of one worker on one day. */
export const checkKey = (user: string, day: string, template: number) => `${user}.${day}.${template}`;

/** An item applies to the grid workers at or below the unit that defined it. */
export const appliesTo = (template: Template, worker: Worker) => worker.unit_path.startsWith(template.unit_path);

/** What each worker had to do on `day` and has not done (keys of done items given). */
export function missedItems(templates: Template[], workers: Worker[], day: string, done: Set<string>) {
  return workers.flatMap((w) =>
    templates
      .filter((t) => appliesTo(t, w) && !done.has(checkKey(w.id, day, t.id)))
      .map((t) => ({ user: w.id, name: w.name, unit: w.unit, template: t.id, title: t.title })),
  );
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function dailyService(database: Knex) {
  const client = String(database.client.config.client);

  async function templatesFor(path: string): Promise<Template[]> {
    // Items of the unit itself and of every unit above it: their path is a prefix of this one.
    return database('daily_task_templates')
      .where({ active: true })
      .whereRaw("? LIKE unit_path || '%'", [path])
      .orderBy(['unit_path', 'sort', 'id'])
      .select('id', 'unit_path', 'title');
  }

  async function workingDay(day: string): Promise<boolean> {
    return isWorkingDay(await loadCalendar(database), day);
  }

  /** 我的每日必办: today's checklist is made on first asking; other days show what was recorded. */
  async function checklist(actor: Actor, query: { day?: unknown }, now: Date) {
    const today = localDateOf(now);
    const day = query.day === undefined ? today : query.day;
    if (typeof day !== 'string' || !DAY.test(day) || day > today) throw refuse('日期格式应为 YYYY-MM-DD，且不能晚于今天');
    if (!actor.user) throw new OfficeForbidden({ reason: '请先登录' });
    const working = await workingDay(day);
    if (working && day === today) {
      const templates = await templatesFor(actor.unit.path);
      const rows = templates.map((t) => ({
        key: checkKey(actor.user!, day, t.id),
        user: actor.user,
        unit: actor.unit.id,
        unit_path: actor.unit.path,
        day: storedDate(client, day),
        template: t.id,
        done: false,
      }));
      if (rows.length) await database('daily_checks').insert(rows).onConflict('key').ignore();
    }
    const items = await database('daily_checks as c')
      .join('daily_task_templates as t', 't.id', 'c.template')
      .where('c.user', actor.user)
      .where('c.day', storedDate(client, day))
      .orderBy(['t.unit_path', 't.sort', 't.id'])
      .select('c.id', 't.title', 't.kind', 't.instructions', 'c.done', 'c.done_at', 'c.note');
    return { day, working_day: working, items: items.map((i) => ({ ...i, done: Boolean(i.done) })) };
  }

  /** 办理: the worker's own item, on its own day only. */
  async function tick(actor: Actor, id: number, body: unknown, now: Date) {
    const note = (body as { note?: unknown } | null)?.note ?? null;
    if (note !== null && (typeof note !== 'string' || note.length > MAX_DAILY_NOTE_CHARS))
      throw refuse(`办理情况不超过${MAX_DAILY_NOTE_CHARS}字`);
    const row = Number.isInteger(id) ? await database('daily_checks').where({ id }).first('id', 'user', 'key', 'done') : undefined;
    if (!row || row.user !== actor.user) throw new OfficeForbidden({ reason: '只能办理本人的每日必办' });
    if (String(row.key).split('.')[1] !== localDateOf(now)) throw new OfficeConflict({ reason: '只能办理当天的每日必办' });
    const done = await database('daily_checks').where({ id, done: false }).update({ done: true, done_at: now, note });
    if (done !== 1) throw new OfficeConflict({ reason: '该事项已办理' });
    return { id, done: true, done_at: now.toISOString() };
  }

  /** 未办清单: per grid worker of the jurisdiction, the items of `day` not done. */
  async function missed(actor: Actor, query: { day?: unknown }, now: Date) {
    const day = query.day;
    if (typeof day !== 'string' || !DAY.test(day) || day > localDateOf(now)) throw refuse('日期格式应为 YYYY-MM-DD，且不能晚于今天');
    if (!(await workingDay(day))) return { day, working_day: false, missed: [] };
    const workers: Worker[] = (
      await database('directus_users')
        .where('unit_path', 'like', `${actor.unit.path}%`)
        .where({ job: 'grid_worker', status: 'active' })
        .orderBy('unit_path')
        .select('id', 'unit', 'unit_path', 'first_name', 'last_name')
    ).map((u) => ({ id: u.id, unit: u.unit, unit_path: u.unit_path, name: `${u.last_name ?? ''}${u.first_name ?? ''}` }));
    const templates = await database('daily_task_templates').where({ active: true }).select('id', 'unit_path', 'title');
    const done = new Set<string>(
      await database('daily_checks')
        .where('unit_path', 'like', `${actor.unit.path}%`)
        .where({ day: storedDate(client, day), done: true })
        .pluck('key'),
    );
    return { day, working_day: true, missed: missedItems(templates, workers, day, done) };
  }

  return { checklist, tick, missed };
}
