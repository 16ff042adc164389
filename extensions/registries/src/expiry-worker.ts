// Expiry reminders, a domain of the one reminder engine (kernel/reminder-engine.ts):
// the engine's scan asks what is due today (expiry.ts), each reminder keyed by its
// kind, record and date and due at once; firing records it once
// (registry_reminders, unique key) and tells the record's unit in the app and by
// phone, through the same outbox every reminder uses.

import type { Knex } from 'knex';
import { notify } from '../../kernel/notify.ts';
import type { ReminderDomain } from '../../kernel/reminder-engine.ts';
import { chinaToday, dueReminders, REMINDER_KINDS, type Candidate, type Reminder } from './expiry.ts';
import { storedDate } from './people.ts';

/** The engine's name for registry expiry reminders. */
export const REGISTRIES = 'registries';

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

/** Registry expiries as a reminder domain: what is due today is due now. */
export function registryReminders(): ReminderDomain<Reminder> {
  return {
    name: REGISTRIES,
    async *due(db, now) {
      yield dueReminders(await candidates(db), chinaToday(now)).map((reminder) => ({ key: reminder.key, at: now, job: reminder }));
    },
    async sent(db, keys) {
      return new Set((await db('registry_reminders').whereIn('key', keys).select('key')).map((row) => row.key as string));
    },
    fire: async (db, reminder, now) => ((await sendOnce(db, reminder, now)) ? 'sent' : 'duplicate'),
  };
}
