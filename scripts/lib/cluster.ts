// Several Directus instances behind nginx (`INSTANCES=N npm start`). The instances listen on
// 127.0.0.1 at PORT+1 … PORT+N; Debian's nginx listens on HOST:PORT in front of them, with the
// configuration kept in scripts/cluster/nginx.conf. Everything the instances share goes through
// the database, the uploads folder in DATA_DIR and Redis (directus.config.ts, sharedStateEnv).
// A process that dies (an instance, the worker, nginx) is started again; the others go on.

import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { PROJECT_ROOT, type Settings } from '../../directus.config.ts';
import { startDirectus, stopChild, type RunningProcess } from './directus.ts';
import { spawnWorker, type System } from './system.ts';

export const PROXY_TEMPLATE = resolve(PROJECT_ROOT, 'scripts/cluster/nginx.conf');

/** The ports the instances listen on, behind the proxy on settings.port. */
export function instancePorts(settings: Pick<Settings, 'port' | 'instances'>): number[] {
  return Array.from({ length: settings.instances }, (_, i) => settings.port + 1 + i);
}

/** The settings one instance runs with: on loopback at its own port, the users' URL unchanged. */
export function instanceSettings(settings: Settings, port: number): Settings {
  return { ...settings, host: '127.0.0.1', port };
}

/** The proxy's configuration: the template with its places filled. */
export function proxyConfig(template: string, options: { dir: string; temp: string; listen: string; upstreams: string[] }): string {
  const servers = options.upstreams.map((u) => `    server ${u} max_fails=1 fail_timeout=3s;`).join('\n');
  const filled = template
    .replaceAll('{{dir}}', options.dir)
    .replaceAll('{{temp}}', options.temp)
    .replaceAll('{{listen}}', options.listen)
    .replaceAll('{{servers}}', servers);
  const left = filled.match(/\{\{\w+\}\}/);
  if (left) throw new Error(`the proxy template has a place nobody fills: ${left[0]}`);
  return filled;
}

/** nginx's path, or an error saying how to install it. */
export function nginxPath(): string {
  for (const path of ['/usr/sbin/nginx', '/usr/bin/nginx', 'nginx'])
    if (spawnSync(path, ['-v'], { stdio: 'ignore' }).status === 0) return path;
  throw new Error(
    '多实例运行需要 nginx / INSTANCES > 1 needs nginx as the reverse proxy, and it is not installed.\n' +
      '  Install it (Debian: apt-get install nginx) or run one instance (INSTANCES=1).',
  );
}

/** nginx on settings.host:settings.port in front of the instances, answering once it passes /server/ping on. */
export async function startProxy(settings: Settings, upstreamPorts: number[]): Promise<RunningProcess> {
  const nginx = nginxPath();
  const dir = resolve(settings.dataDir, 'cluster');
  mkdirSync(dir, { recursive: true });
  // Buffers of large bodies: nginx's workers run as another user when it is started as root, and
  // DATA_DIR may be closed to others, so they live in a folder of their own under the system's tmp.
  const temp = resolve(tmpdir(), `zongzhi-nginx-${settings.port}`);
  mkdirSync(temp, { recursive: true, mode: 0o755 });
  const conf = resolve(dir, 'nginx.conf');
  const listen = `${settings.host.includes(':') ? `[${settings.host}]` : settings.host}:${settings.port}`;
  const text = proxyConfig(readFileSync(PROXY_TEMPLATE, 'utf8'), {
    dir,
    temp,
    listen,
    upstreams: upstreamPorts.map((p) => `127.0.0.1:${p}`),
  });
  writeFileSync(conf, text);
  const check = spawnSync(nginx, ['-t', '-q', '-p', dir, '-e', resolve(dir, 'error.log'), '-c', conf], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`nginx refuses ${conf}:\n${check.stderr}`);
  const child = spawn(nginx, ['-p', dir, '-e', resolve(dir, 'error.log'), '-c', conf], { stdio: 'inherit' });
  const url = `http://127.0.0.1:${settings.port}`;
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`nginx stopped at start (exit ${child.exitCode}); see ${dir}/error.log`);
    try {
      if ((await fetch(`${url}/server/ping`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  // SIGQUIT: nginx finishes the requests under way, then ends.
  return { name: 'nginx', process: child, stop: () => stopChild(child, 'SIGQUIT') };
}

/**
 * A process that is started again when it dies: `first` is running already (or is started), and
 * each exit that is not our own stop starts a new one after `delayMs`, the next tries spaced out
 * when starting fails. `process` is always the current one.
 */
export async function keepRunning(
  name: string,
  start: () => Promise<RunningProcess>,
  options: { first?: RunningProcess; delayMs?: number; log?: (line: string) => void; pidFile?: string } = {},
): Promise<RunningProcess> {
  const log = options.log ?? ((line: string) => console.error(line));
  const notePid = (running: RunningProcess) => {
    if (options.pidFile) writeFileSync(options.pidFile, `${running.process.pid}\n`);
  };
  let current = options.first ?? (await start());
  notePid(current);
  let stopping = false;
  let restarts = 0;
  const watch = (running: RunningProcess) =>
    running.process.once('exit', (code, signal) => {
      if (stopping) return;
      log(`${name}: stopped (${signal ?? `exit ${code}`}); starting it again`);
      void restart(options.delayMs ?? 1000);
    });
  const restart = async (delay: number): Promise<void> => {
    await new Promise((r) => setTimeout(r, delay));
    if (stopping) return;
    try {
      current = await start();
      restarts++;
      if (stopping) return void (await current.stop());
      notePid(current);
      watch(current);
      log(`${name}: running again (restart ${restarts})`);
    } catch (error) {
      log(`${name}: could not start (${(error as Error).message.split('\n')[0]}); trying again`);
      await restart(Math.min(delay * 2, 30_000));
    }
  };
  watch(current);
  return {
    name,
    get process() {
      return current.process;
    },
    stop: async () => {
      stopping = true;
      await current.stop();
    },
  };
}

/** One more Directus instance of this system, on `port`, with the system's own environment. */
export function startInstance(env: Record<string, string>, port: number, logFile?: string) {
  return startDirectus({ ...env, HOST: '127.0.0.1', PORT: String(port) }, { logFile });
}

/**
 * The rest of a cluster once its first instance (system.directus, on the first port) has brought
 * the database up to date: the other instances, the worker and the proxy, each kept running.
 * Returns the instances' ports.
 */
export async function startCluster(system: System, settings: Settings): Promise<number[]> {
  const ports = instancePorts(settings);
  const logFile = (n: number) => system.logFile?.replace(/\.log$/, `-${n}.log`);
  // Each process's current id, for the operator (and the tests) to find them.
  const dir = resolve(settings.dataDir, 'cluster');
  mkdirSync(dir, { recursive: true });
  const pidFile = (name: string) => resolve(dir, `${name}.pid`);
  const first = system.processes.indexOf(system.directus);
  system.processes[first] = await keepRunning('directus 1', () => startInstance(system.env, ports[0]!, system.logFile), {
    first: system.directus,
    pidFile: pidFile('directus-1'),
  });
  const others = await Promise.all(
    ports
      .slice(1)
      .map((port, i) =>
        keepRunning(`directus ${i + 2}`, () => startInstance(system.env, port, logFile(i + 2)), { pidFile: pidFile(`directus-${i + 2}`) }),
      ),
  );
  system.processes.push(...others);
  system.processes.push(await keepRunning('worker', async () => spawnWorker(system), { pidFile: pidFile('worker') }));
  system.processes.push(await keepRunning('nginx', () => startProxy(settings, ports)));
  return ports;
}
