// The phone-reminder outbox and its pluggable sender (R10). The default sender
// only records and logs (a government network may have no SMS gateway); set
// SMS_GATEWAY_URL to POST each message as JSON { phone, text } to a gateway.

import type { Knex } from 'knex';

export interface PhoneSender {
  name: string;
  send(phone: string, text: string): Promise<void>;
}

export function phoneSender(env: Record<string, string | undefined>): PhoneSender {
  const url = env.SMS_GATEWAY_URL;
  if (!url) return { name: 'log', send: async (phone, text) => console.log(`phone: to ${phone.slice(0, 3)}****${phone.slice(-4)}: ${text}`) };
  return {
    name: 'http',
    send: async (phone, text) => {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone, text }), signal: AbortSignal.timeout(10_000) });
      if (!res.ok) throw new Error(`gateway answered ${res.status}`);
    },
  };
}

/**
 * Sends pending messages; a failure is kept with its reason and retried up to five
 * times. Each message is claimed first (pending → sending, conditionally), so that
 * several deliveries running at once, in one worker or in several, never send the
 * same message twice.
 */
export async function deliverPhoneMessages(db: Knex, sender: PhoneSender, batch = 100): Promise<number> {
  const pending = await db('phone_messages').where({ status: 'pending' }).orderBy('id').limit(batch).select('id', 'phone', 'body', 'attempts');
  let sent = 0;
  for (const message of pending) {
    const claimed = await db('phone_messages').where({ id: message.id, status: 'pending' }).update({ status: 'sending' });
    if (claimed !== 1) continue;
    try {
      await sender.send(message.phone, message.body);
      await db('phone_messages').where({ id: message.id }).update({ status: 'sent', sent_at: new Date(), attempts: message.attempts + 1, error: null });
      sent += 1;
    } catch (error) {
      const attempts = message.attempts + 1;
      await db('phone_messages').where({ id: message.id }).update({ status: attempts >= 5 ? 'failed' : 'pending', attempts, error: (error as Error).message });
    }
  }
  return sent;
}
