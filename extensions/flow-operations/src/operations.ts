// The API side of our flow operations: each checks its options (options.ts), looks up
// what they name, and acts through the one module that does the thing — the working-day
// calendar (kernel/calendar.ts, kernel/working-days.ts), telling a unit
// (kernel/notify.ts), raising a matter (domains/matters/service.ts, as the /matters
// endpoint does), raising a warning (domains/warnings/raise.ts). A refusal throws a
// FLOW_OPERATION_REFUSED error whose reason names the operation; the flow's log keeps it
// and nothing is written.

import { createError } from '@directus/errors';
import type { OperationContext } from '@directus/extensions';
import type { Knex } from 'knex';
import { parseReport } from '../../domains/matters/report.ts';
import { matterService } from '../../domains/matters/service.ts';
import { raiseForUnit } from '../../domains/warnings/raise.ts';
import type { UnitRow } from '../../kernel/actor.ts';
import { loadCalendar } from '../../kernel/calendar.ts';
import { notify } from '../../kernel/notify.ts';
import { LEVEL_LABELS, OFFICE_KIND, type UnitLevel } from '../../kernel/unit-path.ts';
import { addDuration } from '../../kernel/working-days.ts';
import { extensionContext } from './context.ts';
import {
  deadlineResult,
  type OperationId,
  type Parsed,
  parseDeadline,
  parseDispatch,
  parseNotify,
  parseWarning,
  pathsUpFrom,
  refusal,
  type UnitSource,
} from './options.ts';

export const FlowOperationRefused = createError<{ reason: string }>('FLOW_OPERATION_REFUSED', (e) => e.reason, 400);

type Options = Record<string, unknown>;

function checked<T>(id: OperationId, parsed: Parsed<T>): T {
  if (!parsed.ok) throw new FlowOperationRefused({ reason: refusal(id, parsed.problems) });
  return parsed.value;
}

/** A refusal of a domain service (Chinese already) as this operation's. */
async function asOperation<T>(id: OperationId, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const e = error as { code?: string; extensions?: { reason?: string }; message?: string; status?: number };
    if (e.code === 'FLOW_OPERATION_REFUSED') throw error;
    if (e.code && e.status && e.status < 500)
      throw new FlowOperationRefused({ reason: refusal(id, [e.extensions?.reason ?? e.message ?? e.code]) });
    throw error;
  }
}

const UNIT_COLUMNS = ['id', 'name', 'parent', 'kind', 'level', 'path'];

/** The units a source names, as stored; refuses ids and records that do not exist, and collections without a unit. */
async function unitsOf(id: OperationId, db: Knex, context: OperationContext, source: UnitSource): Promise<UnitRow[]> {
  let ids: number[];
  if (source.kind === 'ids') ids = source.ids;
  else {
    const { collection, keys } = source.ref;
    const schema = await context.getSchema({ database: db });
    const meta = schema.collections[collection];
    if (!meta) throw new FlowOperationRefused({ reason: refusal(id, [`集合“${collection}”不存在`]) });
    if (!meta.fields.unit)
      throw new FlowOperationRefused({ reason: refusal(id, [`集合“${collection}”的记录没有“所属单位”，请直接填写单位编号`]) });
    const rows = (await db(collection).whereIn(meta.primary, keys).select(`${meta.primary} as key`, 'unit')) as {
      key: unknown;
      unit: unknown;
    }[];
    const missing = keys.filter((k) => !rows.some((r) => Number(r.key) === k));
    if (missing.length)
      throw new FlowOperationRefused({ reason: refusal(id, [`${collection} 中没有编号为 ${missing.join('、')} 的记录`]) });
    ids = [...new Set(rows.map((r) => Number(r.unit)).filter((u) => Number.isInteger(u)))];
  }
  if (!ids.length) return [];
  const units = (await db('units').whereIn('id', ids).select(UNIT_COLUMNS)) as UnitRow[];
  const unknown = ids.filter((u) => !units.some((row) => row.id === u));
  if (unknown.length) throw new FlowOperationRefused({ reason: refusal(id, [`单位“${unknown.join('、')}”不存在`]) });
  return ids.map((u) => units.find((row) => row.id === u)!);
}

/** The office of `level` at or above each unit (a dispute's street); refuses a unit with none above it. */
async function officesAt(id: OperationId, db: Knex, units: UnitRow[], level: UnitLevel): Promise<UnitRow[]> {
  const out = new Map<number, UnitRow>();
  for (const unit of units) {
    const office = (await db('units').whereIn('path', pathsUpFrom(unit.path)).where({ level, kind: OFFICE_KIND }).first(UNIT_COLUMNS)) as
      | UnitRow
      | undefined;
    if (!office) throw new FlowOperationRefused({ reason: refusal(id, [`“${unit.name}”之上没有${LEVEL_LABELS[level]}级综治办`]) });
    out.set(office.id, office);
  }
  return [...out.values()];
}

/** 工作日期限: the deadline N working days after the start (default now), on the district's calendar. */
export async function workdayDeadline(options: Options, context: OperationContext) {
  const o = checked('workday-deadline', parseDeadline(options));
  const db = context.database as unknown as Knex;
  const start = o.start ?? new Date();
  const calendar = await loadCalendar(db);
  return deadlineResult(start, addDuration(calendar, start, { amount: o.days, unit: 'working_days' }), o.days);
}

/** 通知单位: the units' staff (of the jobs asked) told in the app and by phone through the one notify module. */
export async function notifyUnit(options: Options, context: OperationContext) {
  const o = checked('notify-unit', parseNotify(options));
  const db = context.database as unknown as Knex;
  const named = await unitsOf('notify-unit', db, context, o.units);
  const units = o.level ? await officesAt('notify-unit', db, named, o.level) : named;
  if (!units.length) return { units: [], told: 0 };
  const flow = (context as { flow?: { id?: string } }).flow;
  const about = o.about ?? { collection: 'directus_flows', item: flow?.id ?? 'flow' };
  const told = await db.transaction((trx) =>
    notify(trx, {
      units: units.map((u) => u.id),
      subject: o.subject,
      body: o.message,
      about,
      jobs: o.jobs.length ? o.jobs : undefined,
      phone: o.phone,
      now: new Date(),
    }),
  );
  return { units: units.map((u) => ({ id: u.id, name: u.name })), told };
}

let matters: ReturnType<typeof matterService> | null = null;

/** 派发事项: a task (or department assignment) raised by a unit to the unit named, through the matters service. */
export async function dispatchMatter(options: Options, context: OperationContext) {
  const o = checked('dispatch-matter', parseDispatch(options));
  const db = context.database as unknown as Knex;
  const [target] = await unitsOf('dispatch-matter', db, context, o.unit);
  if (!target) throw new FlowOperationRefused({ reason: refusal('dispatch-matter', ['没有找到承办单位']) });
  const fromId = o.from ?? target.parent;
  if (fromId === null)
    throw new FlowOperationRefused({ reason: refusal('dispatch-matter', [`“${target.name}”没有上级单位，请填写发起单位`]) });
  const from = (await db('units').where({ id: fromId }).first(UNIT_COLUMNS)) as UnitRow | undefined;
  if (!from) throw new FlowOperationRefused({ reason: refusal('dispatch-matter', [`发起单位“${fromId}”不存在`]) });
  const category = (await db('matter_categories')
    .where(typeof o.category === 'number' ? { id: o.category } : { code: o.category })
    .first('id')) as { id: number } | undefined;
  if (!category) throw new FlowOperationRefused({ reason: refusal('dispatch-matter', [`事项分类“${o.category}”不存在`]) });
  const now = new Date();
  const parsed = parseReport(
    {
      type: o.type,
      title: o.title,
      description: o.description,
      category: category.id,
      urgency: o.urgency,
      source: 'superior',
      target_unit: target.id,
    },
    now,
  );
  const report = checked('dispatch-matter', parsed.ok ? { ok: true, value: parsed.report } : parsed);
  return asOperation('dispatch-matter', async () => {
    matters ??= matterService(extensionContext());
    const id = await matters.raise({ user: null, unit: from, readOnly: false }, report, now);
    return matters.summary(id);
  });
}

/** 预警: a warning raised for a unit under one of the rules, through the warnings domain. */
export async function raiseWarning(options: Options, context: OperationContext) {
  const o = checked('raise-warning', parseWarning(options));
  const db = context.database as unknown as Knex;
  const [unit] = await unitsOf('raise-warning', db, context, o.unit);
  if (!unit) throw new FlowOperationRefused({ reason: refusal('raise-warning', ['没有找到被预警单位']) });
  return asOperation('raise-warning', () =>
    raiseForUnit(db, { rule: o.rule, unit: unit.id, summary: o.summary, level: o.level, now: new Date() }),
  );
}
