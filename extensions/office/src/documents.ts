// The document service: sending a drafted document to its recipient units,
// and each recipient reading, signing for (签收) and replying to it (报送), with
// every check that does not depend on HTTP. The office endpoint is its adapter.

import { notify } from '../../kernel/notify.ts';
import type { EndpointExtensionContext } from '@directus/extensions';
import { createError, InvalidPayloadError } from '@directus/errors';
import type { Knex } from 'knex';
import type { Actor } from '../../kernel/actor.ts';
import { cachedCalendar } from '../../kernel/calendar.ts';
import { instant } from '../../kernel/db-values.ts';
import { queueSettingsFromEnv } from '../../kernel/queue.ts';
import { OFFICE_KIND } from '../../kernel/unit-path.ts';
import type { Duration } from '../../kernel/working-days.ts';
import { cancelReminders, openReceipts, scheduleReminders } from './jobs.ts';
import { reminderQueue } from '../../kernel/reminder-engine.ts';
import { deadlinesOf, isSigned, remindersOf, replyOutcome, signOutcome } from './receipts.ts';
import { parseTargets, resolveTargets, type TargetUnit } from './targets.ts';
import { DOCUMENT_KINDS, DOCUMENT_POLICY_TYPE, MAX_REPLY_CHARS, RECEIPT_STATUSES, type ReceiptStatus } from './vocabulary.ts';
import { isUuid } from '../../kernel/keys.ts';
import { clientRefOf, isUniqueViolation } from '../../kernel/submission.ts';

export const OfficeForbidden = createError<{ reason: string }>('OFFICE_FORBIDDEN', (e) => e.reason, 403);
export const OfficeConflict = createError<{ reason: string }>('OFFICE_CONFLICT', (e) => e.reason, 409);
export const refuse = (reason: string) => new InvalidPayloadError({ reason });

export const MAX_REPLY_FILES = 20;
/** Material submissions are documents, spreadsheets, images and archives. */
export const MAX_REPLY_FILE_BYTES = 50 * 1024 * 1024;

/** Receipt filters of the sender's status page (`?show=`; Directus itself parses `filter`); `unsigned` is unread or read, `overdue` unsigned past the deadline. */
export const STATUS_FILTERS = ['all', 'unsigned', 'overdue', ...Object.keys(RECEIPT_STATUSES)] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

const kindLabel = (kind: string) => DOCUMENT_KINDS[kind as keyof typeof DOCUMENT_KINDS] ?? '公文';

export function documentService({ database, env, logger }: EndpointExtensionContext) {
  const settings = queueSettingsFromEnv(env);
  const queue = settings ? reminderQueue(settings, { failFast: true }) : null;
  const calendarNow = cachedCalendar(database);

  async function documentOf(id: number) {
    const doc = await database('documents').where({ id }).first();
    if (!doc) throw refuse('公文不存在');
    return doc;
  }

  async function receiptOf(actor: Actor, document: number) {
    const receipt = await database('document_recipients').where({ document, unit: actor.unit.id }).first();
    if (!receipt) throw new OfficeForbidden({ reason: '本单位不是该公文的接收单位' });
    return receipt;
  }

  async function policyOf(urgency: string): Promise<{ sign: Duration; reply: Duration }> {
    const row = await database('deadline_policies').where({ matter_type: DOCUMENT_POLICY_TYPE, urgency }).first();
    if (!row) throw refuse('尚未设置公文的签收时限标准（时限标准中事项类型为“document”），请联系区综治办');
    return { sign: { amount: row.sign_amount, unit: row.sign_unit }, reply: { amount: row.complete_amount, unit: row.complete_unit } };
  }

  /** After a change: the receipts' jobs that no longer apply go, new ones come (the worker's scan repairs a failure). */
  async function reschedule(recipients: number[] | { document: number }, before: ReturnType<typeof remindersOf>): Promise<void> {
    if (!queue) return;
    try {
      const calendar = await calendarNow();
      const receipts = await openReceipts(database, Array.isArray(recipients) ? { recipients } : recipients);
      const after = receipts.flatMap((r) => remindersOf(r, calendar));
      const keep = new Set(after.map((r) => `${r.recipient}.${r.kind}.${r.at.getTime()}`));
      await cancelReminders(
        queue,
        before.filter((r) => !keep.has(`${r.recipient}.${r.kind}.${r.at.getTime()}`)),
      );
      await scheduleReminders(queue, after);
    } catch (error) {
      logger.warn(`document reminders not scheduled now (the worker's scan will): ${(error as Error).message}`);
    }
  }

  async function remindersNow(recipient: number) {
    const calendar = await calendarNow();
    return (await openReceipts(database, { recipients: [recipient] })).flatMap((r) => remindersOf(r, calendar));
  }

  /** What sending answers: the document as sent. */
  const sentAnswer = (doc: Record<string, any>) => ({
    id: Number(doc.id),
    status: 'sent',
    recipient_count: Number(doc.recipient_count),
    sign_due_at: instant(doc.sign_due_at)!.toISOString(),
    reply_due_at: instant(doc.reply_due_at)?.toISOString() ?? null,
  });

  /**
   * 发送: one receipt per recipient unit, in one transaction; reminders scheduled after it. Sent again
   * by the same user with the same submission id (the answer lost, or twice at once), the document is
   * sent once and every copy is answered with it; without one, or with another, a second send is a 409.
   */
  async function send(actor: Actor, id: number, body: unknown, now: Date) {
    const ref = clientRefOf(body);
    if (!ref.ok) throw refuse(ref.problem);
    try {
      return await sendOnce(actor, id, body, ref.value, now);
    } catch (error) {
      if (!ref.value || !(error instanceof OfficeConflict || isUniqueViolation(error))) throw error;
      const doc = await documentOf(id);
      if (doc.send_ref === ref.value && doc.sent_by === actor.user) return sentAnswer(doc);
      if (error instanceof OfficeConflict) throw error;
      // The id was used to send another document.
      throw new OfficeConflict({ reason: '提交编号已用于另一份公文的发送，请重新提交' });
    }
  }

  async function sendOnce(actor: Actor, id: number, body: unknown, clientRef: string | undefined, now: Date) {
    if (actor.readOnly) throw new OfficeForbidden({ reason: '领导账号只能查阅，不能发送公文' });
    const doc = await documentOf(id);
    if (doc.unit !== actor.unit.id) throw new OfficeForbidden({ reason: '只能发送本单位起草的公文' });
    if (doc.status !== 'draft') throw new OfficeConflict({ reason: '该公文已发送，不能重复发送' });
    if (!String(doc.body ?? '').trim()) throw refuse('公文正文不能为空');
    const parsed = parseTargets((body as { targets?: unknown } | null)?.targets);
    if (!parsed.ok) throw refuse(parsed.problems.join('；'));
    const within: TargetUnit[] = await database('units').where('path', 'like', `${actor.unit.path}%`).select('id', 'level', 'kind', 'path');
    // A document may go up to the superior office (an analysis report does): the office right above.
    const superior: TargetUnit | null =
      actor.unit.parent == null
        ? null
        : ((await database('units').where({ id: actor.unit.parent, kind: OFFICE_KIND }).first('id', 'level', 'kind', 'path')) ?? null);
    const targets = resolveTargets(actor.unit, within, parsed.value, superior);
    if (!targets.ok) throw refuse(targets.problems.join('；'));
    const deadlines = deadlinesOf(await calendarNow(), now, await policyOf(doc.urgency), {
      required: Boolean(doc.reply_required),
      withinDays: doc.reply_within_days ?? null,
    });

    const units = targets.value.map((u) => u.id);
    await database.transaction(async (trx) => {
      const claimed = await trx('documents')
        .where({ id, status: 'draft' })
        .update({
          status: 'sent',
          sent_at: now,
          sent_by: actor.user,
          send_ref: clientRef ?? null,
          sign_due_at: deadlines.sign_due_at,
          reply_due_at: deadlines.reply_due_at,
          recipient_count: units.length,
        });
      if (claimed !== 1) throw new OfficeConflict({ reason: '该公文已发送，不能重复发送' });
      const paths = new Map(targets.value.map((u) => [u.id, u.path]));
      const rows = units.map((unit) => ({
        document: id,
        unit,
        unit_path: paths.get(unit),
        status: 'unread',
        reply_status: doc.reply_required ? 'pending' : 'not_required',
      }));
      for (let i = 0; i < rows.length; i += 200) await trx('document_recipients').insert(rows.slice(i, i + 200));
      await notify(trx, {
        units,
        subject: `新${kindLabel(doc.kind)}待签收`,
        body: `【综治】${actor.unit.name}发来${kindLabel(doc.kind)}“${doc.title}”，请及时签收。`,
        about: { collection: 'documents', item: id },
        phone: false,
        now,
      });
    });
    await reschedule({ document: id }, []);
    return {
      id,
      status: 'sent',
      recipient_count: units.length,
      sign_due_at: deadlines.sign_due_at.toISOString(),
      reply_due_at: deadlines.reply_due_at?.toISOString() ?? null,
    };
  }

  /** 阅读: the first reading by the recipient unit is recorded; later ones change nothing. */
  async function read(actor: Actor, id: number, now: Date) {
    const receipt = await receiptOf(actor, id);
    if (receipt.status === 'unread' && !actor.readOnly) {
      await database('document_recipients')
        .where({ id: receipt.id, status: 'unread' })
        .update({ status: 'read', read_at: now, read_by: actor.user });
    }
    return receiptSummary(receipt.id);
  }

  /** 签收: once; after the deadline it is recorded as late (逾期签收). */
  async function sign(actor: Actor, id: number, body: unknown, now: Date) {
    if (actor.readOnly) throw new OfficeForbidden({ reason: '领导账号只能查阅，不能签收公文' });
    const opinion = (body as { opinion?: unknown } | null)?.opinion ?? null;
    if (opinion !== null && (typeof opinion !== 'string' || opinion.length > 500)) throw refuse('签收意见应为不超过500字的文字');
    const receipt = await receiptOf(actor, id);
    if (isSigned(receipt.status)) throw new OfficeConflict({ reason: '本单位已签收该公文' });
    const doc = await documentOf(id);
    const before = await remindersNow(receipt.id);
    const status = signOutcome(instant(doc.sign_due_at)!, now);
    const signed = await database('document_recipients')
      .where({ id: receipt.id })
      .whereIn('status', ['unread', 'read'])
      .update({
        status,
        signed_at: now,
        signed_by: actor.user,
        sign_opinion: opinion,
        read_at: receipt.read_at ?? now,
        read_by: receipt.read_by ?? actor.user,
      });
    if (signed !== 1) throw new OfficeConflict({ reason: '本单位已签收该公文' });
    await reschedule([receipt.id], before);
    return receiptSummary(receipt.id);
  }

  /** 报送: a reply or materials, once, after signing for; after the reply deadline it is recorded as late. */
  async function reply(actor: Actor, id: number, body: unknown, now: Date) {
    if (actor.readOnly) throw new OfficeForbidden({ reason: '领导账号只能查阅，不能报送' });
    const { text, files } = parseSubmission(body);
    const receipt = await receiptOf(actor, id);
    const doc = await documentOf(id);
    if (!doc.reply_required) throw refuse('该公文不要求报送');
    if (!isSigned(receipt.status)) throw new OfficeConflict({ reason: '请先签收该公文，再报送' });
    if (receipt.reply_status !== 'pending') throw new OfficeConflict({ reason: '本单位已报送' });
    await checkFiles(database, actor, files);
    const before = await remindersNow(receipt.id);
    const status = replyOutcome(instant(doc.reply_due_at)!, now);
    await database.transaction(async (trx) => {
      const done = await trx('document_recipients')
        .where({ id: receipt.id, reply_status: 'pending' })
        .update({ reply_status: status, replied_at: now, replied_by: actor.user, reply_text: text });
      if (done !== 1) throw new OfficeConflict({ reason: '本单位已报送' });
      if (files.length)
        await trx('document_recipients_files').insert(
          files.map((file) => ({ document_recipients_id: receipt.id, directus_files_id: file })),
        );
    });
    await reschedule([receipt.id], before);
    return receiptSummary(receipt.id);
  }

  async function receiptSummary(receipt: number) {
    const row = await database('document_recipients')
      .where({ id: receipt })
      .first('id', 'document', 'unit', 'status', 'read_at', 'signed_at', 'reply_status', 'replied_at');
    return { ...row, read_at: iso(row.read_at), signed_at: iso(row.signed_at), replied_at: iso(row.replied_at) };
  }

  /**
   * The sender's status page: counts per receipt state (and unsigned past the
   * deadline), then one page of recipients in tree order. Only the sending unit
   * and its superiors may ask.
   */
  async function status(actor: Actor, id: number, query: { show?: unknown; limit?: unknown; offset?: unknown }, now: Date) {
    const doc = Number.isInteger(id) ? await database('documents').where({ id }).first() : undefined;
    // A document that does not exist is refused like another unit's: its existence is not told.
    if (!doc || !String(doc.unit_path).startsWith(actor.unit.path))
      throw new OfficeForbidden({ reason: '只有发文单位可以查看各单位的签收情况' });
    const filter = (query.show ?? 'all') as StatusFilter;
    if (!STATUS_FILTERS.includes(filter)) throw refuse(`筛选条件只能是 ${STATUS_FILTERS.join('、')}`);
    const { limit, offset } = parsePage(query);
    const due = instant(doc.sign_due_at);
    const counts: Record<string, number> = { unread: 0, read: 0, signed: 0, late: 0 };
    for (const row of (await database('document_recipients')
      .where({ document: id })
      .groupBy('status')
      .select('status')
      .count({ n: '*' })) as { status: string; n: number | string }[])
      counts[row.status] = Number(row.n);
    const overdue = due && now > due ? counts.unread! + counts.read! : 0;
    const page = database('document_recipients as r').join('units as u', 'u.id', 'r.unit').where('r.document', id);
    if (filter === 'unsigned' || filter === 'overdue') page.whereIn('r.status', ['unread', 'read']);
    else if (filter !== 'all') page.where('r.status', filter as ReceiptStatus);
    if (filter === 'overdue' && !(due && now > due)) page.whereRaw('1 = 0');
    const rows = await page
      .orderBy('r.unit_path')
      .limit(limit)
      .offset(offset)
      .select('r.id', 'r.unit', 'u.name as unit_name', 'u.level', 'r.status', 'r.read_at', 'r.signed_at', 'r.reply_status', 'r.replied_at');
    return {
      document: {
        id: doc.id,
        title: doc.title,
        sent_at: iso(doc.sent_at),
        sign_due_at: iso(doc.sign_due_at),
        reply_due_at: iso(doc.reply_due_at),
        recipient_count: doc.recipient_count ?? 0,
      },
      counts: { ...counts, overdue, unsigned: counts.unread! + counts.read! },
      recipients: rows.map((r) => ({ ...r, read_at: iso(r.read_at), signed_at: iso(r.signed_at), replied_at: iso(r.replied_at) })),
    };
  }

  /** The units that sent documents to the caller's unit, by name: a recipient does not read its superiors' records, but knows who wrote to it. */
  async function senders(actor: Actor) {
    return database('document_recipients as r')
      .join('documents as d', 'd.id', 'r.document')
      .join('units as u', 'u.id', 'd.unit')
      .where('r.unit', actor.unit.id)
      .distinct('u.id', 'u.name')
      .orderBy('u.id');
  }

  return { send, read, sign, reply, status, senders };
}

/** The text and materials of a submission (报送): a document's reply or a special project's submission. */
export function parseSubmission(body: unknown): { text: string | null; files: string[] } {
  const { text = null, files = [] } = (body && typeof body === 'object' ? body : {}) as { text?: unknown; files?: unknown };
  if (text !== null && (typeof text !== 'string' || text.length > MAX_REPLY_CHARS))
    throw refuse(`报送内容应为不超过${MAX_REPLY_CHARS}字的文字`);
  if (!Array.isArray(files) || files.some((f) => typeof f !== 'string') || files.length > MAX_REPLY_FILES)
    throw refuse(`报送材料应为不超过${MAX_REPLY_FILES}个文件编号的列表`);
  if (!String(text ?? '').trim() && !files.length) throw refuse('请填写报送内容或上传报送材料');
  return { text: text as string | null, files: files as string[] };
}

/** One page of a status list: `?limit=` (1–500, 50) and `?offset=`. */
export function parsePage(query: { limit?: unknown; offset?: unknown }): { limit: number; offset: number } {
  const limit = query.limit === undefined ? 50 : Number(query.limit);
  const offset = query.offset === undefined ? 0 : Number(query.offset);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500 || !Number.isInteger(offset) || offset < 0)
    throw refuse('每页1到500条，偏移量不能为负');
  return { limit, offset };
}

export const iso = (value: unknown) => instant(value)?.toISOString() ?? null;

/** Submitted files must exist, be the actor's own uploads and not too large. */
export async function checkFiles(db: Knex, actor: Actor, ids: string[]): Promise<void> {
  if (!ids.length) return;
  const malformed = ids.find((id) => !isUuid(id));
  if (malformed !== undefined) throw refuse(`报送材料“${malformed}”不存在或不是本人上传的文件`);
  const files = await db('directus_files').whereIn('id', ids).select('id', 'filesize', 'uploaded_by', 'filename_download');
  for (const id of ids) {
    const file = files.find((f) => f.id === id);
    if (!file || file.uploaded_by !== actor.user) throw refuse(`报送材料“${id}”不存在或不是本人上传的文件`);
    if (Number(file.filesize) > MAX_REPLY_FILE_BYTES)
      throw refuse(`报送材料“${file.filename_download}”超过${MAX_REPLY_FILE_BYTES / 1024 / 1024}MB`);
  }
}
