// npm run bench:office — a document sent to every community and grid of the
// district (about 1,500 recipient units), on PostgreSQL and then SQLite.
//
// A throwaway Directus with the schema and the demo data; the tree grown to 11
// communities per street and 14 grids per community, one active member of staff
// in every new unit (each is told of the document). Then, as the district's staff:
// the time of `POST /office/documents/:id/send` for several documents (all
// receipts and notifications written in one transaction, then every reminder job
// added to Redis), and, once most recipients have signed, the p50/p95 of the
// sender's status page `GET /office/documents/:id/status?show=unsigned`.
// Prints the figures and rewrites its section of docs/benchmarks.md. Everything
// it creates is removed again, also on failure.

import { Queue } from 'bullmq';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { PROJECT_ROOT } from '../directus.config.ts';
import { queueSettingsFromEnv } from '../extensions/kernel/queue.ts';
import { OFFICE } from '../extensions/office/src/jobs.ts';
import { REMINDER_QUEUE } from '../extensions/kernel/reminder-engine.ts';
import { growTree } from './lib/data.ts';
import { cleanUp, onCleanUp, runBench } from './lib/cleanup.ts';
import { time, type Timing } from './lib/measure.ts';
import { BUDGET, call, senderToken, sendNotice, timeStatusPage } from './office/documents.ts';
import { machine, writeSection } from './lib/section.ts';
import type { Sql } from './lib/sql.ts';
import { startDemoSystem, throwawaySettings } from './lib/throwaway.ts';

const SHAPE = { communitiesPerStreet: 11, gridsPerCommunity: 14 };
const SENDS = 5;
const GOAL = { fanOutMs: 2000, statusP95Ms: 50 };
const DOC = resolve(PROJECT_ROOT, 'docs/benchmarks.md');

interface Result {
  name: string;
  recipients: number;
  jobsPerSend: number;
  sends: number[];
  status: Timing;
  me: Timing;
  item: Timing;
}

/** One active member of staff in every unit without one, as plain rows (no login needed). */
async function staffEveryUnit(sql: Sql): Promise<number> {
  const units = await sql.all('SELECT u.id, u.path FROM units u WHERE NOT EXISTS (SELECT 1 FROM directus_users p WHERE p.unit = u.id)');
  for (let i = 0; i < units.length; i += 200) {
    const chunk = units.slice(i, i + 200);
    const rows = chunk.map((u) => [crypto.randomUUID(), `bench-${u.id}@pukou.gov.cn`, 'active', u.id, u.path]);
    await sql.all(
      `INSERT INTO directus_users (id, email, status, unit, unit_path) VALUES ${rows.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
      rows.flat(),
    );
  }
  return units.length;
}

async function benchDatabase(key: 'pg' | 'sqlite'): Promise<Result> {
  const name = key === 'pg' ? 'PostgreSQL' : 'SQLite';
  const step = (what: string) => console.log(`[${name}] ${what}`);
  const settings = await throwawaySettings(key, 'office');
  step('starting Directus, applying the schema, seeding the demo data');
  const { system, sql } = await startDemoSystem(settings, `bench-office-${key}`);
  const queueSettings = queueSettingsFromEnv(system.env)!;
  const queue = new Queue(REMINDER_QUEUE, { connection: queueSettings.connection, prefix: queueSettings.prefix });
  onCleanUp(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
  });

  const units = await growTree(sql, SHAPE);
  const staffed = await staffEveryUnit(sql);
  if (key === 'pg') await sql.all('ANALYZE');
  const recipients = units.filter((u) => u.kind === 'office' && (u.level === 'community' || u.level === 'grid')).length;
  step(`tree: ${units.length} units, ${recipients} communities and grids; ${staffed} staff added`);

  const url = system.directus.url;
  const token = await senderToken(url);
  const sends: number[] = [];
  let last = { id: 0, recipients: 0 };
  for (let i = 0; i < SENDS; i++) {
    const sent = await sendNotice(url, token, i + 1);
    sends.push(sent.ms);
    if (sent.recipients !== recipients) throw new Error(`sent to ${sent.recipients} units, expected ${recipients}`);
    last = sent;
    step(`send ${i + 1}: ${sent.recipients} recipients in ${Math.round(sent.ms)} ms`);
  }
  // The one reminder queue holds every domain's jobs: the office's are named for it.
  const jobs = (await queue.getJobs(['delayed', 'waiting'])).filter((j) => j.name === OFFICE).length;
  const jobsPerSend = Math.round(jobs / SENDS);

  const status = await timeStatusPage(url, token, sql, last, BUDGET);
  step(`status page p50 ${status.p50.toFixed(1)} ms, p95 ${status.p95.toFixed(1)} ms`);
  // For scale: the least a signed-in request costs here, and the document read through the items API.
  const me = await time(() => call(url, token, 'GET', '/users/me?fields=id'), BUDGET);
  const item = await time(() => call(url, token, 'GET', `/items/documents/${last.id}?fields=id,title`), BUDGET);
  step(`GET /users/me p50 ${me.p50.toFixed(1)} ms; GET /items/documents/:id p50 ${item.p50.toFixed(1)} ms`);
  return {
    me,
    item,
    name: `${name} ${key === 'pg' ? (await sql.all('SHOW server_version'))[0]!.server_version : (await sql.all('SELECT sqlite_version() AS v'))[0]!.v}`,
    recipients,
    jobsPerSend,
    sends,
    status,
  };
}

async function main(): Promise<void> {
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');
  const results: Result[] = [];
  for (const key of ['pg', 'sqlite'] as const) {
    try {
      results.push(await benchDatabase(key));
    } finally {
      await cleanUp();
    }
  }
  const directus = (JSON.parse(readFileSync(resolve(PROJECT_ROOT, 'node_modules/directus/package.json'), 'utf8')) as { version: string })
    .version;
  const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
  const lines = [
    `Run ${new Date().toISOString()}. Machine: ${machine().join('; ')}; load average ${load} when the run began (other work shares the machine). Directus ${directus}, Node ${process.versions.node}.`,
    '',
    `A notice sent by the district's staff to every community and grid (${SHAPE.communitiesPerStreet} communities per street, ${SHAPE.gridsPerCommunity} grids per community, one member of staff each), with a reply asked for: one request writes every receipt and in-app notice in one transaction, then adds four reminder jobs per recipient to Redis. ${SENDS} documents in a row; then, with 70 % signed, the sender's status page (counts and the first 50 unsigned units), ${BUDGET.samples} sequential requests after ${BUDGET.warmup} warm-up ones. Times in ms from one client on 127.0.0.1.`,
    '',
    '| database | recipients | jobs per send | send: min / median / max | status page p50 / p95 | for scale: `GET /users/me`, `GET /items/documents/:id` p50 / p95 | goal (send < 2 s, status p95 < 50 ms) |',
    '|---|---|---|---|---|---|---|',
    ...results.map((r) => {
      const s = sorted(r.sends);
      const met = s[s.length - 1]! < GOAL.fanOutMs && r.status.p95 < GOAL.statusP95Ms;
      return `| ${r.name} | ${r.recipients} | ${r.jobsPerSend} | ${s[0]!.toFixed(0)} / ${s[Math.floor(s.length / 2)]!.toFixed(0)} / ${s[s.length - 1]!.toFixed(0)} | ${r.status.p50.toFixed(1)} / ${r.status.p95.toFixed(1)} | ${r.me.p50.toFixed(1)} / ${r.me.p95.toFixed(1)}, ${r.item.p50.toFixed(1)} / ${r.item.p95.toFixed(1)} | ${met ? 'met' : 'not met'} |`;
    }),
  ];
  console.log(['', ...lines].join('\n'));
  writeSection(DOC, 'office', 'Office documents: fan-out and the sender’s status page (bench:office)', lines.join('\n'));
  console.log(`\nwritten to ${DOC}`);
}

await runBench(main);
