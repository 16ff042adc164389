// Counting failures per key over a time window (failed logins per address). On
// the queue's Redis, so that every instance of the system counts together; in
// memory when the process has no queue (a test harness). A failure adds one and
// starts the window if there was none; the count is gone when the window ends.

import { Redis } from 'ioredis';
import type { QueueSettings } from './queue.ts';

export interface FailureCounter {
  /** Adds one failure for `key`, returns the count in the current window. */
  add(key: string, windowMs: number): Promise<number>;
  /** The failures of `key` in the current window. */
  count(key: string): Promise<number>;
  close(): Promise<void>;
}

export function memoryCounter(now: () => number = Date.now): FailureCounter {
  const windows = new Map<string, { count: number; until: number }>();
  const current = (key: string) => {
    const w = windows.get(key);
    if (w && w.until > now()) return w;
    windows.delete(key);
    return null;
  };
  return {
    async add(key, windowMs) {
      const w = current(key) ?? { count: 0, until: now() + windowMs };
      w.count += 1;
      windows.set(key, w);
      return w.count;
    },
    async count(key) {
      return current(key)?.count ?? 0;
    },
    async close() {
      windows.clear();
    },
  };
}

export function redisCounter(queue: QueueSettings, name: string): FailureCounter {
  const redis = new Redis({ ...(queue.connection as object), lazyConnect: true, maxRetriesPerRequest: 2 });
  const keyOf = (key: string) => `${queue.prefix}:${name}:${key}`;
  return {
    async add(key, windowMs) {
      const k = keyOf(key);
      const answers = (await redis.multi().set(k, 0, 'PX', windowMs, 'NX').incr(k).exec()) ?? [];
      return Number(answers[1]?.[1] ?? 0);
    },
    async count(key) {
      return Number((await redis.get(keyOf(key))) ?? 0);
    },
    async close() {
      redis.disconnect();
    },
  };
}
