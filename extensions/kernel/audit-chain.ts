// The audit log's chain (安全审计, 等保 2.0 三级: 审计记录的保护): every row carries
// the SM3 hash of its own content and of the row before it, so a row changed,
// removed or slipped in between breaks the chain from that row on.
//
// Pure: what is hashed, how, and how a stored sequence of rows is checked.

import { createHash } from 'node:crypto';

/** The content of a row that the chain protects: every column but the id and the two hashes. */
export interface AuditContent {
  at: number;
  action: string;
  outcome: string;
  actor: string | null;
  actor_email: string | null;
  actor_unit: number | null;
  actor_unit_path: string | null;
  ip: string | null;
  user_agent: string | null;
  door: string | null;
  collection_name: string | null;
  item_ids: unknown[] | null;
  row_count: number | null;
  detail: Record<string, unknown> | null;
}

export interface ChainedRow extends AuditContent {
  id: number;
  prev_hash: string;
  hash: string;
}

/** The hash the first row of an empty log is chained to. */
export const GENESIS = '0'.repeat(64);

/** Keys sorted at every depth, so that the same content always gives the same text. */
export function canonicalJson(value: unknown): string {
  const canonical = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canonical);
    if (v && typeof v === 'object')
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
      );
    return v === undefined ? null : v;
  };
  return JSON.stringify(canonical(value));
}

const CONTENT_KEYS: (keyof AuditContent)[] = [
  'at',
  'action',
  'outcome',
  'actor',
  'actor_email',
  'actor_unit',
  'actor_unit_path',
  'ip',
  'user_agent',
  'door',
  'collection_name',
  'item_ids',
  'row_count',
  'detail',
];

/** Only the protected columns, each present (null where empty). */
export function contentOf(row: AuditContent): AuditContent {
  return Object.fromEntries(CONTENT_KEYS.map((k) => [k, row[k] ?? null])) as unknown as AuditContent;
}

/** SM3 (GB/T 32905) over the previous row's hash and this row's canonical content, hex. */
export function chainHash(prevHash: string, content: AuditContent): string {
  return createHash('sm3')
    .update(prevHash)
    .update('\n')
    .update(canonicalJson(contentOf(content)))
    .digest('hex');
}

export type ChainBreak = { id: number; reason: string };

export interface ChainWalk {
  /** Rows that held, in order. */
  held: number;
  /** The hash the next row must be chained to: the last row that held. */
  head: string;
  broken: ChainBreak | null;
}

/**
 * Walks rows in id order from `prev` (the hash the first row must be chained to:
 * GENESIS, or the last hash the retention clean-up removed) and stops at the first
 * row where the chain does not hold, saying why.
 */
export function walkChain(rows: Iterable<ChainedRow>, prev: string): ChainWalk {
  let head = prev;
  let held = 0;
  for (const row of rows) {
    if (row.prev_hash !== head)
      return { held, head, broken: { id: row.id, reason: `与上一条不相连（记录的上一条哈希 ${row.prev_hash.slice(0, 12)}…）` } };
    if (chainHash(head, row) !== row.hash) return { held, head, broken: { id: row.id, reason: '内容与哈希不符（该条被修改过）' } };
    head = row.hash;
    held++;
  }
  return { held, head, broken: null };
}
