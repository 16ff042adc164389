// Writing, checking and trimming the audit log (schema/collections/audit.ts).
//
// Rows are written here only, with knex, never through Directus's item services
// (which refuse every write to `audit_log`, the administrator's included).
// Appending takes the hash of the last row and chains the new one to it. Two
// appenders that read the same last row cannot both succeed: `prev_hash` is
// unique, so the chain cannot fork; the loser tries again. On PostgreSQL an
// advisory lock makes that rare.

import type { Knex } from 'knex';
import type { AuditAction, AuditOutcome } from '../../schema/collections/audit.ts';
import { AUDIT_MIN_RETENTION_DAYS } from '../../schema/collections/audit.ts';
import { type AuditContent, type ChainedRow, chainHash, GENESIS, walkChain } from './audit-chain.ts';
import { instant, jsonValue } from './db-values.ts';
import { currentRequest } from './request-context.ts';

export interface AuditEntry {
  action: AuditAction;
  /** Defaults to success. */
  outcome?: AuditOutcome;
  /** The acting user's id; their unit and path are looked up when not given. */
  actor?: string | null;
  /** The account as typed (a failed login names no user). */
  actorEmail?: string | null;
  unit?: number | null;
  unitPath?: string | null;
  /** Default to the request being handled (extensions/kernel/request-context.ts). */
  ip?: string | null;
  userAgent?: string | null;
  door?: string | null;
  collection?: string | null;
  itemIds?: unknown[] | null;
  rowCount?: number | null;
  detail?: Record<string, unknown> | null;
  at?: Date;
}

/** The parts of Directus's accountability an entry takes. */
export function byAccountability(
  accountability: { user?: string | null; ip?: string | null; userAgent?: string | null } | null | undefined,
): Pick<AuditEntry, 'actor' | 'ip' | 'userAgent'> {
  return {
    actor: accountability?.user ?? null,
    ...(accountability?.ip ? { ip: accountability.ip } : {}),
    ...(accountability?.userAgent ? { userAgent: accountability.userAgent } : {}),
  };
}

/** At most this many record ids are kept in a row (the count is always kept). */
const MAX_IDS = 1000;
/** A detail larger than this (as JSON) is cut to a note saying so. */
const MAX_DETAIL = 8192;
const PG_LOCK = 3201110001;

const isPg = (db: Knex) => db.client.config.client === 'pg';
const text = (value: string | null | undefined, max: number) => (value ? value.slice(0, max) : null);

async function contentOf(db: Knex, entry: AuditEntry): Promise<AuditContent> {
  const request = currentRequest();
  let unit = entry.unit ?? null;
  let unitPath = entry.unitPath ?? null;
  let email = entry.actorEmail ?? null;
  if (entry.actor && (entry.unit === undefined || !email)) {
    const user = await db('directus_users').where({ id: entry.actor }).first('unit', 'unit_path', 'email');
    if (entry.unit === undefined) {
      unit = user?.unit ?? null;
      unitPath = user?.unit_path ?? null;
    }
    email ??= user?.email ?? null;
  }
  const ids = entry.itemIds ?? null;
  let detail = entry.detail ?? null;
  if (detail && JSON.stringify(detail).length > MAX_DETAIL) detail = { truncated: true, size: JSON.stringify(detail).length };
  return {
    at: (entry.at ?? new Date()).getTime(),
    action: entry.action,
    outcome: entry.outcome ?? 'success',
    actor: entry.actor ?? null,
    actor_email: text(email, 255),
    actor_unit: unit,
    actor_unit_path: text(unitPath, 255),
    ip: text(entry.ip ?? request?.ip, 64),
    user_agent: text(entry.userAgent ?? request?.userAgent, 512),
    door: text(entry.door ?? request?.door, 255),
    collection_name: text(entry.collection, 64),
    item_ids: ids ? ids.slice(0, MAX_IDS) : null,
    row_count: entry.rowCount ?? (ids ? ids.length : null),
    detail,
  };
}

const isConflict = (error: unknown) => {
  const { code, message } = error as { code?: string; message?: string };
  return code === '23505' || code === 'SQLITE_CONSTRAINT' || code === 'SQLITE_BUSY' || /UNIQUE constraint failed/.test(message ?? '');
};

async function chainOn(trx: Knex, content: AuditContent): Promise<void> {
  if (isPg(trx)) await trx.raw('SELECT pg_advisory_xact_lock(?)', [PG_LOCK]);
  const last = await trx('audit_log').orderBy('id', 'desc').first('hash');
  const prev = last?.hash ?? GENESIS;
  await trx('audit_log').insert({
    ...content,
    at: new Date(content.at),
    item_ids: content.item_ids ? JSON.stringify(content.item_ids) : null,
    detail: content.detail ? JSON.stringify(content.detail) : null,
    prev_hash: prev,
    hash: chainHash(prev, content),
  });
}

/**
 * Appends one row. Inside a transaction (`db` is one), the row stands or falls with it;
 * otherwise it is written in a transaction of its own. On SQLite, never call this with
 * the root connection while holding a transaction (one connection): pass the
 * transaction, or use `appendAuditSoon`.
 */
export async function appendAudit(db: Knex, entry: AuditEntry): Promise<void> {
  const content = await contentOf(db, entry);
  if (db.isTransaction) {
    // A savepoint, so that a lost race is retried without undoing the caller's work.
    for (let attempt = 1; ; attempt++) {
      try {
        await db.transaction((sp) => chainOn(sp, content));
        return;
      } catch (error) {
        if (!isConflict(error) || attempt >= 5) throw error;
      }
    }
  }
  for (let attempt = 1; ; attempt++) {
    try {
      await db.transaction((trx) => chainOn(trx, content));
      return;
    } catch (error) {
      if (!isConflict(error) || attempt >= 5) throw error;
      await new Promise((r) => setTimeout(r, 5 * attempt));
    }
  }
}

/**
 * Appends without waiting: for a refusal about to be thrown (its transaction will roll
 * back; the row must not) and for reads answered meanwhile. The request's facts are
 * taken now. Failures go to `onError` (the log), never to the caller.
 */
export function appendAuditSoon(db: Knex, entry: AuditEntry, onError: (error: Error) => void): void {
  const request = currentRequest();
  const withFacts: AuditEntry = {
    ...entry,
    at: entry.at ?? new Date(),
    ip: entry.ip ?? request?.ip ?? null,
    userAgent: entry.userAgent ?? request?.userAgent ?? null,
    door: entry.door ?? request?.door ?? null,
  };
  setImmediate(() => {
    appendAudit(db, withFacts).catch(onError);
  });
}

/** A stored row read back the same way on both databases. */
export function storedRow(row: Record<string, unknown>): ChainedRow {
  return {
    id: Number(row.id),
    at: instant(row.at)!.getTime(),
    action: String(row.action),
    outcome: String(row.outcome),
    actor: (row.actor as string | null) ?? null,
    actor_email: (row.actor_email as string | null) ?? null,
    actor_unit: row.actor_unit === null || row.actor_unit === undefined ? null : Number(row.actor_unit),
    actor_unit_path: (row.actor_unit_path as string | null) ?? null,
    ip: (row.ip as string | null) ?? null,
    user_agent: (row.user_agent as string | null) ?? null,
    door: (row.door as string | null) ?? null,
    collection_name: (row.collection_name as string | null) ?? null,
    item_ids: jsonValue<unknown[]>(row.item_ids),
    row_count: row.row_count === null || row.row_count === undefined ? null : Number(row.row_count),
    detail: jsonValue<Record<string, unknown>>(row.detail),
    prev_hash: String(row.prev_hash),
    hash: String(row.hash),
  };
}

export interface Verification {
  rows: number;
  /** The newest row's hash: kept elsewhere, it also proves the newest rows were not cut off. */
  head: string;
  broken: { id: number; reason: string } | null;
}

/** Checks the whole chain, in pages, from the oldest row kept. */
export async function verifyAuditLog(db: Knex, pageSize = 5000): Promise<Verification> {
  let head: string | null = null;
  let rows = 0;
  for (let lastId = 0; ; ) {
    const page = (await db('audit_log').where('id', '>', lastId).orderBy('id').limit(pageSize)).map(storedRow);
    if (!page.length) return { rows, head: head ?? GENESIS, broken: null };
    head ??= await expectedStart(db, page[0]!);
    const walk = walkChain(page, head);
    rows += walk.held;
    head = walk.head;
    if (walk.broken) return { rows, head, broken: walk.broken };
    lastId = page[page.length - 1]!.id;
  }
}

/**
 * What the oldest row kept must be chained to: the genesis, or the last hash the
 * retention clean-up removed (each clean-up records it before deleting).
 */
async function expectedStart(db: Knex, first: ChainedRow): Promise<string> {
  if (first.prev_hash === GENESIS) return GENESIS;
  const anchors = await db('audit_log').where({ action: 'retention' }).select('detail');
  const known = anchors.some((a) => jsonValue<{ through_hash?: string }>(a.detail)?.through_hash === first.prev_hash);
  // An unknown start is reported at the first row (its predecessors were removed outside the clean-up).
  return known ? first.prev_hash : GENESIS;
}

/**
 * Deletes the rows older than `retentionDays` (never fewer than the legal floor), oldest
 * first, after recording the hash they end on so that the chain still verifies.
 */
export async function deleteExpiredAudit(db: Knex, retentionDays: number, now = new Date()): Promise<number> {
  const days = Math.max(retentionDays, AUDIT_MIN_RETENTION_DAYS);
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  const youngest = await db('audit_log').where('at', '>=', cutoff).min('id as id').first();
  const oldKept = youngest?.id ?? null;
  const last = await db('audit_log')
    .modify((q) => (oldKept === null ? q : q.where('id', '<', oldKept)))
    .where('at', '<', cutoff)
    .orderBy('id', 'desc')
    .first('id', 'hash');
  if (!last) return 0;
  await appendAudit(db, {
    action: 'retention',
    detail: { through_id: Number(last.id), through_hash: last.hash, retention_days: days, cutoff: cutoff.toISOString() },
  });
  // Every row up to `last` is older than the cut-off (it precedes the oldest younger row).
  return db('audit_log').where('id', '<=', last.id).del();
}
