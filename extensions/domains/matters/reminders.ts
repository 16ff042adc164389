// Reminders on a Redis job queue (BullMQ): one delayed job per milestone of an
// open matter, with the milestone's key as job id so that it is never doubled.
// The database is the truth: a fired job recomputes the matter's milestones and
// does nothing if its own is no longer current (closed, deadline changed), and
// the reminder row's unique key makes sure nothing is sent twice. A scan every
// minute schedules whatever is missing, so a flushed Redis loses nothing.
//
// Used by the matters endpoint (schedule after a change) and by the worker
// process (scripts/worker.ts).

import type { Queue } from 'bullmq';
import type { Knex } from 'knex';
import { dateOnly, instant } from '../../kernel/db-values.ts';
import { LEADING_JOBS, notify, render } from '../../kernel/notify.ts';
import { HAND_ONS, yellowAt, type TimedMatter } from './lights.ts';
import { milestoneKey, milestonesOf, MILESTONE_LABELS, type Milestone, type MilestoneKind, type OpenMatter } from './milestones.ts';
import { WAITING } from './transitions.ts';
import { localDateOf, type Calendar } from '../../kernel/working-days.ts';

export const REMINDER_QUEUE = 'matter-reminders';
/** How many reminder jobs one worker process runs at once (each writes a few rows in its own transaction). */
export const REMINDER_CONCURRENCY = 32;

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

/** Adds a delayed job for every milestone not yet reminded; existing job ids are left as they are. */
export async function schedule(queue: Queue, db: Knex, milestones: Milestone[]): Promise<number> {
  let added = 0;
  for (let i = 0; i < milestones.length; i += 500) {
    const chunk = milestones.slice(i, i + 500);
    const sent = new Set(
      (await db('matter_reminders').whereIn('key', chunk.map(milestoneKey)).select('key')).map((row) => row.key as string),
    );
    const unsent = chunk.filter((m) => !sent.has(milestoneKey(m)));
    const queued = await inQueue(queue, unsent);
    added += await addJobs(
      queue,
      unsent.filter((m) => !queued.has(milestoneKey(m))),
    );
  }
  return added;
}

/**
 * Adds the delayed jobs of milestones, in one round trip; BullMQ ignores a job id
 * it holds already. The delay is taken from the clock now, so that a job is
 * never released late by the lookups before.
 */
export async function addJobs(queue: Queue, milestones: Milestone[]): Promise<number> {
  if (!milestones.length) return 0;
  const now = Date.now();
  await queue.addBulk(
    milestones.map((m) => ({
      name: m.kind,
      data: jobOf(m),
      opts: {
        jobId: milestoneKey(m),
        delay: Math.max(0, m.at.getTime() - now),
        removeOnComplete: 1000,
        removeOnFail: 1000,
        attempts: 5,
        backoff: { type: 'exponential', delay: 1000 },
      },
    })),
  );
  return milestones.length;
}

/**
 * The milestones whose job Redis holds already (delayed, waiting, running or kept
 * after it ran), asked in one round trip: cheaper than adding them again, which
 * BullMQ would ignore, when a scan every second finds thousands already queued.
 */
async function inQueue(queue: Queue, milestones: Milestone[]): Promise<Set<string>> {
  if (!milestones.length) return new Set();
  // BullMQ's own connection (an ioredis client, typed narrower by BullMQ); a job is the hash at toKey(id).
  const redis = (await queue.client) as unknown as {
    pipeline(): { exists(key: string): void; exec(): Promise<[Error | null, unknown][] | null> };
  };
  const pipeline = redis.pipeline();
  for (const m of milestones) pipeline.exists(queue.toKey(milestoneKey(m)));
  const answers = (await pipeline.exec()) ?? [];
  return new Set(milestones.filter((_, i) => answers[i]?.[1] === 1).map(milestoneKey));
}

/** Removes the jobs of milestones a change made obsolete (a closed matter, a moved deadline). */
export async function cancel(queue: Queue, obsolete: Milestone[]): Promise<void> {
  await Promise.all(obsolete.map((m) => queue.remove(milestoneKey(m))));
}

export type FireOutcome = 'sent' | 'stale' | 'duplicate';

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
