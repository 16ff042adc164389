// The job queues of a throwaway system live in the shared Redis under the system's
// own prefix; a benchmark removes them again once the system's processes have stopped.

import { Redis } from 'ioredis';
import type { System } from '../../scripts/lib/system.ts';

/** Removes this system's queue keys from the shared Redis; the number of keys removed. */
export async function forgetQueues(system: System): Promise<number> {
  const prefix = system.env.QUEUE_PREFIX;
  if (!prefix || !system.env.QUEUE_REDIS_URL) return 0;
  const redis = new Redis(system.env.QUEUE_REDIS_URL);
  try {
    let cursor = '0';
    let removed = 0;
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) removed += await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    return removed;
  } finally {
    redis.disconnect();
  }
}
