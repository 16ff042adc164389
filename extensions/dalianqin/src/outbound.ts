// Outbound to 大联勤: after a matter that came from the platform, or one marked
// for it, changes, a queued job posts the change, signed, and is retried with
// backoff until the platform answers 2xx. Run by the worker process.

import type { Knex } from 'knex';
import { instant } from '../../kernel/db-values.ts';
import { signedHeaders } from './signature.ts';

export const OUTBOUND_QUEUE = 'dalianqin-outbound';

export interface OutboundJob {
  matter: number;
  action: string;
  opinion: string | null;
  version: number;
}

export const OUTBOUND_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: 1000,
  removeOnFail: 5000,
};

export async function deliver(db: Knex, config: { url: string; secret: string }, job: OutboundJob, now: Date): Promise<number> {
  const row = await db('matters as m')
    .join('units as u', 'u.id', 'm.handler_unit')
    .where('m.id', job.matter)
    .first(
      'm.number',
      'm.title',
      'm.description',
      'm.status',
      'm.external_ref',
      'm.due_at',
      'u.path as handler_path',
      'u.name as handler_name',
    );
  if (!row) return 0;
  const payload = {
    id: row.external_ref,
    number: row.number,
    title: row.title,
    description: row.description,
    status: row.status,
    action: job.action,
    opinion: job.opinion,
    version: job.version,
    handler: { path: row.handler_path, name: row.handler_name },
    due_at: instant(row.due_at)?.toISOString() ?? null,
    at: now.toISOString(),
  };
  // Ours, raised for the platform: a new matter; theirs, or later changes: a status update.
  const path = row.external_ref || job.action !== 'report' ? '/matters/status' : '/matters';
  const body = JSON.stringify(payload);
  const res = await fetch(config.url + path, {
    method: 'POST',
    headers: signedHeaders(config.secret, body, now),
    body,
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new Error(`大联勤 answered ${res.status} for ${path}`);
  return res.status;
}
