// A plain HTTP client for the integration tests: real logins, and every answer
// kept with its status so that refusals can be asserted as such.

import { inject } from 'vitest';
import { DEMO_PASSWORD } from '../directus.config.ts';

export interface Answer<T = any> {
  status: number;
  body: T;
}

export interface Session {
  email: string;
  token: string;
  get<T = any>(path: string): Promise<Answer<T>>;
  post<T = any>(path: string, body: unknown): Promise<Answer<T>>;
  patch<T = any>(path: string, body: unknown): Promise<Answer<T>>;
  delete<T = any>(path: string): Promise<Answer<T>>;
  /** Sends a raw body as it is (malformed JSON, oversized payloads). */
  send<T = any>(method: string, path: string, raw: string): Promise<Answer<T>>;
}

export function baseUrl(): string {
  return inject('directus').url;
}

async function call(token: string | null, method: string, path: string, raw?: string): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (raw !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(baseUrl() + path, { method, headers, body: raw });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // keep the text
  }
  return { status: res.status, body };
}

/** A request with a token as it is (a token that may have been revoked, or held to a first step). */
export function callAs(token: string, method: string, path: string, body?: unknown): Promise<Answer> {
  return call(token, method, path, body === undefined ? undefined : JSON.stringify(body));
}

export async function login(email: string, password = DEMO_PASSWORD): Promise<Session> {
  let answer = await call(null, 'POST', '/auth/login', JSON.stringify({ email, password }));
  // SQLite busy for a moment: 503 DATABASE_BUSY asks the caller to try again shortly.
  for (let tries = 1; answer.status === 503 && tries < 5; tries++) {
    await new Promise((done) => setTimeout(done, 1000 * tries));
    answer = await call(null, 'POST', '/auth/login', JSON.stringify({ email, password }));
  }
  if (answer.status !== 200) throw new Error(`login ${email}: ${answer.status} ${JSON.stringify(answer.body)}`);
  const token: string = answer.body.data.access_token;
  return {
    email,
    token,
    get: (path) => call(token, 'GET', path),
    post: (path, body) => call(token, 'POST', path, JSON.stringify(body)),
    patch: (path, body) => call(token, 'PATCH', path, JSON.stringify(body)),
    delete: (path) => call(token, 'DELETE', path),
    send: (method, path, raw) => call(token, method, path, raw),
  };
}

export function loginAdmin(): Promise<Session> {
  const { adminEmail, adminPassword } = inject('directus');
  return login(adminEmail, adminPassword);
}

/**
 * Creates a user as the Directus administrator, ready to work: a password set by an
 * administrator must be changed at the next sign-in, which the Directus administrator
 * alone may waive (as the demo seed does). For tests of other things than that.
 */
export async function createReadyUser(admin: Session, body: Record<string, unknown>): Promise<Answer> {
  const made = await admin.post('/users', body);
  if (made.status === 200) {
    const waived = await admin.patch(`/users/${made.body.data.id}`, { must_change_password: false });
    if (waived.status !== 200) throw new Error(`waive ${String(body.email)}: ${waived.status} ${JSON.stringify(waived.body)}`);
  }
  return made;
}

/** Unit ids by path, as the administrator sees them. */
export async function unitIds(admin: Session): Promise<Map<string, number>> {
  const { body } = await admin.get('/items/units?fields=id,path&limit=-1');
  return new Map((body.data as { id: number; path: string }[]).map((u) => [u.path, u.id]));
}

/** The first error message of a refused request. */
export function errorMessage(answer: Answer): string {
  return answer.body?.errors?.[0]?.message ?? '';
}

/** Probes until `done` holds or the time is up, then returns the last value (the test asserts on it). */
export async function waitFor<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** An office unit made by the administrator under a parent (its path derived by the jurisdiction hook), for a test's own records. */
export async function officeUnit(admin: Session, name: string, code: string, level: string, parent: number) {
  const answer = await admin.post('/items/units?fields=id,path', { name, code, level, kind: 'office', parent });
  if (answer.status !== 200) throw new Error(`unit ${name}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return { id: Number(answer.body.data.id), path: String(answer.body.data.path) };
}

/** Removes a test's own units, those below first; a unit something still refers to fails the test's clean-up, naming what does. */
export async function removeUnits(admin: Session, units: { id: number }[]): Promise<void> {
  for (const unit of units) {
    if (!unit.id) continue;
    const gone = await admin.delete(`/items/units/${unit.id}`);
    if (gone.status !== 204) throw new Error(`unit ${unit.id} not removed: ${gone.status} ${errorMessage(gone)}`);
  }
}
