import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type AuditContent, type ChainedRow, canonicalJson, chainHash, GENESIS, walkChain } from './audit-chain.ts';

const entry = (n: number, overrides: Partial<AuditContent> = {}): AuditContent => ({
  at: Date.UTC(2026, 11, 3, 8, 0, n),
  action: 'login',
  outcome: 'success',
  actor: '5f0c7b1e-0000-4000-8000-00000000000' + (n % 10),
  actor_email: `user${n}@pukou.gov.cn`,
  actor_unit: 1,
  actor_unit_path: '/320111/',
  ip: '10.0.0.1',
  user_agent: 'test',
  door: 'POST /auth/login',
  collection_name: null,
  item_ids: null,
  row_count: null,
  detail: null,
  ...overrides,
});

function chain(contents: AuditContent[]): ChainedRow[] {
  let prev = GENESIS;
  return contents.map((c, i) => {
    const hash = chainHash(prev, c);
    const row = { ...c, id: i + 1, prev_hash: prev, hash };
    prev = hash;
    return row;
  });
}

describe('the audit chain', () => {
  it('hashes with SM3 (GB/T 32905 sample: "abc")', () => {
    expect(createHash('sm3').update('abc').digest('hex')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('reads content the same whatever the order of keys', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}');
    expect(chainHash(GENESIS, entry(1, { detail: { x: 1, y: 2 } }))).toBe(chainHash(GENESIS, entry(1, { detail: { y: 2, x: 1 } })));
  });

  it('changes with every protected column and with the row before', () => {
    const base = chainHash(GENESIS, entry(1));
    expect(chainHash(GENESIS, entry(1, { outcome: 'failure' }))).not.toBe(base);
    expect(chainHash(GENESIS, entry(1, { item_ids: [1] }))).not.toBe(base);
    expect(chainHash(GENESIS, entry(1, { at: entry(1).at + 1 }))).not.toBe(base);
    expect(chainHash('1'.repeat(64), entry(1))).not.toBe(base);
  });

  it('holds for rows written in order', () => {
    const rows = chain([entry(1), entry(2), entry(3)]);
    expect(walkChain(rows, GENESIS)).toEqual({ held: 3, head: rows[2]!.hash, broken: null });
  });

  it('names the first changed row', () => {
    const rows = chain([entry(1), entry(2), entry(3), entry(4)]);
    rows[1] = { ...rows[1]!, actor_email: 'someone-else@pukou.gov.cn' };
    expect(walkChain(rows, GENESIS).broken).toEqual({ id: 2, reason: '内容与哈希不符（该条被修改过）' });
  });

  it('names the row after a removed one, and a row slipped in', () => {
    const rows = chain([entry(1), entry(2), entry(3)]);
    expect(walkChain([rows[0]!, rows[2]!], GENESIS).broken?.id).toBe(3);
    const forged = { ...entry(9), id: 9, prev_hash: rows[0]!.hash, hash: chainHash(rows[0]!.hash, entry(9)) };
    expect(walkChain([rows[0]!, forged, rows[1]!, rows[2]!], GENESIS).broken?.id).toBe(2);
  });

  it('names a re-hashed row by the next one, whose link no longer fits', () => {
    const rows = chain([entry(1), entry(2), entry(3)]);
    const changed = entry(2, { outcome: 'failure' });
    rows[1] = { ...rows[1]!, ...changed, hash: chainHash(rows[0]!.hash, changed) };
    expect(walkChain(rows, GENESIS).broken?.id).toBe(3);
  });

  it('starts from the hash the retention clean-up recorded', () => {
    const rows = chain([entry(1), entry(2), entry(3)]);
    expect(walkChain(rows.slice(1), rows[0]!.hash).broken).toBeNull();
    expect(walkChain(rows.slice(1), GENESIS).broken?.id).toBe(2);
  });
});
