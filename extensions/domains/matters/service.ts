// The matters service: raising a matter and moving it on, with every check
// that does not depend on HTTP. Used by the matters endpoint (users) and the
// 大联勤 endpoint (the joint-duty platform acting for its own unit).

import type { EndpointExtensionContext } from '@directus/extensions';
import { createError, InvalidPayloadError, RecordNotUniqueError } from '@directus/errors';
import type { Accountability, SchemaOverview } from '@directus/types';
import type { Knex } from 'knex';
import { readsOnly } from '../../../schema/access.ts';
import type { Actor, UnitRow } from '../../kernel/actor.ts';
import { notify } from '../../kernel/notify.ts';
import { deadlinesAfter, type DeadlinePolicy } from './deadlines.ts';
import { yellowAt, type TimedMatter } from './lights.ts';
import { milestoneKey, milestonesOf, type Milestone, type OpenMatter } from './milestones.ts';
import { PARTICIPANT_PATHS, withParticipants } from './participant-paths.ts';
import { outboxChannel } from './phone.ts';
import { dueOf, MATTERS, matterReminders, openMatters } from './reminders.ts';
import { dequeue, enqueue, reminderQueue, scheduleMissing } from '../../kernel/reminder-engine.ts';
import { cachedCalendar } from '../../kernel/calendar.ts';
import { instant } from '../../kernel/db-values.ts';
import { queueSettingsFromEnv, scanHorizonMs } from '../../kernel/queue.ts';
import { dayCounterKey, type Report } from './report.ts';
import { insertMatter, policyOf, reportContext, type ReportContext } from './report-store.ts';
import { isUniqueViolation } from '../../kernel/submission.ts';
import {
  ACTION_LABELS,
  availableActions,
  decide,
  RULES,
  STATUS_LABELS,
  type Action,
  type MatterState,
  type Relation,
  type Status,
} from './transitions.ts';
import { ATTACHMENT_TYPES, MATTER_TYPES, MAX_ATTACHMENT_BYTES } from './vocabulary.ts';
import { addDuration, localDateOf } from '../../kernel/working-days.ts';

export const MatterForbidden = createError<{ reason: string }>('MATTER_FORBIDDEN', (e) => e.reason, 403);
export const MatterConflict = createError<{ reason: string }>('MATTER_CONFLICT', (e) => e.reason, 409);
export const refuse = (reason: string) => new InvalidPayloadError({ reason });

const noPolicy = (type: string) =>
  refuse(`尚未设置“${MATTER_TYPES[type as keyof typeof MATTER_TYPES]?.label ?? type}”的时限标准，请联系区综治办`);

async function deadlinePolicy(db: Knex, type: string, urgency: string): Promise<DeadlinePolicy> {
  const row = await db('deadline_policies').where({ matter_type: type, urgency }).first();
  if (!row) throw noPolicy(type);
  return policyOf(row);
}

/** The two ways a matter is handed on to a unit the holder chooses. */
type HandOver = 'child' | 'department';
/** A unit a matter may be handed to, as the forms list it. */
export interface TargetUnit {
  id: number;
  name: string;
  path: string;
  level: string | null;
  kind: string | null;
  parent: number | null;
}
const TARGET_FIELDS = ['id', 'name', 'path', 'level', 'kind', 'parent'] as const;

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
    if (!ATTACHMENT_TYPES.includes(file.type))
      throw refuse(`附件“${file.filename_download}”的类型（${file.type}）不允许，只能是照片或视频`);
    if (Number(file.filesize) > MAX_ATTACHMENT_BYTES)
      throw refuse(`附件“${file.filename_download}”超过${MAX_ATTACHMENT_BYTES / 1024 / 1024}MB`);
  }
}

/** A stored list of unit ids (a route, the co-handlers): JSON text on SQLite, already parsed on PostgreSQL. */
export const parseUnitIds = (ids: unknown): number[] => (typeof ids === 'string' ? JSON.parse(ids) : (ids as number[]));

// Participants and steps are written directly: only this service writes them
// (users may only read), and the paths come from the unit rows in hand, which is
// what the jurisdiction hook would look up again for each row through ItemsService.

/** The units a matter has reached, with their paths, also in the matter's own list (visibility: docs/workflow.md). */
async function addParticipants(trx: Knex, matter: number, units: Pick<UnitRow, 'id' | 'path'>[]): Promise<void> {
  await trx('matter_participants').insert(units.map((u) => ({ matter, unit: u.id, unit_path: u.path })));
  const row = (await trx('matters').where({ id: matter }).first(PARTICIPANT_PATHS)) as Record<string, string | null> | undefined;
  await trx('matters')
    .where({ id: matter })
    .update({
      [PARTICIPANT_PATHS]: withParticipants(
        row?.[PARTICIPANT_PATHS],
        units.map((u) => u.path),
      ),
    });
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
  /** Made on the sender's device: the same transition sent again (its answer lost) is done once. */
  client_ref?: string;
}

/** Raised and moved matters are announced on Directus's extension bus, for the 大联勤 exchange. */
export const MATTER_CHANGED = 'zongzhi.matter.changed';
export interface MatterChanged {
  matter: number;
  action: Action | 'report';
  opinion: string | null;
}

/** Wakes of the phone outbox within this many ms are sent as one. */
const OUTBOX_WAKE_MS = 20;

/** What the matter endpoints answer with: timestamps as ISO strings, as Directus formats them. */
export interface MatterSummary {
  id: number;
  number: string;
  status: Status;
  handler_unit: number;
  sign_due_at: string | null;
  due_at: string | null;
  /** When its deadline light turns yellow (临期时间, lights.ts). */
  yellow_at: string | null;
  closed_at: string | null;
  version: number;
}
const SUMMARY_FIELDS: (keyof MatterSummary)[] = [
  'id',
  'number',
  'status',
  'handler_unit',
  'sign_due_at',
  'due_at',
  'yellow_at',
  'closed_at',
  'version',
];

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
  const queue = queueSettings ? reminderQueue(queueSettings, { failFast: true }) : null;
  const reminders = matterReminders(database);

  const calendarNow = cachedCalendar(database);
  // The worker's scan interval (directus.config.ts passes it to both): how far ahead its scan schedules.
  const scanEveryMs = Number(env.REMINDER_SCAN_SECONDS ?? 60) * 1000;
  /** The request's schema when there is one (Directus made it for the request); else a fresh copy. */
  const schemaOf = async (schema: SchemaOverview | undefined) => schema ?? (await getSchema());

  /**
   * Wakes the worker's phone outbox (scripts/worker.ts) for the messages just
   * written; its timer catches what this misses. Wakes within OUTBOX_WAKE_MS go
   * out as one, so that under many reports the worker claims many messages at a time.
   */
  let wakePending = false;
  function wakeOutbox(): void {
    if (!queue || !queueSettings || wakePending) return;
    wakePending = true;
    setTimeout(() => {
      wakePending = false;
      // BullMQ's own connection (an ioredis client, typed narrower by BullMQ).
      queue.client
        .then((redis) =>
          (redis as unknown as { publish(channel: string, message: string): Promise<number> }).publish(
            outboxChannel(queueSettings.prefix),
            '',
          ),
        )
        .catch(() => undefined);
    }, OUTBOX_WAKE_MS);
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
      await dequeue(queue, MATTERS, before.filter((m) => !keep.has(milestoneKey(m))).map(milestoneKey));
      await scheduleMissing(queue, database, reminders, after.map(dueOf));
    } catch (error) {
      logger.warn(`reminders for matter ${id} not scheduled now (the worker's scan will): ${(error as Error).message}`);
    }
  }
  /** The matter as the response shows it, dates formatted by Directus. */
  async function summary(id: number, schema?: SchemaOverview): Promise<MatterSummary> {
    return (await new ItemsService('matters', { schema: await schemaOf(schema) }).readOne(id, { fields: SUMMARY_FIELDS })) as MatterSummary;
  }

  /** Whom a report goes to when the caller does not route it: the parent (upward types) or the unit it names. */
  const handlerOf = (report: Report): 'parent' | number | null =>
    MATTER_TYPES[report.type].direction === 'up' ? 'parent' : report.target_unit;

  /**
   * Checks a report against what its context says, writes the matter (report-store.ts)
   * and schedules its first reminders; returns the matter as the response shows it.
   */
  async function create(actor: Actor, report: Report, now: Date, context: ReportContext, options: RaiseOptions): Promise<MatterSummary> {
    if (actor.readOnly) throw new MatterForbidden({ reason: '领导账号只能查阅和批示，不能发起事项' });
    const direction = MATTER_TYPES[report.type].direction;
    if (!context.categoryExists) throw refuse(`事项分类“${report.category}”不存在`);
    if (report.grid !== null && context.gridLevel !== 'grid') throw refuse(`所在网格“${report.grid}”不存在或不是网格`);
    // The reference rule of the jurisdiction (kernel/references.ts): a grid at or below the reporting unit.
    if (report.grid !== null && !options.handler && !String(context.gridPath).startsWith(actor.unit.path))
      throw refuse(`所在网格“${report.grid}”不在本单位辖区内`);
    let handler: UnitRow | undefined = options.handler;
    if (handler) {
      // Routed by the caller (a connected platform), not by the tree.
    } else if (direction === 'up') {
      handler = context.handler;
      if (!handler) throw refuse('本单位没有上级单位，不能上报');
    } else {
      handler = context.handler;
      if (!handler) throw refuse(`承办单位“${report.target_unit}”不存在`);
      const relation = relationOf(actor.unit, handler);
      if (direction === 'down' && relation !== 'child') throw refuse('任务只能分派给本单位的直属下级单位');
      if (direction === 'department' && relation !== 'department') throw refuse('部门交办只能交给职能部门或成员单位');
    }
    await checkAttachments(database, actor, report.attachments);
    const policy = context.policy;
    if (!policy) throw noPolicy(report.type);
    const calendar = await calendarNow();
    const status: Status = direction === 'up' ? 'pending_acceptance' : 'pending_sign';
    const signDueAt = addDuration(calendar, now, policy.sign);
    const dueAt = addDuration(calendar, now, policy.complete);
    const timed: TimedMatter = {
      status,
      created: now,
      received: now,
      sign_due_at: signDueAt,
      due_at: dueAt,
      sign_unit: policy.sign.unit,
      complete_unit: policy.complete.unit,
      paused: false,
    };
    const yellow = yellowAt(timed, calendar);
    const waitsFor = status === 'pending_sign' ? '签收' : '受理';
    let created: { id: number; number: string };
    try {
      created = await insertMatter(database, {
        report,
        counterKey: dayCounterKey(report.type, localDateOf(now)),
        actor: { user: actor.user, unit: actor.unit },
        handler,
        status,
        signDueAt,
        dueAt,
        yellowAt: yellow,
        externalRef: options.externalRef ?? null,
        now,
        notice: {
          subject: `新${MATTER_TYPES[report.type].label}待${waitsFor}`,
          body: `【综治】${actor.unit.name}发来“${report.title}”，请及时${waitsFor}。`,
        },
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const field = /client_ref/.test(String((error as Error).message) + String((error as { detail?: string }).detail))
        ? 'client_ref'
        : 'external_ref';
      throw new RecordNotUniqueError({ collection: 'matters', field, value: null });
    }
    const { id } = created;
    wakeOutbox();
    await scheduleFirst({ id, ...timed });
    emitter.emitAction(MATTER_CHANGED, { matter: id, action: 'report', opinion: null } satisfies MatterChanged, {});
    return {
      id,
      number: created.number,
      status,
      handler_unit: handler.id,
      sign_due_at: signDueAt.toISOString(),
      due_at: dueAt.toISOString(),
      yellow_at: yellow?.toISOString() ?? null,
      closed_at: null,
      version: 1,
    };
  }

  /**
   * A new matter's reminders: only those the worker's scan would not schedule
   * in time (within its horizon); the scan adds the later ones as they come
   * near. Nothing to look up: a new matter has no reminders sent nor jobs queued.
   */
  async function scheduleFirst(matter: OpenMatter): Promise<void> {
    if (!queue) return;
    try {
      const horizon = Date.now() + scanHorizonMs(scanEveryMs);
      await enqueue(
        queue,
        MATTERS,
        milestonesOf(matter, await calendarNow())
          .filter((m) => m.at.getTime() <= horizon)
          .map(dueOf),
      );
    } catch (error) {
      logger.warn(`reminders for matter ${matter.id} not scheduled now (the worker's scan will): ${(error as Error).message}`);
    }
  }

  /** Raises a matter for a connected platform or another caller with its actor in hand; returns its id. */
  async function raise(actor: Actor, report: Report, now: Date, options: RaiseOptions = {}): Promise<number> {
    const context = await reportContext(database, { unit: actor.unit.id }, report, options.handler?.id ?? handlerOf(report));
    return (await create(actor, report, now, context, options)).id;
  }

  /**
   * Raises a matter for a signed-in user (POST /matters/report): the user's unit,
   * the earlier matter of the same submission and all the report names are read
   * in one statement. A phone resending a report whose answer it never got (the
   * same client_ref) gets the same matter.
   */
  async function reportBy(user: string, report: Report, now: Date): Promise<MatterSummary & { duplicate: boolean }> {
    const context = await reportContext(database, { user }, report, handlerOf(report));
    if (!context.actor) throw new MatterForbidden({ reason: '您的账号没有所在单位，不能办理事项' });
    const earlier = (found: { id: number; initiator: string | null } | undefined): number | undefined => {
      if (found && found.initiator !== user) throw new MatterConflict({ reason: '提交编号已被其他人的上报使用，请重新提交' });
      return found?.id;
    };
    const sent = earlier(context.earlier);
    if (sent !== undefined) return { ...(await summary(sent)), duplicate: true };
    const actor: Actor = { user, unit: context.actor.unit, readOnly: readsOnly({ role: context.actor.role }) };
    try {
      return { ...(await create(actor, report, now, context, {})), duplicate: false };
    } catch (error) {
      // The same submission sent twice at once: the unique column lets one through.
      const raced =
        report.client_ref && (error as { code?: string }).code === 'RECORD_NOT_UNIQUE'
          ? earlier(await database('matters').where({ client_ref: report.client_ref }).first('id', 'initiator'))
          : undefined;
      if (raced) return { ...(await summary(raced)), duplicate: true };
      throw error;
    }
  }

  function stateOf(matter: Record<string, any>): MatterState {
    return {
      status: matter.status,
      route: parseUnitIds(matter.route),
      lastHandler: matter.last_handler,
      extensionRequested: matter.extension_requested_days ?? null,
      paused: matter.paused_at !== null && matter.paused_at !== undefined,
      coHandlers: parseUnitIds(matter.co_handlers ?? []),
    };
  }

  /**
   * The units a hand-over from the actor's unit may go to, by the rule create() and the transitions
   * check (relationOf): the offices directly below it, or the departments and member units.
   */
  async function targetsOf(actor: Actor, relation: HandOver): Promise<TargetUnit[]> {
    const units =
      relation === 'child'
        ? database('units').where({ parent: actor.unit.id, kind: 'office' })
        : database('units').whereNot({ kind: 'office' });
    return units.orderBy('path').select(...TARGET_FIELDS);
  }

  /**
   * Whom a matter the actor raises may be handed to (事项登记's 任务分派 and 部门交办): read here, so
   * a street's office that may not read the district's departments can still assign to one.
   */
  async function reportTargets(actor: Actor): Promise<Record<HandOver, TargetUnit[]>> {
    return { child: await targetsOf(actor, 'child'), department: await targetsOf(actor, 'department') };
  }

  /**
   * What the caller may do now, and the units each hand-over may go to (the same
   * rule the transition checks): a unit need not be able to read the departments to transfer to one.
   */
  async function actions(actor: Actor, id: number) {
    const matter = await database('matters').where({ id }).first();
    const available = availableActions(stateOf(matter), { unit: actor.unit.id, readOnly: actor.readOnly });
    const relations = new Set(available.map((action) => RULES[action].target));
    const targets: Partial<Record<HandOver, TargetUnit[]>> = {};
    if (relations.has('child')) targets.child = await targetsOf(actor, 'child');
    if (relations.has('department')) targets.department = await targetsOf(actor, 'department');
    // The most days an extension may ask for, so the form offers exactly what the policy allows.
    const maxExtensionDays = available.includes('request_extension')
      ? (await deadlinePolicy(database, matter.type, matter.urgency)).maxExtensionDays
      : null;
    // The names of the units the matter names and passed through: one who may see the matter reads who
    // holds it and who handled it, also a unit above or beside theirs they may not read otherwise.
    const steps: { actor_unit: number | null; to_unit: number | null }[] = await database('matter_steps')
      .where({ matter: id })
      .select('actor_unit', 'to_unit');
    const named = new Set([matter.unit, matter.handler_unit, ...steps.flatMap((s) => [s.actor_unit, s.to_unit])].filter((u) => u != null));
    const unitNames: Record<number, string> = Object.fromEntries(
      (
        await database('units')
          .whereIn('id', [...named])
          .select('id', 'name')
      ).map((u: { id: number; name: string }) => [u.id, u.name]),
    );
    return {
      version: matter.version,
      actions: available,
      targets,
      max_extension_days: maxExtensionDays,
      unit: matter.unit,
      handler_unit: matter.handler_unit,
      unit_names: unitNames,
    };
  }

  /** Whether this actor's transition of this matter with this submission id was done already (another use of it is refused). */
  async function doneEarlier(actor: Actor, id: number, clientRef: string | undefined): Promise<boolean> {
    if (!clientRef) return false;
    const step = await database('matter_steps').where({ client_ref: clientRef }).first('matter', 'actor');
    if (!step) return false;
    if (Number(step.matter) !== id || step.actor !== actor.user)
      throw new MatterConflict({ reason: '提交编号已用于另一次办理，请重新提交' });
    return true;
  }

  /**
   * Moves a matter on; the caller has checked that the actor may see it. Sent again with its submission
   * id (the answer lost, or sent twice at once), the transition done first stands and answers for both.
   */
  async function move(actor: Actor, id: number, body: TransitionRequest, requestSchema?: SchemaOverview): Promise<void> {
    try {
      if (await doneEarlier(actor, id, body.client_ref)) return;
      await moveOnce(actor, id, body, requestSchema);
    } catch (error) {
      if (error instanceof MatterConflict && (await doneEarlier(actor, id, body.client_ref))) return;
      throw error;
    }
  }

  async function moveOnce(actor: Actor, id: number, body: TransitionRequest, requestSchema?: SchemaOverview): Promise<void> {
    if (!Number.isInteger(body.version)) throw refuse('请提交事项的当前版本号（version），以免覆盖他人的办理');
    const matter = await database('matters').where({ id }).first();
    if (!matter) throw refuse(`事项“${id}”不存在`);
    if (matter.version !== body.version)
      throw new MatterConflict({ reason: `事项已被他人办理（当前版本 ${matter.version}），请刷新后重试` });

    const target: UnitRow | undefined =
      body.target_unit !== undefined ? await database('units').where({ id: body.target_unit }).first() : undefined;
    if (body.target_unit !== undefined && !target) throw refuse(`目标单位“${body.target_unit}”不存在`);
    const state = stateOf(matter);
    const holderUnit: UnitRow = await database('units')
      .where({ id: state.route[state.route.length - 1] })
      .first();
    const coUnitIds = body.co_units ?? [];
    if (!Array.isArray(coUnitIds) || coUnitIds.some((u) => !Number.isInteger(u)) || coUnitIds.length > 10)
      throw refuse('协办单位应为最多10个单位编号');
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
    const clocks = deadlinesAfter(
      {
        action: body.action as Action,
        status: outcome.state.status,
        extensionDays: body.action === 'approve_extension' ? state.extensionRequested : body.extension_days,
      },
      {
        created: instant(matter.date_created)!,
        sign_due_at: instant(matter.sign_due_at),
        due_at: instant(matter.due_at),
        paused_at: instant(matter.paused_at),
      },
      policy,
      calendar,
      now,
    );
    if (!clocks.ok) {
      if (clocks.status === 409) throw new MatterConflict({ reason: clocks.reason });
      throw refuse(clocks.reason);
    }
    const iso = (at: Date | null | undefined) => (at === undefined ? undefined : (at?.toISOString() ?? null));
    const schema = await schemaOf(requestSchema);
    const inOneTransaction = () =>
      database.transaction(async (trx) => {
        // Claim this version; a concurrent transition that got here first wins.
        const claimed = await trx('matters')
          .where({ id, version: body.version })
          .update({ version: body.version! + 1 });
        if (claimed !== 1) throw new MatterConflict({ reason: '事项刚被他人办理，请刷新后重试' });
        const items = (collection: string) => new ItemsService(collection, { knex: trx, schema });
        await items('matters').updateOne(id, {
          status: outcome.state.status,
          route: outcome.state.route,
          handler_unit: outcome.to,
          last_handler: outcome.state.lastHandler,
          extension_requested_days: outcome.state.extensionRequested ?? null,
          co_handlers: outcome.state.coHandlers ?? [],
          ...(clocks.sign_due_at !== undefined ? { sign_due_at: iso(clocks.sign_due_at) } : {}),
          ...(clocks.due_at ? { due_at: iso(clocks.due_at) } : {}),
          ...(clocks.paused_at !== undefined ? { paused_at: iso(clocks.paused_at) } : {}),
          ...(clocks.yellow_at !== undefined ? { yellow_at: iso(clocks.yellow_at) } : {}),
          closed_at: outcome.state.status === 'closed' ? now.toISOString() : null,
        });
        const involved = [outcome.to, ...coUnits.map((u) => u.id)];
        const known = new Set(
          (await trx('matter_participants').where({ matter: id }).whereIn('unit', involved).select('unit')).map((r) => r.unit),
        );
        const newcomers = involved.filter((u) => !known.has(u));
        if (newcomers.length) await addParticipants(trx, id, await trx('units').whereIn('id', newcomers).select('id', 'path'));
        await addStep(
          trx,
          {
            matter: id,
            action: body.action,
            actor: actor.user,
            actor_unit: actor.unit.id,
            from_unit: outcome.from,
            to_unit: outcome.to,
            opinion: body.opinion ?? null,
            extension_days:
              body.action === 'request_extension'
                ? body.extension_days
                : body.action === 'approve_extension'
                  ? state.extensionRequested
                  : null,
            attachments: body.attachments ?? [],
            status_after: outcome.state.status,
            client_ref: body.client_ref ?? null,
          },
          now,
        );
        // The unit the matter now waits on hears of it at once (R10: 手机提醒).
        const label = `${ACTION_LABELS[body.action as Action]}：${STATUS_LABELS[outcome.state.status]}`;
        const about = { collection: 'matters', item: id };
        if (outcome.to !== outcome.from || body.action === 'co_reply')
          await notify(trx, {
            units: [outcome.to],
            exceptUser: actor.user,
            about,
            subject: `事项${matter.number}${label}`,
            body: `【综治】${actor.unit.name}对事项${matter.number}“${matter.title}”${label}，请及时处理。`,
            phone: true,
            now,
          });
        if (coUnits.length)
          await notify(trx, {
            units: coUnits.map((u) => u.id),
            about,
            subject: `事项${matter.number}请协办`,
            body: `【综治】${actor.unit.name}请你单位协助办理事项${matter.number}“${matter.title}”，请及时反馈。`,
            phone: true,
            now,
          });
      });
    await inOneTransaction();
    wakeOutbox();
    await reschedule(id, before);
    emitter.emitAction(MATTER_CHANGED, { matter: id, action: body.action!, opinion: body.opinion ?? null } satisfies MatterChanged, {});
  }

  return { raise, reportBy, move, actions, reportTargets, summary };
}
