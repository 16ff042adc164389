// What the activity records add up to: per unit and month, how many records
// (考评办法第八条: at least ten a month, half a point off for each one short),
// whether the monthly meeting (例会) was held; per unit and year, the regular
// trainings (R18: twice a year) and the staff never trained before the job.
// Pure parts here; the queries in `activityService`.

import type { Knex } from 'knex';
import type { Actor } from '../../kernel/actor.ts';
import { storedDate } from '../../kernel/db-values.ts';
import { refuse } from './documents.ts';

/** 考评办法第八条 1: 每月不少于10条. */
export const MONTHLY_MINIMUM = 10;
/** R18: training twice a year. */
export const TRAININGS_PER_YEAR = 2;

/** First and last day of a month given as YYYY-MM, or null when it is not one. */
export function monthRange(month: unknown): { first: string; last: string } | null {
  const match = typeof month === 'string' ? /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month) : null;
  if (!match) return null;
  const [year, m] = [Number(match[1]), Number(match[2])];
  const days = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return { first: `${match[1]}-${match[2]}-01`, last: `${match[1]}-${match[2]}-${String(days).padStart(2, '0')}` };
}

export interface UnitCount {
  unit: number;
  count: number;
  meetings: number;
  regular_meetings: number;
}

export interface MonthlyLine {
  unit: number;
  name: string;
  level: string;
  count: number;
  regular_meeting_held: boolean;
  shortfall: number;
}

/** Every unit of the jurisdiction, with zero where it recorded nothing. */
export function monthlyLines(units: { id: number; name: string; level: string }[], counts: UnitCount[]): MonthlyLine[] {
  const byUnit = new Map(counts.map((c) => [c.unit, c]));
  return units.map((u) => {
    const c = byUnit.get(u.id);
    const count = c?.count ?? 0;
    return {
      unit: u.id,
      name: u.name,
      level: u.level,
      count,
      regular_meeting_held: (c?.regular_meetings ?? 0) > 0,
      shortfall: Math.max(0, MONTHLY_MINIMUM - count),
    };
  });
}

export function activityService(database: Knex) {
  const client = String(database.client.config.client);
  const unitsWithin = (actor: Actor) =>
    database('units').where('path', 'like', `${actor.unit.path}%`).orderBy('path').select('id', 'name', 'level');

  /** 工作活动月度统计: the caller's unit and every unit below it. */
  async function monthly(actor: Actor, query: { month?: unknown }) {
    const range = monthRange(query.month);
    if (!range) throw refuse('月份格式应为 YYYY-MM，如 2026-11');
    const rows = await database('activity_records')
      .where('unit_path', 'like', `${actor.unit.path}%`)
      .whereBetween('occurred_on', [storedDate(client, range.first), storedDate(client, range.last)])
      .groupBy('unit')
      .select('unit')
      .count({ count: '*' })
      .sum({ meetings: database.raw("CASE WHEN activity_type = 'meeting' THEN 1 ELSE 0 END") })
      .sum({ regular_meetings: database.raw("CASE WHEN activity_type = 'meeting' AND regular_meeting THEN 1 ELSE 0 END") });
    const counts = rows.map((r: Record<string, unknown>) => ({
      unit: Number(r.unit),
      count: Number(r.count),
      meetings: Number(r.meetings),
      regular_meetings: Number(r.regular_meetings),
    }));
    return { month: query.month, minimum: MONTHLY_MINIMUM, units: monthlyLines(await unitsWithin(actor), counts) };
  }

  /** 培训检查: regular trainings per unit in a year, and active staff who never attended a pre-job training. */
  async function trainings(actor: Actor, query: { year?: unknown }) {
    const year = typeof query.year === 'string' && /^\d{4}$/.test(query.year) ? query.year : null;
    if (!year) throw refuse('年份格式应为 YYYY，如 2026');
    const held = await database('activity_records')
      .where('unit_path', 'like', `${actor.unit.path}%`)
      .where({ activity_type: 'training', training_kind: 'regular' })
      .whereBetween('occurred_on', [storedDate(client, `${year}-01-01`), storedDate(client, `${year}-12-31`)])
      .groupBy('unit')
      .select('unit')
      .count({ n: '*' });
    const byUnit = new Map(held.map((r: Record<string, unknown>) => [Number(r.unit), Number(r.n)]));
    const untrained = await database('directus_users as u')
      .join('units as w', 'w.id', 'u.unit')
      .where('u.unit_path', 'like', `${actor.unit.path}%`)
      .where('u.status', 'active')
      .whereNotExists(
        database('activity_records_users as a')
          .join('activity_records as r', 'r.id', 'a.activity_records_id')
          .whereRaw('a.directus_users_id = u.id')
          .where({ 'r.activity_type': 'training', 'r.training_kind': 'pre_job' }),
      )
      .orderBy(['u.unit_path', 'u.last_name'])
      .select('u.id', 'u.first_name', 'u.last_name', 'u.unit', 'w.name as unit_name');
    const units = (await unitsWithin(actor)).map((u) => ({
      unit: u.id,
      name: u.name,
      level: u.level,
      regular_trainings: byUnit.get(u.id) ?? 0,
      enough: (byUnit.get(u.id) ?? 0) >= TRAININGS_PER_YEAR,
    }));
    return { year, required: TRAININGS_PER_YEAR, units, without_pre_job_training: untrained };
  }

  return { monthly, trainings };
}
