// Stable ids for roles and policies: a UUID (version 5 layout) derived from a key,
// so that applying the schema again finds the same rows and so do tests.

import { createHash } from 'node:crypto';

const NAMESPACE = 'pukou-zongzhi';

export function stableId(key: string): string {
  const hash = createHash('sha1').update(`${NAMESPACE}:${key}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
