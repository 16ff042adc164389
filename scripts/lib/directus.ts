// Running Directus as a child process, and talking to it as an administrator.
// Used by `npm start`, `npm run schema:apply`, the tests and the benchmarks.

import { authentication, createDirectus, rest, type AuthenticationClient, type DirectusClient, type RestClient } from '@directus/sdk';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PROJECT_ROOT } from '../../directus.config.ts';

export type AdminClient = DirectusClient<any> & RestClient<any> & AuthenticationClient<any>;

// Directus's own CLI minus the wrapper in `directus/cli.js`, which asks the npm
// registry for updates at every start (no internet on the district's network).
const CLI = resolve(PROJECT_ROOT, 'node_modules/@directus/api/dist/cli/run.js');
/** The Node 22 of the `node` package: Directus needs >= 22 and isolated-vm is built for it. */
export const NODE = resolve(PROJECT_ROOT, 'node_modules/.bin/node');
/** isolated-vm (imported by Directus) wants this on Node >= 20. */
const NODE_FLAGS = ['--no-node-snapshot'];

/** Environment for a Directus child: ours on top of the parent's, without settings meant for us. */
export function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...env, NODE_ENV: process.env.NODE_ENV ?? 'production' };
}

/** `directus bootstrap`: installs the system tables on an empty database, migrates an older one. */
export function bootstrap(env: Record<string, string>): void {
  const run = spawnSync(NODE, [...NODE_FLAGS, CLI, 'bootstrap'], { cwd: PROJECT_ROOT, env: childEnv(env), encoding: 'utf8' });
  if (run.status !== 0 || /\b(error|ERROR)\b/.test(run.stdout + run.stderr)) {
    throw new Error(`directus bootstrap failed (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  }
}

export interface RunningProcess {
  name: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export interface RunningDirectus extends RunningProcess {
  url: string;
}

export async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Directus exited with code ${child.exitCode} before it was ready`);
    try {
      const res = await fetch(`${url}/server/ping`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Directus did not answer at ${url} within ${timeoutMs / 1000} s`);
}

/**
 * Starts `directus start` and resolves once it answers. Output goes to `logFile`
 * when given (tests, benchmarks), else to this process's terminal.
 */
export async function startDirectus(
  env: Record<string, string>,
  options: { logFile?: string; timeoutMs?: number } = {},
): Promise<RunningDirectus> {
  let stdio: 'inherit' | 'pipe' = 'inherit';
  if (options.logFile) {
    mkdirSync(dirname(options.logFile), { recursive: true });
    stdio = 'pipe';
  }
  const child = spawn(NODE, [...NODE_FLAGS, CLI, 'start'], { cwd: PROJECT_ROOT, env: childEnv(env), stdio });
  if (options.logFile) {
    const log = createWriteStream(options.logFile, { flags: 'a' });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
  }
  const url = `http://127.0.0.1:${env.PORT}`;
  const stop = () => stopChild(child);
  try {
    await waitForHealth(url, child, options.timeoutMs ?? 120_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { name: 'directus', url, process: child, stop };
}

/** Ends a child process with `signal`, killing it when it is still there after 10 s. */
export function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
    child.kill(signal);
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  });
}

/** How long a setup request waits out Directus's pressure limiter in all (the machine busy with other work). */
const PRESSURE_PATIENCE_MS = 120_000;

/**
 * fetch, but a request Directus refused as "under pressure" (503 SERVICE_UNAVAILABLE: its
 * event loop lagged, the request was not handled) is sent again after a pause, for up to
 * two minutes: setting up on a busy machine waits instead of failing. Any other answer,
 * 503s of a database out of reach included, is returned as it is.
 */
export async function patientFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const giveUpAt = Date.now() + PRESSURE_PATIENCE_MS;
  for (let pause = 250; ; pause = Math.min(pause * 2, 4_000)) {
    const answer = await fetch(input, init);
    if (answer.status !== 503 || Date.now() + pause > giveUpAt) return answer;
    const code = await answer
      .clone()
      .json()
      .then((body: { errors?: { extensions?: { code?: string } }[] }) => body.errors?.[0]?.extensions?.code)
      .catch(() => undefined);
    if (code !== 'SERVICE_UNAVAILABLE') return answer;
    await new Promise((r) => setTimeout(r, pause));
  }
}

/** A client signed in with the password, or acting by `staticToken` when one is given. */
export async function login(url: string, email: string, password: string, staticToken?: string): Promise<AdminClient> {
  const client = createDirectus<any>(url, { globals: { fetch: patientFetch } })
    .with(rest())
    .with(authentication('json', { autoRefresh: false }));
  if (staticToken) await client.setToken(staticToken);
  else await client.login({ email, password });
  return client as AdminClient;
}
