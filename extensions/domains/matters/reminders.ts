// Matters' reminders, a domain of the one reminder engine (kernel/reminder-engine.ts):
// one reminder per milestone of an open matter, keyed by the milestone. A fired
// job recomputes the matter's milestones and does nothing if its own is no longer
// current (closed, deadline changed), and the reminder row's unique key makes sure
// nothing is sent twice. The engine's scan reads open matters a page at a time;
// each page's stored lights (yellow_at) are repaired on the way.
//
// Used by the matters service (queue after a change) and by the job worker.

import type { Knex } from 'knex';
import { cachedCalendar } from '../../kernel/calendar.ts';
import type { DueReminder, FireOutcome, ReminderDomain } from '../../kernel/reminder-engine.ts';
import { dateOnly, instant } from '../../kernel/db-values.ts';
import { LEADING_JOBS, notify, render } from '../../kernel/notify.ts';
import { HAND_ONS, yellowAt, type TimedMatter } from './lights.ts';
import { milestoneKey, milestonesOf, MILESTONE_LABELS, type Milestone, type MilestoneKind, type OpenMatter } from './milestones.ts';
import { WAITING } from './transitions.ts';
import { localDateOf, type Calendar } from '../../kernel/working-days.ts';

/** The engine's name for matters' reminders. */
export const MATTERS = 'matters';

export interface MilestoneJob {
  matter: number;
  kind: MilestoneKind;
  /** Epoch milliseconds of the milestone. */
  at: number;
}

/** An open matter as read: what its milestones and its light depend on, and its light as stored. */
export type ScannedMatter = OpenMatter & TimedMatter & { yellow_at: Date | null; version: number };

/**
 * Open (not closed) matters with what their milestones and light depend on: all
 * of them, the given ids, or one page of them in id order (`{ after, limit }`).
 * Returned matters have no milestones (milestonesOf) but still a light. `received`
 * is when the matter was raised: the last hand-on is looked up only where the
 * light needs it (repairLights), not for every matter of every scan.
 */
export async function openMatters(db: Knex, which?: number[] | { after: number; limit: number }): Promise<ScannedMatter[]> {
  const query = db('matters as m')
    .leftJoin('deadline_policies as p', function () {
      this.on('p.matter_type', '=', 'm.type').andOn('p.urgency', '=', 'm.urgency');
    })
    .whereNot('m.status', 'closed')
    .select(
      'm.id',
      'm.status',
      'm.date_created',
      'm.sign_due_at',
      'm.due_at',
      'm.paused_at',
      'm.yellow_at',
      'm.version',
      'p.sign_unit',
      'p.complete_unit',
    );
  if (Array.isArray(which)) query.whereIn('m.id', which);
  else if (which) query.where('m.id', '>', which.after).orderBy('m.id').limit(which.limit);
  const rows = await query;
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    created: instant(r.date_created)!,
    received: instant(r.date_created)!,
    sign_due_at: instant(r.sign_due_at),
    due_at: instant(r.due_at),
    sign_unit: r.sign_unit ?? 'working_days',
    complete_unit: r.complete_unit ?? 'working_days',
    paused: r.paused_at !== null && r.paused_at !== undefined,
    yellow_at: instant(r.yellow_at),
    version: r.version,
  }));
}

const differs = ({ matter, yellow }: { matter: ScannedMatter; yellow: Date | null }) =>
  (matter.yellow_at?.getTime() ?? null) !== (yellow?.getTime() ?? null);

/**
 * Keeps the stored light true: writes yellow_at where it is not what the matter's
 * deadlines say (lights.ts) — a database from before the field, deadlines corrected
 * by hand in Studio. `computed` holds the light as of the matter's raising; a
 * waiting matter that differs may have been handed on since, so its sign-for
 * window is counted again from its last hand-on (the step written with its
 * sign_due_at). Written only at the version read, so that a transition in between wins.
 */
export async function repairLights(
  db: Knex,
  calendar: Calendar,
  computed: { matter: ScannedMatter; yellow: Date | null }[],
): Promise<number> {
  let wrong = computed.filter(differs);
  const waiting = wrong.filter(({ matter }) => WAITING.includes(matter.status)).map(({ matter }) => matter.id);
  if (waiting.length) {
    const steps = await db('matter_steps')
      .whereIn('matter', waiting)
      .whereIn('action', HAND_ONS)
      .groupBy('matter')
      .select('matter', db.raw('MAX(date_created) AS handed_on_at'));
    const handedOn = new Map(steps.map((s) => [Number(s.matter), instant(s.handed_on_at)!]));
    wrong = wrong
      .map(({ matter, yellow }) => {
        const received = handedOn.get(matter.id);
        return received ? { matter, yellow: yellowAt({ ...matter, received }, calendar) } : { matter, yellow };
      })
      .filter(differs);
  }
  if (!wrong.length) return 0;
  await db.transaction(async (trx) => {
    for (const { matter, yellow } of wrong)
      await trx('matters').where({ id: matter.id, version: matter.version }).update({ yellow_at: yellow });
  });
  return wrong.length;
}

export function jobOf(m: Milestone): MilestoneJob {
  return { matter: m.matter, kind: m.kind, at: m.at.getTime() };
}

/** A milestone as the engine queues it. */
export const dueOf = (m: Milestone): DueReminder<MilestoneJob> => ({ key: milestoneKey(m), at: m.at, job: jobOf(m) });

/**
 * Sends the reminder of one milestone, once: a row in matter_reminders, an
 * in-app notification to each recipient and a phone message to each with a
 * phone number, in one transaction.
 */
export async function fire(db: Knex, calendar: Calendar, job: MilestoneJob, now: Date): Promise<FireOutcome> {
  const [matter] = await openMatters(db, [job.matter]);
  const current = matter ? milestonesOf(matter, calendar).find((m) => m.kind === job.kind && m.at.getTime() === job.at) : undefined;
  if (!current) return 'stale';
  const key = milestoneKey(current);

  return db.transaction(async (trx) => {
    const row = await trx('matters as m')
      .join('units as u', 'u.id', 'm.handler_unit')
      .where('m.id', job.matter)
      .first('m.number', 'm.title', 'm.handler_unit', 'u.parent', 'u.name as unit_name');
    const unit = current.audience === 'superior' && row.parent ? row.parent : row.handler_unit;
    const inserted = await trx('matter_reminders')
      .insert({ key, matter: job.matter, kind: job.kind, due_at: current.at, unit, sent_at: now, recipients: 0 })
      .onConflict('key')
      .ignore()
      .returning('id');
    if (!inserted.length) return 'duplicate';
    const reminderId = typeof inserted[0] === 'object' ? (inserted[0] as { id: number }).id : (inserted[0] as number);

    const template = (await trx('reminder_templates').where({ kind: job.kind }).first('subject', 'body')) ?? {
      subject: MILESTONE_LABELS[job.kind],
      body: '事项{{number}}“{{title}}”{{due}}',
    };
    const values = {
      number: row.number,
      title: row.title,
      unit: row.unit_name,
      due: `${localDateOf(current.at)} ${MILESTONE_LABELS[job.kind]}`,
    };
    const recipients = await notify(trx, {
      units: [unit],
      jobs: current.audience === 'superior' ? LEADING_JOBS : undefined,
      about: { collection: 'matters', item: job.matter },
      subject: render(template.subject, values),
      body: render(template.body, values),
      phone: true,
      reminder: reminderId,
      now,
    });
    await trx('matter_reminders').where({ id: reminderId }).update({ recipients });
    return 'sent';
  });
}

/** Open matters read and their milestones computed at a time by the scan. */
const SCAN_PAGE = 1000;

/**
 * Matters as a reminder domain. It keeps, per matter, the milestones and light the last scan
 * computed, while the matter and the calendar are as they were (most scans find nothing changed).
 */
export function matterReminders(db: Knex): ReminderDomain<MilestoneJob> {
  const calendar = cachedCalendar(db);
  const computed = new Map<number, { facts: string; calendar: Calendar; milestones: Milestone[]; yellow: Date | null }>();
  function memo(matter: ScannedMatter, cal: Calendar): { milestones: Milestone[]; yellow: Date | null } {
    const facts = [
      matter.status,
      matter.created.getTime(),
      matter.sign_due_at?.getTime(),
      matter.due_at?.getTime(),
      matter.paused,
      matter.sign_unit,
      matter.complete_unit,
    ].join('|');
    const known = computed.get(matter.id);
    if (known && known.facts === facts && known.calendar === cal) return known;
    const fresh = { facts, calendar: cal, milestones: milestonesOf(matter, cal), yellow: yellowAt(matter, cal) };
    computed.set(matter.id, fresh);
    return fresh;
  }
  return {
    name: MATTERS,
    async *due(database) {
      const cal = await calendar();
      const seen = new Set<number>();
      for (let after = 0; ; ) {
        const page = await openMatters(database, { after, limit: SCAN_PAGE });
        if (!page.length) break;
        after = page.at(-1)!.id;
        for (const m of page) seen.add(m.id);
        const planned = page.map((matter) => ({ matter, ...memo(matter, cal) }));
        await repairLights(database, cal, planned);
        yield planned.flatMap((c) => c.milestones).map(dueOf);
      }
      for (const id of computed.keys()) if (!seen.has(id)) computed.delete(id);
    },
    async sent(database, keys) {
      return new Set((await database('matter_reminders').whereIn('key', keys).select('key')).map((row) => row.key as string));
    },
    fire: async (database, job, now) => fire(database, await calendar(), job, now),
  };
}
