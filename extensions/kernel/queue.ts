// The Redis job queue (BullMQ) as every domain reaches it: where it is (from the
// environment directus.config.ts writes) and how far ahead a scan schedules.

import type { ConnectionOptions } from 'bullmq';

/** How far ahead a scan schedules reminders: ten scans or ten minutes, whichever is longer (later ones wait for a later scan). */
export const scanHorizonMs = (scanEveryMs: number): number => Math.max(10 * scanEveryMs, 10 * 60_000);

export interface QueueSettings {
  connection: ConnectionOptions;
  prefix: string;
}

/** Queue settings from Directus's environment (set by directus.config.ts). */
export function queueSettingsFromEnv(env: Record<string, unknown>): QueueSettings | null {
  const url = env.QUEUE_REDIS_URL;
  if (typeof url !== 'string' || !url) return null;
  const parsed = new URL(url);
  return {
    connection: {
      host: parsed.hostname,
      port: Number(parsed.port || 6379),
      db: Number(parsed.pathname.slice(1) || 0),
      maxRetriesPerRequest: null,
    },
    prefix: String(env.QUEUE_PREFIX || 'zongzhi'),
  };
}
