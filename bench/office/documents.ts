// A notice sent by the district's staff to every community and grid, and the
// sender's status page once most have signed. Shared by bench:office and bench:scale.

import { DEMO_PASSWORD } from '../../directus.config.ts';
import { time, type Budget, type Timing } from '../lib/measure.ts';
import type { Sql } from '../lib/sql.ts';

export const SENDER = 'district-staff@pukou.gov.cn';
/** The status page's samples. */
export const BUDGET: Budget = { warmup: 20, samples: 200, maxMs: 30_000 };
/** The status page: its counts and the first 50 units that have not signed. */
export const statusPath = (document: number) => `/office/documents/${document}/status?show=unsigned`;

export async function call(url: string, token: string, method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(url + path, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text).data;
}

export async function senderToken(url: string): Promise<string> {
  return (await call(url, '', 'POST', '/auth/login', { email: SENDER, password: DEMO_PASSWORD })).access_token as string;
}

/**
 * The `round`-th notice, written as a draft and sent to every community and grid with a reply
 * asked for; the time of `POST /office/documents/:id/send` alone.
 */
export async function sendNotice(url: string, token: string, round: number): Promise<{ id: number; recipients: number; ms: number }> {
  const doc = await call(url, token, 'POST', '/items/documents', {
    kind: 'notice',
    urgency: 'normal',
    title: `关于开展第${round}轮矛盾纠纷大排查的通知`,
    body: '请各社区、网格按附件要求开展排查，并报送排查情况。',
    reply_required: true,
  });
  const started = performance.now();
  const sent = await call(url, token, 'POST', `/office/documents/${doc.id}/send`, { targets: { levels: ['community', 'grid'] } });
  return { id: doc.id, recipients: sent.recipient_count, ms: performance.now() - started };
}

/**
 * Most recipients of the document signed, some on time and some late, a few only read (a status
 * page as on day two); then the sender's status page timed.
 */
export async function timeStatusPage(
  url: string,
  token: string,
  sql: Sql,
  sent: { id: number; recipients: number },
  budget: Budget,
): Promise<Timing> {
  const document = sent.id;
  await sql.all(
    `UPDATE document_recipients SET status = CASE WHEN id % 10 < 6 THEN 'signed' WHEN id % 10 < 7 THEN 'late' WHEN id % 10 < 8 THEN 'read' ELSE 'unread' END WHERE document = ?`,
    [document],
  );
  if (sql.client === 'pg') await sql.all('ANALYZE document_recipients');
  const page = await call(url, token, 'GET', statusPath(document));
  if (page.counts.unsigned !== Math.round(sent.recipients * 0.3) && Math.abs(page.counts.unsigned - sent.recipients * 0.3) > 2)
    throw new Error(`unexpected unsigned count ${page.counts.unsigned}`);
  return time(() => call(url, token, 'GET', statusPath(document)), budget);
}
