// Reminders of document receipts and special project submissions, a domain of the
// one reminder engine (kernel/reminder-engine.ts): one reminder per receipt (or
// submission), kind and time, keyed by them; a fired job recomputes the receipt
// and does nothing if its reminder is no longer current (signed, deadline moved);
// a conditional update of the reminder's column makes sure nothing is sent twice.
//
// Used by the office endpoint (queue on sending, drop on sign-for) and by the job
// worker (`officeReminders`).

import { notify, render } from '../../kernel/notify.ts';
import type { Queue } from 'bullmq';
import type { Knex } from 'knex';
import { cachedCalendar } from '../../kernel/calendar.ts';
import { dateOnly, instant } from '../../kernel/db-values.ts';
import { dequeue, enqueue, type DueReminder, type FireOutcome, type ReminderDomain } from '../../kernel/reminder-engine.ts';
import { localDateOf, type Calendar, type DurationUnit } from '../../kernel/working-days.ts';
import {
  isProjectReminder,
  projectDeadline,
  reminderKey,
  remindersOf,
  SENT_COLUMN,
  submissionRemindersOf,
  type OpenReceipt,
  type OpenSubmission,
  type ReceiptReminder,
} from './receipts.ts';
import { DOCUMENT_KINDS, DOCUMENT_POLICY_TYPE, OFFICE_REMINDER_KINDS, type OfficeReminderKind } from './vocabulary.ts';

/** The engine's name for office reminders. */
export const OFFICE = 'office';

export interface ReceiptJob {
  recipient: number;
  kind: OfficeReminderKind;
  /** Epoch milliseconds of the reminder. */
  at: number;
}

/** How the reminders read; {{kind}} {{title}} {{unit}} {{due}} are filled in. */
const WORDING: Record<OfficeReminderKind, string> = {
  sign_remind: '【综治】{{kind}}“{{title}}”请{{unit}}于{{due}}前签收。',
  sign_chase: '【综治】{{kind}}“{{title}}”已过签收时限（{{due}}），{{unit}}尚未签收，请立即签收。',
  reply_remind: '【综治】{{kind}}“{{title}}”要求报送材料，请{{unit}}于{{due}}前报送。',
  reply_chase: '【综治】{{kind}}“{{title}}”已过报送时限（{{due}}），{{unit}}尚未报送，请立即报送。',
  project_remind: '【综治】专项工作“{{title}}”请{{unit}}于{{due}}前报送材料。',
  project_chase: '【综治】专项工作“{{title}}”已过报送时限（{{due}}），{{unit}}尚未报送，请立即报送。',
};

const sentKinds = (row: Record<string, unknown>, kinds: OfficeReminderKind[]) =>
  kinds.filter((kind) => row[SENT_COLUMN[kind]] !== null && row[SENT_COLUMN[kind]] !== undefined);
const DOCUMENT_KINDS_OF_REMINDER = (Object.keys(SENT_COLUMN) as OfficeReminderKind[]).filter((k) => !isProjectReminder(k));
const localTime = (at: Date) => `${localDateOf(at)} ${new Date(at.getTime() + 8 * 3600_000).toISOString().slice(11, 16)}`;

/** Receipts still waiting for a sign-for or a reply, with what their reminders depend on; all, or those given. */
export async function openReceipts(db: Knex, where: { recipients?: number[]; document?: number } = {}): Promise<OpenReceipt[]> {
  const query = db('document_recipients as r')
    .join('documents as d', 'd.id', 'r.document')
    .leftJoin('deadline_policies as p', function () {
      this.on('p.urgency', '=', 'd.urgency').andOnVal('p.matter_type', '=', DOCUMENT_POLICY_TYPE);
    })
    .where('d.status', 'sent')
    .where((q) => q.whereIn('r.status', ['unread', 'read']).orWhere('r.reply_status', 'pending'))
    .select(
      'r.id',
      'r.status',
      'r.reply_status',
      'r.reminded_at',
      'r.chased_at',
      'r.reply_reminded_at',
      'r.reply_chased_at',
      'd.sent_at',
      'd.sign_due_at',
      'd.reply_due_at',
      'd.reply_within_days',
      'p.sign_unit',
      'p.complete_unit',
    );
  if (where.recipients) query.whereIn('r.id', where.recipients);
  if (where.document !== undefined) query.where('r.document', where.document);
  return (await query).map((r) => ({
    recipient: r.id,
    status: r.status,
    reply_status: r.reply_status,
    sent_at: instant(r.sent_at)!,
    sign_due_at: instant(r.sign_due_at)!,
    sign_unit: (r.sign_unit ?? 'working_days') as DurationUnit,
    reply_due_at: instant(r.reply_due_at),
    reply_unit: (r.reply_within_days ? 'working_days' : (r.complete_unit ?? 'working_days')) as DurationUnit,
    sent: sentKinds(r, DOCUMENT_KINDS_OF_REMINDER),
  }));
}

/** Special project submissions still pending, of open projects with a due date; all, or those given. */
export async function openSubmissions(db: Knex, where: { submissions?: number[]; project?: number } = {}): Promise<OpenSubmission[]> {
  const query = db('project_submissions as s')
    .join('special_projects as p', 'p.id', 's.project')
    .where({ 's.status': 'pending', 'p.status': 'open' })
    .whereNotNull('p.due_on')
    .whereNotNull('s.assigned_at')
    .select('s.id', 's.assigned_at', 's.reminded_at', 's.chased_at', 'p.due_on');
  if (where.submissions) query.whereIn('s.id', where.submissions);
  if (where.project !== undefined) query.where('s.project', where.project);
  return (await query).map((r) => ({
    submission: r.id,
    assigned_at: instant(r.assigned_at)!,
    due: projectDeadline(dateOnly(r.due_on)),
    sent: sentKinds(r, ['project_remind', 'project_chase']),
  }));
}

/** A receipt's or submission's reminder as the engine queues it. */
const dueOf = (r: ReceiptReminder): DueReminder<ReceiptJob> => ({
  key: reminderKey(r),
  at: r.at,
  job: { recipient: r.recipient, kind: r.kind, at: r.at.getTime() },
});

/** Queues a delayed job per reminder; a job already queued is left as it is. */
export async function scheduleReminders(queue: Queue, reminders: ReceiptReminder[]): Promise<number> {
  return enqueue(queue, OFFICE, reminders.map(dueOf));
}

export async function cancelReminders(queue: Queue, reminders: ReceiptReminder[]): Promise<void> {
  await dequeue(queue, OFFICE, reminders.map(reminderKey));
}

/** What a reminder tells: to which unit, about which item, in which words. */
interface Notice {
  unit: number;
  about: { collection: string; item: number };
  body: string;
}

/**
 * Sends one reminder once, if it is still current: its column (on `table`) marks it, then
 * the unit's staff get a notification and, with a phone, a message.
 */
async function sendOnce(
  db: Knex,
  table: string,
  job: ReceiptJob,
  current: ReceiptReminder[],
  now: Date,
  notice: (trx: Knex.Transaction) => Promise<Notice>,
): Promise<FireOutcome> {
  if (!current.some((r) => r.kind === job.kind && r.at.getTime() === job.at)) return 'stale';
  return db.transaction(async (trx) => {
    const marked = await trx(table)
      .where({ id: job.recipient })
      .whereNull(SENT_COLUMN[job.kind])
      .update({ [SENT_COLUMN[job.kind]]: now });
    if (marked !== 1) return 'duplicate';
    const n = await notice(trx);
    await notify(trx, { units: [n.unit], subject: OFFICE_REMINDER_KINDS[job.kind], body: n.body, about: n.about, now, phone: true });
    return 'sent';
  });
}

/** Fires a document receipt's or a project submission's reminder job. */
export async function fireReminder(db: Knex, calendar: Calendar, job: ReceiptJob, now: Date): Promise<FireOutcome> {
  if (isProjectReminder(job.kind)) {
    const [open] = await openSubmissions(db, { submissions: [job.recipient] });
    return sendOnce(db, 'project_submissions', job, open ? submissionRemindersOf(open, calendar) : [], now, async (trx) => {
      const row = await trx('project_submissions as s')
        .join('special_projects as p', 'p.id', 's.project')
        .join('units as u', 'u.id', 's.unit')
        .where('s.id', job.recipient)
        .first('s.unit', 's.project', 'p.title', 'u.name as unit_name');
      return {
        unit: row.unit,
        about: { collection: 'special_projects', item: row.project },
        body: render(WORDING[job.kind], { title: row.title, unit: row.unit_name, due: localTime(open!.due) }),
      };
    });
  }
  const [receipt] = await openReceipts(db, { recipients: [job.recipient] });
  return sendOnce(db, 'document_recipients', job, receipt ? remindersOf(receipt, calendar) : [], now, async (trx) => {
    const row = await trx('document_recipients as r')
      .join('documents as d', 'd.id', 'r.document')
      .join('units as u', 'u.id', 'r.unit')
      .where('r.id', job.recipient)
      .first('r.unit', 'r.document', 'd.title', 'd.kind', 'd.sign_due_at', 'd.reply_due_at', 'u.name as unit_name');
    const due = instant(job.kind.startsWith('sign') ? row.sign_due_at : row.reply_due_at)!;
    return {
      unit: row.unit,
      about: { collection: 'documents', item: row.document },
      body: render(WORDING[job.kind], {
        kind: DOCUMENT_KINDS[row.kind as keyof typeof DOCUMENT_KINDS] ?? '公文',
        title: row.title,
        unit: row.unit_name,
        due: localTime(due),
      }),
    };
  });
}

/** Office receipts and project submissions as a reminder domain. */
export function officeReminders(db: Knex): ReminderDomain<ReceiptJob> {
  const calendar = cachedCalendar(db);
  return {
    name: OFFICE,
    async *due(database) {
      const cal = await calendar();
      yield (await openReceipts(database)).flatMap((r) => remindersOf(r, cal)).map(dueOf);
      yield (await openSubmissions(database)).flatMap((s) => submissionRemindersOf(s, cal)).map(dueOf);
    },
    fire: async (database, job, now) => fireReminder(database, await calendar(), job, now),
  };
}
