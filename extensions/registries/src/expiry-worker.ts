// Expiry reminders on the job queue: a BullMQ job scheduler runs the scan every
// `everyMs` in whichever worker takes the job; the scan finds what is due
// (expiry.ts), records each reminder once (registry_reminders, unique key) and
// tells the record's unit in the app and by phone, through the same outbox the
// matters' reminders use. Started by scripts/worker.ts.

import { Queue, Worker } from 'bullmq';
import type { Knex } from 'knex';
import { notify } from '../../kernel/notify.ts';
import type { QueueSettings } from '../../kernel/queue.ts';
import { chinaToday, dueReminders, REMINDER_KINDS, type Candidate, type Reminder } from './expiry.ts';
import { storedDate } from './people.ts';

export const REGISTRY_REMINDER_QUEUE = 'registry-reminders';

async function candidates(db: Knex): Promise<Candidate[]> {
  const permits = await db('people')
    .where({ is_floating: true })
    .whereNot('state', 'ended')
    .whereNotNull('permit_expires_on')
    .select('id', 'unit', 'unit_path', 'name', 'permit_expires_on as date');
  const objects = await db('service_objects as s')
    .join('people as p', 'p.id', 's.person')
    .where('s.state', 'in_force')
    .select('s.id', 's.unit', 's.unit_path', 'p.name', 's.category', 's.correction_end', 's.next_visit_due');
  return [
    ...permits.map((r): Candidate => ({ ...r, kind: 'permit_expiry', collection: 'people' })),
    ...objects
      .filter((r) => r.category === 'correction' && r.correction_end)
      .map(
        (r): Candidate => ({
          kind: 'correction_end',
          collection: 'service_objects',
          id: r.id,
          unit: r.unit,
          unit_path: r.unit_path,
          name: r.name,
          date: r.correction_end,
        }),
      ),
    ...objects
      .filter((r) => r.next_visit_due)
      .map(
        (r): Candidate => ({
          kind: 'visit_overdue',
          collection: 'service_objects',
          id: r.id,
          unit: r.unit,
          unit_path: r.unit_path,
          name: r.name,
          date: r.next_visit_due,
        }),
      ),
  ];
}

/** Records and sends what is due and not yet sent; returns how many reminders were new. */
export async function scanRegistryReminders(db: Knex, now: Date): Promise<number> {
  const due = dueReminders(await candidates(db), chinaToday(now));
  const sent = new Set<string>();
  for (let i = 0; i < due.length; i += 500) {
    for (const r of await db('registry_reminders')
      .whereIn(
        'key',
        due.slice(i, i + 500).map((d) => d.key),
      )
      .select('key'))
      sent.add(r.key);
  }
  let created = 0;
  for (const reminder of due.filter((d) => !sent.has(d.key))) if (await sendOnce(db, reminder, now)) created += 1;
  return created;
}

/** The reminder row and its messages in one transaction; a concurrent worker's duplicate key rolls this one back. */
async function sendOnce(db: Knex, r: Reminder, now: Date): Promise<boolean> {
  try {
    await db.transaction(async (trx) => {
      const [row] = await trx('registry_reminders')
        .insert({
          key: r.key,
          kind: r.kind,
          collection_name: r.collection,
          item_id: r.id,
          unit: r.unit,
          unit_path: r.unit_path,
          due_on: storedDate(r.due_on),
          sent_at: now,
          recipients: 0,
        })
        .returning('id');
      const recipients = await notify(trx, {
        units: [r.unit],
        subject: REMINDER_KINDS[r.kind],
        body: r.text,
        about: { collection: r.collection, item: r.id },
        phone: true,
        now,
      });
      const id = typeof row === 'object' ? (row as { id: number }).id : row;
      await trx('registry_reminders').where({ id }).update({ recipients });
    });
    return true;
  } catch (error) {
    if (/unique|UNIQUE/.test((error as Error).message)) return false;
    throw error;
  }
}

/** Registers the scheduled scan and its worker; returns what to close on shutdown. */
export async function startRegistryReminders(
  settings: QueueSettings,
  db: Knex,
  wakeOutbox: () => void,
  everyMs: number,
): Promise<{ close: () => Promise<void> }> {
  const queue = new Queue(REGISTRY_REMINDER_QUEUE, { connection: settings.connection, prefix: settings.prefix });
  await queue.upsertJobScheduler(
    'registry-reminder-scan',
    { every: everyMs },
    { name: 'scan', opts: { removeOnComplete: 100, removeOnFail: 100 } },
  );
  const worker = new Worker(
    REGISTRY_REMINDER_QUEUE,
    async () => {
      const created = await scanRegistryReminders(db, new Date());
      // The worker's phone outbox loop sends the messages.
      if (created) wakeOutbox();
      return created;
    },
    { connection: settings.connection, prefix: settings.prefix, concurrency: 1 },
  );
  worker.on('failed', (job, error) => console.error(`worker: registry reminders ${job?.id} failed: ${error.message}`));
  return {
    close: async () => {
      await worker.close();
      await queue.close();
    },
  };
}
