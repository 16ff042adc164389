// Hook: links to activity records stay within the unit (see below). A document is drafted by ordinary editing, but sent only through the
// office endpoint. Its sending state is never taken from a client, and once
// sent neither the document nor its attachments change (an administrator may
// still correct them). Filters run before Directus's permission checks.

import type { HookConfig } from '@directus/extensions';
import { InvalidPayloadError } from '@directus/errors';
import type { Accountability } from '@directus/types';
import type { Knex } from 'knex';
import { instant } from '../../kernel/db-values.ts';
import { enteredBeforeEruption, mediationDeadline } from './field-work.ts';
import { isUuid } from '../../kernel/keys.ts';

const refuse = (reason: string) => new InvalidPayloadError({ reason });

/** Written only by the office endpoint. */
const SENDING_FIELDS = ['status', 'sent_at', 'sent_by', 'send_ref', 'sign_due_at', 'reply_due_at', 'recipient_count', 'recipients'];

/**
 * Payloads whose derived fields a filter here has written. Directus runs the filters again on
 * the payload when SQLite makes it retry a busy transaction: the fields are then this hook's own
 * work, not the user's.
 */
const derivedHere = new WeakSet<object>();

function refuseWritten(payload: Record<string, unknown>, fields: string[], why: string): void {
  if (derivedHere.has(payload)) return;
  const written = fields.filter((f) => f in payload);
  if (written.length) throw refuse(`“${written.join('、')}”${why}，不能直接填写`);
}

/** The eruption time of an incident: none, or a past instant with a time zone. */
function eruption(value: unknown): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const at = typeof value === 'string' && /[zZ]|[+-]\d\d:?\d\d$/.test(value) ? new Date(value) : null;
  if (!at || Number.isNaN(at.getTime())) throw refuse('爆发时间格式应含时区，如 2026-11-20T09:00:00+08:00');
  if (at.getTime() > Date.now() + 60_000) throw refuse('爆发时间不能晚于现在');
  return at;
}

const isAdmin = (accountability: Accountability | null | undefined) => !accountability || accountability.admin === true;

async function anySent(db: Knex, ids: unknown[]): Promise<boolean> {
  if (!ids.length) return false;
  return Boolean(
    await db('documents')
      .whereIn('id', ids as number[])
      .where({ status: 'sent' })
      .first('id'),
  );
}

/** The activity record, when it belongs to the acting user's unit. */
async function ownRecord(db: Knex, accountability: Accountability, id: number): Promise<{ unit_path: string }> {
  const record = await db('activity_records').where({ id }).first('unit', 'unit_path');
  const me = await db('directus_users')
    .where({ id: accountability.user ?? null })
    .first('unit');
  if (!record || record.unit !== me?.unit) throw refuse('只能为本单位的活动记录添加照片或参训人员');
  return record;
}

/** A roster change (管理员变动报备) names a user of the filing unit: never someone of another unit. */
async function checkRosterPerson(db: Knex, accountability: Accountability, payload: Record<string, unknown>, keys: unknown[] = []) {
  if (!('person' in payload) && !('unit' in payload)) return;
  const filer = await db('directus_users')
    .where({ id: accountability.user ?? null })
    .first('unit');
  const rows = keys.length
    ? await db('admin_roster_changes')
        .whereIn('id', keys as number[])
        .select('person', 'unit')
    : [{}];
  for (const row of rows as { person?: string; unit?: number }[]) {
    const unit = (payload.unit ?? row.unit ?? filer?.unit) as number | undefined;
    const person = payload.person ?? row.person;
    const named = isUuid(person) ? await db('directus_users').where({ id: person }).first('unit') : undefined;
    if (!named || named.unit !== unit || unit !== filer?.unit) throw refuse('只能报备本单位人员的系统管理员变动');
  }
}

const hook: HookConfig = ({ filter }) => {
  filter('admin_roster_changes.items.create', async (input, _meta, { accountability, database }) => {
    if (!isAdmin(accountability) && typeof input === 'object' && input !== null)
      await checkRosterPerson(database, accountability!, input as Record<string, unknown>);
    return input;
  });
  filter('admin_roster_changes.items.update', async (input, meta, { accountability, database }) => {
    if (!isAdmin(accountability) && typeof input === 'object' && input !== null)
      await checkRosterPerson(database, accountability!, input as Record<string, unknown>, (meta as { keys?: unknown[] }).keys);
    return input;
  });
  filter('documents.items.create', (input, _meta, { accountability }) => {
    if (isAdmin(accountability)) return input;
    const written = SENDING_FIELDS.filter((f) => f in (input as object));
    if (written.length) throw refuse(`“${written.join('、')}”由发送操作生成，请起草后通过“发送”下发`);
    return input;
  });

  filter('documents.items.update', async (input, { keys }, { accountability, database }) => {
    if (isAdmin(accountability)) return input;
    const written = SENDING_FIELDS.filter((f) => f in (input as object));
    if (written.length) throw refuse(`“${written.join('、')}”由发送操作生成，不能直接修改`);
    if (await anySent(database, keys as unknown[])) throw refuse('公文已发送，不能再修改');
    return input;
  });

  filter('documents.items.delete', async (keys, _meta, { accountability, database }) => {
    if (!isAdmin(accountability) && (await anySent(database, keys as unknown[]))) throw refuse('公文已发送，不能删除');
    return keys;
  });

  // Attachments: only to a draft of the own unit, only the user's own uploads.
  filter('documents_files.items.create', async (input, _meta, { accountability, database }) => {
    if (isAdmin(accountability)) return input;
    const link = input as { documents_id?: unknown; directus_files_id?: unknown };
    if (!Number.isInteger(link.documents_id) || !isUuid(link.directus_files_id)) throw refuse('附件应为本人上传的文件');
    const doc = await database('documents').where({ id: link.documents_id }).first('unit', 'status');
    const me = await database('directus_users')
      .where({ id: accountability!.user ?? null })
      .first('unit');
    if (!doc || doc.unit !== me?.unit) throw refuse('只能为本单位起草的公文添加附件');
    if (doc.status === 'sent') throw refuse('公文已发送，不能再添加附件');
    const file = await database('directus_files').where({ id: link.directus_files_id }).first('uploaded_by');
    if (!file || file.uploaded_by !== accountability!.user) throw refuse('附件不存在或不是本人上传的文件');
    return input;
  });

  // Photos and attendees of an activity record: only for the own unit's records; photos
  // only the user's own uploads; attendees only staff of the record's unit or below it.
  filter('activity_records_files.items.create', async (input, _meta, { accountability, database }) => {
    if (isAdmin(accountability)) return input;
    const link = input as { activity_records_id?: unknown; directus_files_id?: unknown };
    if (!Number.isInteger(link.activity_records_id) || !isUuid(link.directus_files_id)) throw refuse('照片应为本人上传的文件');
    await ownRecord(database, accountability!, link.activity_records_id as number);
    const file = await database('directus_files').where({ id: link.directus_files_id }).first('uploaded_by');
    if (!file || file.uploaded_by !== accountability!.user) throw refuse('照片不存在或不是本人上传的文件');
    return input;
  });

  filter('activity_records_users.items.create', async (input, _meta, { accountability, database }) => {
    if (isAdmin(accountability)) return input;
    const link = input as { activity_records_id?: unknown; directus_users_id?: unknown };
    if (!Number.isInteger(link.activity_records_id) || !isUuid(link.directus_users_id)) throw refuse('参训人员应为工作人员账号');
    const record = await ownRecord(database, accountability!, link.activity_records_id as number);
    const attendee = await database('directus_users').where({ id: link.directus_users_id }).first('unit_path');
    if (!attendee?.unit_path || !String(attendee.unit_path).startsWith(record.unit_path))
      throw refuse('参训人员只能是本单位或下级单位的工作人员');
    return input;
  });

  // A terminal's holder is given when it is registered; afterwards it changes only by a handover.
  filter('terminals.items.create', async (input, _meta, { accountability, database }) => {
    if (isAdmin(accountability)) return input;
    const payload = input as { holder?: unknown; status?: unknown; unit?: unknown };
    if ('status' in payload) throw refuse('终端状态由交接和丢失报告生成，不能直接填写');
    if (payload.holder != null) {
      if (!isUuid(payload.holder)) throw refuse('持有人应为工作人员账号');
      const unit = await database('units')
        .where({ id: payload.unit ?? (await database('directus_users').where({ id: accountability!.user }).first('unit'))?.unit ?? null })
        .first('path');
      const holder = await database('directus_users').where({ id: payload.holder }).first('unit_path', 'status');
      if (!unit || holder?.status !== 'active' || !String(holder.unit_path ?? '').startsWith(unit.path))
        throw refuse('持有人应为本单位或下级单位的在岗工作人员');
    }
    return input;
  });

  filter('terminals.items.update', (input, _meta, { accountability }) => {
    if (isAdmin(accountability)) return input;
    const written = ['holder', 'status'].filter((f) => f in (input as object));
    if (written.length) throw refuse('终端持有人和状态只能通过交接或丢失报告变更');
    return input;
  });

  // Disputes: the mediation deadline follows the risk level's policy; resolving stamps the time;
  // supervision is written only by the endpoint.
  const DISPUTE_DERIVED = ['mediation_due_at', 'resolved_at', 'supervised_by', 'supervised_at', 'supervision_opinion'];
  filter('disputes.items.create', async (input, _meta, { accountability, database }) => {
    const payload = input as Record<string, unknown>;
    if (!isAdmin(accountability)) refuseWritten(payload, DISPUTE_DERIVED, '由系统生成');
    const now = new Date();
    payload.mediation_due_at ??= (await mediationDeadline(database, payload.risk_level, now)).toISOString();
    if (payload.status === 'resolved') payload.resolved_at = now.toISOString();
    derivedHere.add(payload);
    return payload;
  });

  filter('disputes.items.update', (input, _meta, { accountability }) => {
    const payload = input as Record<string, unknown>;
    if (!isAdmin(accountability)) refuseWritten(payload, DISPUTE_DERIVED, '由系统生成，督办请通过“督办”办理');
    if ('status' in payload) payload.resolved_at = payload.status === 'resolved' ? new Date().toISOString() : null;
    derivedHere.add(payload);
    return payload;
  });

  // Petition problems and mass incidents: "entered before it erupted" is judged by the server.
  filter('petition_incidents.items.create', (input, _meta, { accountability }) => {
    const payload = input as Record<string, unknown>;
    if (!isAdmin(accountability)) refuseWritten(payload, ['entered_before_eruption'], '由系统根据录入时间和爆发时间判定');
    payload.entered_before_eruption = enteredBeforeEruption(new Date(), eruption(payload.erupted_at));
    derivedHere.add(payload);
    return payload;
  });

  filter('petition_incidents.items.update', async (input, { keys }, { accountability, database }) => {
    const payload = input as Record<string, unknown>;
    if (!isAdmin(accountability)) refuseWritten(payload, ['entered_before_eruption'], '由系统根据录入时间和爆发时间判定');
    if (!('erupted_at' in payload)) return payload;
    if ((keys as unknown[]).length !== 1) throw refuse('请逐条填写爆发时间');
    const row = await database('petition_incidents')
      .where({ id: (keys as unknown[])[0] as number })
      .first('date_created');
    payload.entered_before_eruption = enteredBeforeEruption(instant(row?.date_created) ?? new Date(), eruption(payload.erupted_at));
    derivedHere.add(payload);
    return payload;
  });

  // Patrol records: on a route of the own unit or of a unit above it, ending after they start;
  // the reported matter is linked only by the endpoint.
  for (const event of ['patrol_records.items.create', 'patrol_records.items.update'] as const) {
    filter(event, async (input, meta, { accountability, database }) => {
      const payload = input as Record<string, unknown>;
      if (isAdmin(accountability)) return payload;
      refuseWritten(payload, ['matter'], '由“转事件上报”生成');
      const current = event.endsWith('update')
        ? await database('patrol_records')
            .whereIn('id', (meta.keys as number[]) ?? [])
            .first('route', 'started_at', 'ended_at')
        : undefined;
      const started = instant(payload.started_at ?? current?.started_at);
      const ended = instant(payload.ended_at ?? current?.ended_at);
      if (started && ended && ended.getTime() < started.getTime()) throw refuse('结束时间不能早于开始时间');
      if ('route' in payload) {
        const route = Number.isInteger(payload.route)
          ? await database('patrol_routes').where({ id: payload.route }).first('unit_path')
          : undefined;
        const me = await database('directus_users')
          .where({ id: accountability!.user ?? null })
          .first('unit_path');
        if (!route || !String(me?.unit_path ?? '').startsWith(route.unit_path)) throw refuse('巡逻线路应为本单位或上级单位设定的线路');
      }
      return payload;
    });
  }

  filter('documents_files.items.delete', async (keys, _meta, { accountability, database }) => {
    if (isAdmin(accountability)) return keys;
    const docs = await database('documents_files')
      .whereIn('id', keys as number[])
      .pluck('documents_id');
    if (await anySent(database, docs)) throw refuse('公文已发送，不能再移除附件');
    return keys;
  });
};

export default hook;
