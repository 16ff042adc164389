// The people of bench:matters: grid workers who report, logged in for real, and a
// staff member with a phone in every community; the HTTP they send with.

import { readItems } from '@directus/sdk';
import knex from 'knex';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { resolve } from 'node:path';
import { DEMO_PASSWORD, PROJECT_ROOT } from '../../directus.config.ts';
import type { UnitRow } from '../../extensions/kernel/actor.ts';
import { ROLES } from '../../schema/access.ts';
import type { System } from '../../scripts/lib/system.ts';
import { createDemoAccounts } from '../../seed/apply.ts';
import { onCleanUp } from '../lib/cleanup.ts';
import { PHONES, REPORTERS } from './settings.ts';

// ---------------------------------------------------------------- HTTP

export async function api(url: string, method: string, path: string, token: string | null, body?: unknown): Promise<any> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

/**
 * The timed requests: node:http on kept-alive connections, one per reporter. The
 * client shares the 2 CPUs with what it measures, so it should cost little;
 * fetch (undici) took about twice its CPU per request here.
 */
export const agent = new Agent({ keepAlive: true, maxSockets: 1024 });
export function timedRequest(url: string, method: 'GET' | 'POST', token: string, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((done, fail) => {
    const headers: Record<string, string | number> = { authorization: `Bearer ${token}` };
    if (body !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    const req = request(url, { method, agent, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, text }));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end(body);
  });
}

export async function token(url: string, email: string, password: string): Promise<string> {
  return (await api(url, 'POST', '/auth/login', null, { email, password })).data.access_token;
}

// ---------------------------------------------------------------- the people

export interface Reporter {
  email: string;
  grid: UnitRow;
  token: string;
}

export function roleId(key: string): string {
  const role = ROLES.find((r) => r.key === key);
  if (!role) throw new Error(`no role ${key} in schema/access.ts`);
  return role.id;
}

/**
 * Grid workers spread evenly over the demo grids, and one community staff member
 * with a phone in every demo community, so that every report and every reminder
 * tells someone in the app and by phone, as in a deployment.
 */
export async function createPeople(system: System, grids: UnitRow[], communities: UnitRow[]): Promise<Reporter[]> {
  const reporters = Array.from({ length: REPORTERS }, (_, i) => ({
    email: `bench-reporter-${String(i + 1).padStart(3, '0')}@pukou.gov.cn`,
    grid: grids[Math.floor((i * grids.length) / REPORTERS)]!,
  }));
  const staff = communities.map((c, i) => ({
    email: `bench-staff-${String(i + 1).padStart(3, '0')}@pukou.gov.cn`,
    unit: c.id,
    phone: `139${String(10_000_000 + i).slice(-8)}`,
  }));
  await createDemoAccounts(system.admin, [
    ...reporters.map((r, i) => ({
      email: r.email,
      password: DEMO_PASSWORD,
      first_name: `网格员${i + 1}`,
      last_name: '压测',
      role: roleId('grid-grid_worker'),
      unit: r.grid.id,
      status: 'active',
      language: 'zh-CN',
    })),
    ...staff.map((s, i) => ({
      email: s.email,
      password: DEMO_PASSWORD,
      first_name: `专职${i + 1}`,
      last_name: '压测',
      role: roleId('community-staff'),
      unit: s.unit,
      ...(PHONES ? { phone: s.phone } : {}),
      status: 'active',
      language: 'zh-CN',
    })),
  ]);
  const url = system.directus.url;
  // One login at a time: 32 password hashes at once on a loaded machine trip Directus's pressure limiter (503).
  const loggedIn: Reporter[] = [];
  for (const r of reporters) loggedIn.push({ ...r, token: await token(url, r.email, DEMO_PASSWORD) });
  return loggedIn;
}

/** The units of a level, in path order. */
export function units(rows: UnitRow[], level: string): UnitRow[] {
  return rows.filter((u) => u.level === level).sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * What a reporting benchmark needs of a started demo system on PostgreSQL: a connection to its
 * database and the versions it runs, the demo grids and communities, the matter categories, and
 * the reporters logged in (createPeople). The connection and the HTTP agent are closed by the undo steps.
 */
export async function reportingDistrict(system: System, databaseUrl: string) {
  const db = knex({ client: 'pg', connection: databaseUrl, pool: { min: 0, max: 4 } });
  onCleanUp(() => db.destroy());
  onCleanUp(() => agent.destroy());
  const versions = {
    directus: (JSON.parse(readFileSync(resolve(PROJECT_ROOT, 'node_modules/directus/package.json'), 'utf8')) as { version: string })
      .version,
    postgres: String((await db.raw('SHOW server_version')).rows[0].server_version),
  };
  const all = (await system.admin.request(
    readItems('units', { fields: ['id', 'name', 'path', 'parent', 'level', 'kind'], filter: { kind: { _eq: 'office' } }, limit: -1 }),
  )) as UnitRow[];
  const grids = units(all, 'grid');
  const communities = units(all, 'community');
  const categories = ((await system.admin.request(readItems('matter_categories', { fields: ['id'], limit: -1 }))) as { id: number }[]).map(
    (c) => c.id,
  );
  const reporters = await createPeople(system, grids, communities);
  return { db, versions, grids, communities, categories, reporters };
}
