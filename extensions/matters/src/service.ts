// The matters service: raising a matter and moving it on, with every check
// that does not depend on HTTP. Used by the matters endpoint (users) and the
// 大联勤 endpoint (the joint-duty platform acting for its own unit).

import type { EndpointExtensionContext } from '@directus/extensions';
import { createError, InvalidPayloadError } from '@directus/errors';
import type { Accountability, SchemaOverview } from '@directus/types';
import type { Knex } from 'knex';
import { Queue } from 'bullmq';
import { roleById } from '../../../schema/access.ts';
import { milestoneKey, milestonesOf, type Milestone } from './milestones.ts';
import { outboxChannel } from './phone.ts';
import { cachedCalendar, cancel, instant, notifyUnit, openMatters, queueSettingsFromEnv, REMINDER_QUEUE, schedule } from './reminders.ts';
import { matterNumber, type Report } from './report.ts';
import { ACTION_LABELS, availableActions, decide, RULES, STATUS_LABELS, type Action, type MatterState, type Relation, type Status } from './transitions.ts';
import { ATTACHMENT_TYPES, MATTER_TYPES, MAX_ATTACHMENT_BYTES } from './vocabulary.ts';
import { addDuration, localDateOf, type Duration } from './working-days.ts';

export const MatterForbidden = createError<{ reason: string }>('MATTER_FORBIDDEN', (e) => e.reason, 403);
export const MatterConflict = createError<{ reason: string }>('MATTER_CONFLICT', (e) => e.reason, 409);
export const refuse = (reason: string) => new InvalidPayloadError({ reason });

export interface UnitRow {
  id: number;
  name: string;
  parent: number | null;
  kind: string;
  level: string;
  path: string;
}

export interface Actor {
  /** The acting person; null when a connected platform acts for its unit. */
  user: string | null;
  unit: UnitRow;
  readOnly: boolean;
}

export async function loadActor(db: Knex, accountability: Accountability | undefined): Promise<Actor> {
  if (!accountability?.user) throw new MatterForbidden({ reason: '请先登录' });
  const row = await db('directus_users as usr').join('units', 'units.id', 'usr.unit').where('usr.id', accountability.user).first('units.*', 'usr.role as user_role');
  if (!row) throw new MatterForbidden({ reason: '您的账号没有所在单位，不能办理事项' });
  const { user_role: role, ...unit } = row;
  return { user: accountability.user, unit: unit as UnitRow, readOnly: roleById(role)?.job === 'leader' };
}

async function deadlinePolicy(db: Knex, type: string, urgency: string): Promise<{ sign: Duration; complete: Duration; maxExtensionDays: number; pausable: boolean }> {
  const row = await db('deadline_policies').where({ matter_type: type, urgency }).first();
  if (!row) throw refuse(`尚未设置“${MATTER_TYPES[type as keyof typeof MATTER_TYPES]?.label ?? type}”的时限标准，请联系区综治办`);
  return { sign: { amount: row.sign_amount, unit: row.sign_unit }, complete: { amount: row.complete_amount, unit: row.complete_unit }, maxExtensionDays: row.max_extension_days ?? 10, pausable: Boolean(row.pausable) };
}

function relationOf(holder: UnitRow, target: UnitRow): Relation {
  if (target.kind !== 'office') return 'department';
  if (target.parent === holder.id) return 'child';
  if (holder.parent === target.id) return 'parent';
  return 'other';
}

/** Files attached by the actor: they must exist, be the actor's, of an allowed type and size. */
async function checkAttachments(db: Knex, actor: Actor, ids: string[]): Promise<void> {
  if (!ids.length) return;
  const files = await db('directus_files').whereIn('id', ids).select('id', 'type', 'filesize', 'uploaded_by', 'filename_download');
  for (const id of ids) {
    const file = files.find((f) => f.id === id);
    if (!file || file.uploaded_by !== actor.user) throw refuse(`附件“${id}”不存在或不是本人上传的文件`);
    if (!ATTACHMENT_TYPES.includes(file.type)) throw refuse(`附件“${file.filename_download}”的类型（${file.type}）不允许，只能是照片或视频`);
    if (Number(file.filesize) > MAX_ATTACHMENT_BYTES) throw refuse(`附件“${file.filename_download}”超过${MAX_ATTACHMENT_BYTES / 1024 / 1024}MB`);
  }
}

/** The next number of the day for a prefix (`SJ-20261126`); the counter row is locked until commit. */
async function nextNumber(trx: Knex, key: string): Promise<number> {
  const [row] = await trx('matter_counters')
    .insert({ key, value: 1 })
    .onConflict('key')
    .merge({ value: trx.raw('?? + 1', ['matter_counters.value']) })
    .returning('value');
  return Number(typeof row === 'object' ? row.value : row);
}

export const parseRoute = (route: unknown): number[] => (typeof route === 'string' ? JSON.parse(route) : (route as number[]));

// Participants and steps are written directly: only this service writes them
// (users may only read), and the paths come from the unit rows in hand, which is
// what the jurisdiction hook would look up again for each row through ItemsService.

/** The units a matter has reached, with their paths (visibility: docs/workflow.md). */
async function addParticipants(trx: Knex, matter: number, units: Pick<UnitRow, 'id' | 'path'>[]): Promise<void> {
  await trx('matter_participants').insert(units.map((u) => ({ matter, unit: u.id, unit_path: u.path })));
}

/** One step of the append-only log. */
async function addStep(trx: Knex, step: Record<string, unknown> & { attachments: string[] }, now: Date): Promise<void> {
  await trx('matter_steps').insert({ ...step, attachments: JSON.stringify(step.attachments), date_created: now });
}

/** What a transition request holds. */
export interface TransitionRequest {
  action?: Action;
  /** For request_extension: working days asked for. */
  extension_days?: number;
  /** For dispatch and transfer: co-handling units beside the target (协办单位). */
  co_units?: number[];
  version?: number;
  opinion?: string;
  target_unit?: number;
  attachments?: string[];
}

/** Raised and moved matters are announced on Directus's extension bus, for the 大联勤 exchange. */
export const MATTER_CHANGED = 'zongzhi.matter.changed';
export interface MatterChanged {
  matter: number;
  action: Action | 'report';
  opinion: string | null;
}

export interface RaiseOptions {
  /** Routed by the caller (a connected platform), not by the tree. */
  handler?: UnitRow;
  externalRef?: string;
  /** The request's schema (req.schema), so that none is copied again. */
  schema?: SchemaOverview;
}

export function matterService({ services, database, getSchema, env, logger, emitter }: EndpointExtensionContext) {
  const { ItemsService } = services;
  const queueSettings = queueSettingsFromEnv(env);
  // Fail fast when Redis is away: the worker's scan schedules what is missed.
  const queue = queueSettings ? new Queue(REMINDER_QUEUE, { connection: { ...queueSettings.connection, enableOfflineQueue: false } as never, prefix: queueSettings.prefix }) : null;

  const calendarNow = cachedCalendar(database);
  /** The request's schema when there is one (Directus made it for the request); else a fresh copy. */
  const schemaOf = async (schema: SchemaOverview | undefined) => schema ?? (await getSchema());

  /** Wakes the worker's phone outbox (scripts/worker.ts) for the messages just written; its timer catches what this misses. */
  function wakeOutbox(): void {
    if (!queue || !queueSettings) return;
    // BullMQ's own connection (an ioredis client, typed narrower by BullMQ).
    queue.client.then((redis) => (redis as unknown as { publish(channel: string, message: string): Promise<number> }).publish(outboxChannel(queueSettings.prefix), '')).catch(() => undefined);
  }

  async function milestonesNow(id: number): Promise<Milestone[]> {
    const calendar = await calendarNow();
    return (await openMatters(database, [id])).flatMap((m) => milestonesOf(m, calendar));
  }

  /** After a change: drop jobs of milestones that no longer apply, add the new ones. */
  async function reschedule(id: number, before: Milestone[]): Promise<void> {
    if (!queue) return;
    try {
      const after = await milestonesNow(id);
      const keep = new Set(after.map(milestoneKey));
      await cancel(queue, before.filter((m) => !keep.has(milestoneKey(m))));
      await schedule(queue, database, after);
    } catch (error) {
      logger.warn(`reminders for matter ${id} not scheduled now (the worker's scan will): ${(error as Error).message}`);
    }
  }
  /** The matter as the response shows it, dates formatted by Directus. */
  async function summary(id: number, schema?: SchemaOverview) {
    return new ItemsService('matters', { schema: await schemaOf(schema) }).readOne(id, { fields: ['id', 'number', 'status', 'handler_unit', 'sign_due_at', 'due_at', 'closed_at', 'version'] });
  }

  async function createReport(actor: Actor, report: Report, now: Date, options: RaiseOptions) {
    const direction = MATTER_TYPES[report.type].direction;
    const category = await database('matter_categories').where({ id: report.category }).first('id');
    if (!category) throw refuse(`事项分类“${report.category}”不存在`);
    if (report.grid !== null) {
      const grid = await database('units').where({ id: report.grid }).first('level');
      if (grid?.level !== 'grid') throw refuse(`所在网格“${report.grid}”不存在或不是网格`);
    }
    let handler: UnitRow | undefined = options.handler;
    if (handler) {
      // Routed by the caller (a connected platform), not by the tree.
    } else if (direction === 'up') {
      handler = actor.unit.parent ? await database('units').where({ id: actor.unit.parent }).first() : undefined;
      if (!handler) throw refuse('本单位没有上级单位，不能上报');
    } else {
      handler = await database('units').where({ id: report.target_unit! }).first();
      if (!handler) throw refuse(`承办单位“${report.target_unit}”不存在`);
      const relation = relationOf(actor.unit, handler);
      if (direction === 'down' && relation !== 'child') throw refuse('任务只能分派给本单位的直属下级单位');
      if (direction === 'department' && relation !== 'department') throw refuse('部门交办只能交给职能部门或成员单位');
    }
    await checkAttachments(database, actor, report.attachments);
    const policy = await deadlinePolicy(database, report.type, report.urgency);
    const calendar = await calendarNow();
    const schema = await schemaOf(options.schema);
    const status: Status = direction === 'up' ? 'pending_acceptance' : 'pending_sign';
    const { attachments, target_unit: _target, ...fields } = report;

    return database.transaction(async (trx) => {
      const items = (collection: string) => new ItemsService(collection, { knex: trx, schema });
      const id = await items('matters').createOne({
        ...fields,
        number: matterNumber(report.type, localDateOf(now), await nextNumber(trx, matterNumber(report.type, localDateOf(now), 0).slice(0, -5))),
        unit: actor.unit.id,
        initiator: actor.user,
        handler_unit: handler.id,
        status,
        route: [actor.unit.id, handler.id],
        sign_due_at: addDuration(calendar, now, policy.sign).toISOString(),
        due_at: addDuration(calendar, now, policy.complete).toISOString(),
        version: 1,
        external_ref: options.externalRef ?? null,
        attachments: attachments.map((file) => ({ directus_files_id: file })),
      });
      await addParticipants(trx, id as number, [actor.unit, handler]);
      await addStep(trx, { matter: id, action: 'report', actor: actor.user, actor_unit: actor.unit.id, from_unit: actor.unit.id, to_unit: handler.id, status_after: status, attachments }, now);
      await notifyUnit(trx, { unit: handler.id, matter: id as number, subject: `新${MATTER_TYPES[report.type].label}待${status === 'pending_sign' ? '签收' : '受理'}`, body: `【综治】${actor.unit.name}发来“${report.title}”，请及时${status === 'pending_sign' ? '签收' : '受理'}。`, now });
      return id as number;
    });
  }

  async function raise(actor: Actor, report: Report, now: Date, options: RaiseOptions = {}): Promise<number> {
    if (actor.readOnly) throw new MatterForbidden({ reason: '领导账号只能查阅和批示，不能发起事项' });
    const id = await createReport(actor, report, now, options);
    wakeOutbox();
    await reschedule(id, []);
    emitter.emitAction(MATTER_CHANGED, { matter: id, action: 'report', opinion: null } satisfies MatterChanged, {});
    return id;
  }

  function stateOf(matter: Record<string, any>): MatterState {
    return { status: matter.status, route: parseRoute(matter.route), lastHandler: matter.last_handler, extensionRequested: matter.extension_requested_days ?? null, paused: matter.paused_at !== null && matter.paused_at !== undefined, coHandlers: parseRoute(matter.co_handlers ?? []) };
  }

  /**
   * What the caller may do now, and the units each hand-over may go to (the same
   * rule the transition checks): a unit need not be able to read the departments to transfer to one.
   */
  async function actions(actor: Actor, id: number) {
    const matter = await database('matters').where({ id }).first();
    const available = availableActions(stateOf(matter), { unit: actor.unit.id, readOnly: actor.readOnly });
    const relations = new Set(available.map((action) => RULES[action].target));
    const targets: Partial<Record<'child' | 'department', { id: number; name: string }[]>> = {};
    if (relations.has('child')) targets.child = await database('units').where({ parent: actor.unit.id, kind: 'office' }).orderBy('path').select('id', 'name');
    if (relations.has('department')) targets.department = await database('units').whereNot({ kind: 'office' }).orderBy('path').select('id', 'name');
    return { version: matter.version, actions: available, targets };
  }

  /** Moves a matter on; the caller has checked that the actor may see it. */
  async function move(actor: Actor, id: number, body: TransitionRequest, requestSchema?: SchemaOverview): Promise<void> {
    if (!Number.isInteger(body.version)) throw refuse('请提交事项的当前版本号（version），以免覆盖他人的办理');
    const matter = await database('matters').where({ id }).first();
    if (!matter) throw refuse(`事项“${id}”不存在`);
    if (matter.version !== body.version) throw new MatterConflict({ reason: `事项已被他人办理（当前版本 ${matter.version}），请刷新后重试` });

    const target: UnitRow | undefined = body.target_unit !== undefined ? await database('units').where({ id: body.target_unit }).first() : undefined;
    if (body.target_unit !== undefined && !target) throw refuse(`目标单位“${body.target_unit}”不存在`);
    const state = stateOf(matter);
    const holderUnit: UnitRow = await database('units').where({ id: state.route[state.route.length - 1] }).first();
    const coUnitIds = body.co_units ?? [];
    if (!Array.isArray(coUnitIds) || coUnitIds.some((u) => !Number.isInteger(u)) || coUnitIds.length > 10) throw refuse('协办单位应为最多10个单位编号');
    const coUnits: UnitRow[] = coUnitIds.length ? await database('units').whereIn('id', coUnitIds) : [];
    if (coUnits.length !== new Set(coUnitIds).size) throw refuse('协办单位中有不存在的单位');
    const outcome = decide(state, {
      action: body.action as Action,
      actor: { unit: actor.unit.id, readOnly: actor.readOnly },
      opinion: body.opinion ?? null,
      target: target ? { unit: target.id, relation: relationOf(holderUnit, target) } : null,
      extensionDays: body.extension_days ?? null,
      coTargets: coUnits.map((u) => ({ unit: u.id, relation: relationOf(holderUnit, u) })),
    });
    if (!outcome.ok) {
      if (outcome.status === 403) throw new MatterForbidden({ reason: outcome.reason });
      if (outcome.status === 409) throw new MatterConflict({ reason: outcome.reason });
      throw refuse(outcome.reason);
    }
    await checkAttachments(database, actor, body.attachments ?? []);

    const now = new Date();
    const before = await milestonesNow(id);
    const calendar = await calendarNow();
    const policy = await deadlinePolicy(database, matter.type, matter.urgency);
    const handedOn = outcome.state.route.length > state.route.length;
    // A new sign-for clock when handed on; none once no longer waiting; else as it was.
    const waiting = outcome.state.status === 'pending_sign' || outcome.state.status === 'pending_acceptance';
    const signDue = handedOn ? addDuration(calendar, now, policy.sign).toISOString() : waiting ? undefined : null;
    const currentDue = instant(matter.due_at);
    let dueAt: string | undefined;
    if (body.action === 'request_extension') {
      if (currentDue && now >= currentDue) throw new MatterConflict({ reason: '已超过办结时限，不能再申请延期' });
      if (body.extension_days! > policy.maxExtensionDays) throw refuse(`延期不能超过${policy.maxExtensionDays}个工作日`);
    }
    let pausedAt: string | null | undefined;
    if (body.action === 'pause') {
      if (!policy.pausable) throw refuse('该类事项的时限标准不允许暂停计时');
      pausedAt = now.toISOString();
    }
    if (body.action === 'resume') {
      // The deadline moves on by the time the clock stood still (only a matter being handled pauses).
      const stopped = now.getTime() - instant(matter.paused_at)!.getTime();
      if (currentDue) dueAt = new Date(currentDue.getTime() + stopped).toISOString();
      pausedAt = null;
    }
    if (body.action === 'approve_extension' && currentDue) {
      // N more working days after the day the matter was due.
      dueAt = addDuration(calendar, new Date(currentDue.getTime() - 1), { amount: state.extensionRequested!, unit: 'working_days' }).toISOString();
    }
    const schema = await schemaOf(requestSchema);
    await database.transaction(async (trx) => {
      // Claim this version; a concurrent transition that got here first wins.
      const claimed = await trx('matters').where({ id, version: body.version }).update({ version: body.version! + 1 });
      if (claimed !== 1) throw new MatterConflict({ reason: '事项刚被他人办理，请刷新后重试' });
      const items = (collection: string) => new ItemsService(collection, { knex: trx, schema });
      await items('matters').updateOne(id, {
        status: outcome.state.status,
        route: outcome.state.route,
        handler_unit: outcome.to,
        last_handler: outcome.state.lastHandler,
        extension_requested_days: outcome.state.extensionRequested ?? null,
        co_handlers: outcome.state.coHandlers ?? [],
        ...(signDue !== undefined ? { sign_due_at: signDue } : {}),
        ...(dueAt ? { due_at: dueAt } : {}),
        ...(pausedAt !== undefined ? { paused_at: pausedAt } : {}),
        closed_at: outcome.state.status === 'closed' ? now.toISOString() : null,
      });
      const involved = [outcome.to, ...coUnits.map((u) => u.id)];
      const known = new Set((await trx('matter_participants').where({ matter: id }).whereIn('unit', involved).select('unit')).map((r) => r.unit));
      const newcomers = involved.filter((u) => !known.has(u));
      if (newcomers.length) await addParticipants(trx, id, await trx('units').whereIn('id', newcomers).select('id', 'path'));
      await addStep(trx, {
        matter: id,
        action: body.action,
        actor: actor.user,
        actor_unit: actor.unit.id,
        from_unit: outcome.from,
        to_unit: outcome.to,
        opinion: body.opinion ?? null,
        extension_days: body.action === 'request_extension' ? body.extension_days : body.action === 'approve_extension' ? state.extensionRequested : null,
        attachments: body.attachments ?? [],
        status_after: outcome.state.status,
      }, now);
      // The unit the matter now waits on hears of it at once (R10: 手机提醒).
      const label = `${ACTION_LABELS[body.action as Action]}：${STATUS_LABELS[outcome.state.status]}`;
      for (const unit of outcome.to !== outcome.from || body.action === 'co_reply' ? [outcome.to] : []) {
        await notifyUnit(trx, { unit, exceptUser: actor.user, matter: id, subject: `事项${matter.number}${label}`, body: `【综治】${actor.unit.name}对事项${matter.number}“${matter.title}”${label}，请及时处理。`, now });
      }
      for (const co of coUnits) {
        await notifyUnit(trx, { unit: co.id, matter: id, subject: `事项${matter.number}请协办`, body: `【综治】${actor.unit.name}请你单位协助办理事项${matter.number}“${matter.title}”，请及时反馈。`, now });
      }
    });
    wakeOutbox();
    await reschedule(id, before);
    emitter.emitAction(MATTER_CHANGED, { matter: id, action: body.action!, opinion: body.opinion ?? null } satisfies MatterChanged, {});
  }

  return { raise, move, actions, summary };
}
