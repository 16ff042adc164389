// The phone-reminder outbox and its pluggable sender (R10). The default sender
// only records and logs (a government network may have no SMS gateway); set
// SMS_GATEWAY_URL to POST each message as JSON { phone, text } to a gateway.
//
// Messages are written by whoever tells a unit something (reports, transitions,
// reminders) and sent by the job worker's delivery loop (scripts/worker.ts),
// which is woken through Redis when messages are added.

import type { Knex } from 'knex';

export interface PhoneSender {
  name: string;
  send(phone: string, text: string): Promise<void>;
}

export function phoneSender(env: Record<string, string | undefined>): PhoneSender {
  const url = env.SMS_GATEWAY_URL;
  if (!url) {
    // The lines of one batch are written together: a write to the log is a system call each.
    const lines: string[] = [];
    const flush = () => process.stdout.write(lines.splice(0).join(''));
    return {
      name: 'log',
      send: async (phone, text) => {
        if (!lines.length) setImmediate(flush);
        lines.push(`phone: to ${phone.slice(0, 3)}****${phone.slice(-4)}: ${text}\n`);
      },
    };
  }
  return {
    name: 'http',
    send: async (phone, text) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ phone, text }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) throw new Error(`gateway answered ${res.status}`);
    },
  };
}

/** The Redis channel on which new messages wake the delivery loop. */
export const outboxChannel = (queuePrefix: string) => `${queuePrefix}:phone-outbox`;

export const MAX_ATTEMPTS = 5;

export interface DeliveryOptions {
  /** Who claims: written to claimed_by, so that only the holder finishes a message. */
  owner: string;
  /** Messages claimed by one statement. */
  batch?: number;
  /** Messages sent at once. */
  concurrency?: number;
  /** How long a claim holds without renewal; a sender renews it while sending. */
  leaseMs?: number;
  /** Wait before the next attempt after a failure (attempts made so far). */
  retryMs?: (attempts: number) => number;
}

interface Claimed {
  id: number;
  phone: string;
  body: string;
  attempts: number;
}

/**
 * Claims up to `batch` messages in one statement: pending ones whose retry time
 * has come, and ones left 'sending' by a sender whose lease ran out (a dead
 * worker). PostgreSQL: the inner SELECT skips rows another claim has locked;
 * SQLite: the statement runs alone (one writer at a time).
 */
export async function claimPhoneMessages(db: Knex, owner: string, batch: number, leaseMs: number, now = new Date()): Promise<Claimed[]> {
  const claimable = (q: Knex.QueryBuilder) =>
    q.whereIn('status', ['pending', 'sending']).where((w) => w.whereNull('available_at').orWhere('available_at', '<=', now));
  const pg = db.client.config.client === 'pg';
  const candidates = claimable(db('phone_messages').select('id')).orderBy('id').limit(batch);
  if (pg) candidates.forUpdate().skipLocked();
  // SQLite: look before writing, so that an empty outbox takes no write lock from Directus.
  const ids = pg ? candidates : (await candidates).map((r: { id: number }) => r.id);
  if (Array.isArray(ids) && !ids.length) return [];
  const rows = await claimable(db('phone_messages').whereIn('id', ids))
    .update({ status: 'sending', claimed_by: owner, available_at: new Date(now.getTime() + leaseMs) })
    .returning(['id', 'phone', 'body', 'attempts']);
  return (rows as Claimed[]).sort((a, b) => a.id - b.id);
}

/**
 * Claims and sends messages until none is left to claim; returns how many were
 * sent. While it sends, it renews its lease every third of it, and it sends a
 * message only while its lease is known to hold: a message is never sent twice
 * while a live sender holds it, and a dead sender's messages are claimed again
 * once its lease has run out. A failure is kept with its reason and tried again
 * later, up to five attempts.
 */
export async function deliverPhoneMessages(db: Knex, sender: PhoneSender, options: DeliveryOptions): Promise<number> {
  const { owner, batch = 100, concurrency = 16, leaseMs = 60_000, retryMs = (attempts: number) => 1000 * 2 ** attempts } = options;
  let sent = 0;
  for (;;) {
    let leaseEnd = Date.now() + leaseMs;
    const messages = await claimPhoneMessages(db, owner, batch, leaseMs);
    if (!messages.length) return sent;
    const delivered: number[] = [];
    let failed = 0;
    const renewal = setInterval(() => {
      const renewedAt = Date.now();
      const holding = messages.length - failed;
      db('phone_messages')
        .where({ status: 'sending', claimed_by: owner })
        .whereIn(
          'id',
          messages.map((m) => m.id),
        )
        .update({ available_at: new Date(renewedAt + leaseMs) })
        // Extended only when every message is still ours: else the lease was lost.
        .then(
          (renewed: number) => void (renewed === holding && (leaseEnd = renewedAt + leaseMs)),
          (error: Error) => console.error(`phone: lease not renewed: ${error.message}`),
        );
    }, leaseMs / 3);
    try {
      let next = 0;
      const lane = async () => {
        for (let m = messages[next++]; m; m = messages[next++]) {
          // Too close to the end of the lease: leave it to whoever claims it next.
          if (Date.now() > leaseEnd - leaseMs / 3) continue;
          try {
            await sender.send(m.phone, m.body);
            delivered.push(m.id);
          } catch (error) {
            const attempts = m.attempts + 1;
            await db('phone_messages')
              .where({ id: m.id, status: 'sending', claimed_by: owner })
              .update({
                status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
                attempts,
                error: (error as Error).message,
                available_at: new Date(Date.now() + retryMs(attempts)),
              });
            failed += 1;
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, messages.length) }, lane));
    } finally {
      clearInterval(renewal);
    }
    for (let i = 0; i < delivered.length; i += 500) {
      sent += await db('phone_messages')
        .where({ status: 'sending', claimed_by: owner })
        .whereIn('id', delivered.slice(i, i + 500))
        .update({ status: 'sent', sent_at: new Date(), attempts: db.raw('?? + 1', ['attempts']), error: null, available_at: null });
    }
    // A short batch sent in full emptied the outbox as it was (what comes later wakes the loop
    // again): no need to ask once more. A failure may be due again at once (retryMs).
    if (messages.length < batch && failed === 0) return sent;
  }
}
