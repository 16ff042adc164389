// A PostgreSQL server and a Redis server of a test's or a benchmark's own, on free ports
// in a temporary folder, so that it may stop and start them (a fault to survive) without
// touching the machine's shared servers that other runs use.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './local.ts';
import { answersPing } from './redis.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface PrivateServer {
  url: string;
  /** Stops the server at once (PostgreSQL: immediate shutdown; Redis: kill -9), losing what it holds in memory. */
  crash(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server if it runs and removes what it kept. */
  remove(): Promise<void>;
}

/** Debian's PostgreSQL programs: the newest version under /usr/lib/postgresql. */
function pgBin(program: string): string {
  const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
  if (!versions.length) throw new Error('no PostgreSQL under /usr/lib/postgresql (Debian: apt-get install postgresql)');
  return `/usr/lib/postgresql/${versions[0]}/bin/${program}`;
}

/** PostgreSQL refuses to run as root: its programs run as the `postgres` user when we are root. */
function asPostgres(program: string, args: string[]): void {
  const root = process.getuid?.() === 0;
  const [command, argv] = root ? ['runuser', ['-u', 'postgres', '--', pgBin(program), ...args]] : [pgBin(program), args];
  const run = spawnSync(command, argv, { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`${program} ${args.join(' ')}: ${run.stderr || run.stdout}`);
}

/** A new PostgreSQL cluster (trust authentication, user postgres), started. */
export async function privatePostgres(): Promise<PrivateServer> {
  const dir = mkdtempSync(join(tmpdir(), 'zongzhi-bench-pg-'));
  if (process.getuid?.() === 0) {
    const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    chownSync(dir, Number(id.stdout), Number(gid.stdout));
  }
  const data = join(dir, 'data');
  asPostgres('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=on`;
  const server: PrivateServer = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start: async () => asPostgres('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start']),
    crash: async () => asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']),
    remove: async () => {
      try {
        asPostgres('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } catch {
        // stopped already
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}

/** A redis-server without persistence, like the machine's: a restart loses every key. */
export async function privateRedis(): Promise<PrivateServer> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const server: PrivateServer = {
    url: `redis://127.0.0.1:${port}/0`,
    start: async () => {
      child = spawn('redis-server', ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no'], {
        stdio: 'ignore',
      });
      for (let i = 0; i < 100 && !(await answersPing('127.0.0.1', port)); i++) await sleep(50);
      if (!(await answersPing('127.0.0.1', port))) throw new Error(`redis-server did not start on 127.0.0.1:${port}`);
    },
    crash: async () => {
      const running = child;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((done) => running.once('exit', done));
      running.kill('SIGKILL');
      await exited;
    },
    remove: () => server.crash(),
  };
  await server.start();
  return server;
}
