// The Redis the job queue runs on: the configured REDIS_URL; else one answering
// on 127.0.0.1:6379; else a private redis-server with its data under DATA_DIR
// (append-only, no eviction: queue jobs must not be dropped); else a clear stop.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createConnection } from 'node:net';
import { resolve } from 'node:path';
import type { Settings } from '../../directus.config.ts';

export interface QueueRedis {
  url: string;
  /** The private server, when we started one. */
  process: ChildProcess | null;
  stop(): Promise<void>;
}

/** True when something at host:port answers PING with PONG. */
export function answersPing(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection({ host, port });
    const finish = (ok: boolean) => {
      socket.destroy();
      done(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('error', () => finish(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => finish(data.toString().startsWith('+PONG')));
  });
}

const none = async () => {};

export async function ensureQueueRedis(settings: Settings): Promise<QueueRedis> {
  if (settings.redisUrl) return { url: settings.redisUrl, process: null, stop: none };
  if (await answersPing('127.0.0.1', 6379)) return { url: 'redis://127.0.0.1:6379/0', process: null, stop: none };

  if (spawnSync('redis-server', ['--version']).status !== 0) {
    throw new Error(
      '需要 Redis（任务队列）/ Redis is needed for the job queue: no REDIS_URL is set, nothing answers on 127.0.0.1:6379, and redis-server is not installed.\n' +
        '  Install it (Debian: apt-get install redis-server) or set REDIS_URL=redis://host:6379/0.',
    );
  }
  const dir = resolve(settings.dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const port = settings.port + 1000;
  const child = spawn(
    'redis-server',
    ['--bind', '127.0.0.1', '--port', String(port), '--dir', dir, '--appendonly', 'yes', '--maxmemory-policy', 'noeviction', '--save', ''],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 50 && !(await answersPing('127.0.0.1', port)); i++) await new Promise((r) => setTimeout(r, 100));
  if (!(await answersPing('127.0.0.1', port))) {
    child.kill();
    throw new Error(`the private redis-server did not start on 127.0.0.1:${port}`);
  }
  const stop = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });
  return { url: `redis://127.0.0.1:${port}/0`, process: child, stop };
}
