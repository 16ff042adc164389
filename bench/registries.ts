// npm run bench:registries — the registries at Pukou's scale, on PostgreSQL.
//
// A throwaway Directus with the schema and demo data; the tree grown to ~3,000
// grids; 1,200,000 people and 200,000 houses (and ~7,000 service objects) from the
// synthetic generator, bulk-loaded with SQL (not through the API). Then, as the
// community user, as the administrator and as raw SQL: a people list page, a
// search by name, a look-up by ID number, the community's key-person list (p50 /
// p95); and the import of a 100,000-row CSV through the API (rows per second).
// ID and phone numbers are sealed (SM4) as the system stores them; a second
// Directus on the same database with SEAL_PERSONAL_DATA=false gives, in the same
// run, the import rate and the look-up with the numbers stored in the clear.
// Prints the figures and rewrites its section of docs/benchmarks.md.

import { clearCache, customEndpoint } from '@directus/sdk';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { adminPassword, DEMO_PASSWORD, personalDataEnv, PROJECT_ROOT, readSettings } from '../directus.config.ts';
import { personalVault } from '../extensions/kernel/personal-vault.ts';
import { SEALED_PERSONAL_FIELDS } from '../schema/collections/people.ts';
import { freePort } from '../scripts/lib/local.ts';
import { prepare, startSystem, stopSystem } from '../scripts/lib/system.ts';
import { DEMO_UNIT_PATHS } from '../seed/demo-users.ts';
import { generateRegistry, type GeneratedPerson } from '../seed/registries-generator.ts';
import { onCleanUp, runBench } from './lib/cleanup.ts';
import { growTree } from './lib/data.ts';
import { time, type Timing } from './lib/measure.ts';
import { machine, writeSection } from './lib/section.ts';
import { openPg, pgAdmin, type Sql } from './lib/sql.ts';
import { token } from './lib/login.ts';
import { BUDGET, type Case, get, LIST_FIELDS, personCases, samplePerson, timeCase } from './registries/cases.ts';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 1_200_000);
const HOUSES_PER_PERSON = 1 / 6;
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const GOAL_MS = 50;
const GOAL_IMPORT = 2000;
const PG_SERVER = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DOC = resolve(PROJECT_ROOT, 'docs/benchmarks.md');
const COMMUNITY = DEMO_UNIT_PATHS.community!;

process.env.CACHE_SKIP_ALLOWED = 'true';

const PERSON_COLUMNS: [keyof GeneratedPerson | 'date_created' | 'id_number_index', string][] = [
  ['unit', 'int'],
  ['unit_path', 'text'],
  ['name', 'text'],
  ['id_number', 'text'],
  ['id_number_index', 'text'],
  ['id_number_masked', 'text'],
  ['sex', 'text'],
  ['birth_date', 'date'],
  ['ethnicity', 'text'],
  ['phone', 'text'],
  ['phone_masked', 'text'],
  ['household_place_code', 'text'],
  ['residence_address', 'text'],
  ['is_registered', 'bool'],
  ['is_floating', 'bool'],
  ['is_foreigner', 'bool'],
  ['is_left_behind', 'bool'],
  ['permit_type', 'text'],
  ['permit_number', 'text'],
  ['registered_on', 'date'],
  ['permit_expires_on', 'date'],
  ['state', 'text'],
  ['date_created', 'timestamptz'],
];

/** INSERT … SELECT FROM unnest(arrays): one statement per chunk, as bench/lib/data.ts does. */
async function insertColumns(
  sql: Sql,
  table: string,
  columns: [string, string][],
  rows: Record<string, unknown>[],
  returning = '',
): Promise<Record<string, any>[]> {
  const select = columns.map(([, type]) => `?::${type}[]`).join(', ');
  return sql.all(
    `INSERT INTO ${table} (${columns.map(([c]) => c).join(', ')}) SELECT * FROM unnest(${select}) ${returning}`,
    columns.map(([c]) => rows.map((r) => r[c] ?? null)),
  );
}

async function main(): Promise<void> {
  const loadAtStart = loadavg()
    .map((n) => n.toFixed(2))
    .join(', ');
  const step = (what: string) => console.log(`[registries] ${what}`);
  const dataDir = mkdtempSync(join(tmpdir(), 'zongzhi-bench-registries-'));
  onCleanUp(() => rmSync(dataDir, { recursive: true, force: true }));
  const database = `zongzhi_bench_reg_${process.pid}_${Date.now()}`;
  await pgAdmin(PG_SERVER, `CREATE DATABASE "${database}"`);
  onCleanUp(() => pgAdmin(PG_SERVER, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
  const dbUrl = new URL(PG_SERVER);
  dbUrl.pathname = `/${database}`;
  const base = {
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    DEMO: 'true',
    RATE_LIMIT_PER_SECOND: '0',
    LOG_LEVEL: 'warn',
    DATABASE_URL: dbUrl.toString(),
  };
  const settings = readSettings({ ...base, PORT: String(await freePort()) });
  const logFile = resolve(PROJECT_ROOT, '.test-data', 'bench-directus-registries.log');
  rmSync(logFile, { force: true });
  step('starting Directus, applying the schema, seeding the demo data');
  const system = await startSystem(settings, { logFile });
  onCleanUp(() => stopSystem(system));
  await prepare(system, settings, { schema: true, seed: true });
  if (settings.database.client !== 'pg') throw new Error('bench:registries runs on PostgreSQL');
  const sql = await openPg(settings.database.connectionString);
  onCleanUp(() => sql.close());
  // The same key file as the server's: the bulk load stores people as the system does.
  const vault = personalVault(personalDataEnv(settings), SEALED_PERSONAL_FIELDS);
  const open = (value: string) => vault.open(value);
  const version = String((await sql.all('SHOW server_version'))[0]!.server_version);

  let started = performance.now();
  const units = await growTree(sql);
  const grids = units.filter((u) => u.level === 'grid' && u.kind === 'office');
  step(`tree: ${grids.length} grids (${Math.round(performance.now() - started)} ms)`);

  // People, houses and service objects in chunks of grids, one generator set of used numbers.
  started = performance.now();
  const used = new Set<string>((await sql.all('SELECT id_number FROM people WHERE id_number IS NOT NULL')).map((r) => open(r.id_number)));
  const perGrid = Math.ceil(PEOPLE / grids.length);
  let people = 0;
  let houses = 0;
  let objects = 0;
  for (let g = 0; g < grids.length; g += 50) {
    const data = generateRegistry(grids.slice(g, g + 50), { peoplePerGrid: perGrid, seed: 1000 + g, used, housePrefix: 'BF' });
    const ids: number[] = [];
    for (let i = 0; i < data.people.length; i += 10_000) {
      // Registered community by community, as an import does: the creation time follows the load.
      const created = new Date();
      const rows = await insertColumns(
        sql,
        'people',
        PERSON_COLUMNS,
        data.people.slice(i, i + 10_000).map((p) => ({ ...vault.sealRecord('people', { ...p }), date_created: created })),
        'RETURNING id',
      );
      ids.push(...rows.map((r) => r.id));
    }
    people += data.people.length;
    const houseRows = data.houses.slice(0, Math.round(data.people.length * HOUSES_PER_PERSON));
    await insertColumns(
      sql,
      'houses',
      [
        ['number', 'text'],
        ['address', 'text'],
        ['use', 'text'],
        ['floor_area', 'numeric'],
        ['unit', 'int'],
        ['unit_path', 'text'],
      ],
      houseRows as never,
    );
    houses += houseRows.length;
    const objectRows = data.serviceObjects.map((o) => ({ ...o, person: ids[o.person], state: 'in_force' }));
    await insertColumns(
      sql,
      'service_objects',
      [
        ['person', 'int'],
        ['category', 'text'],
        ['risk_grade', 'text'],
        ['visit_every_days', 'int'],
        ['unit', 'int'],
        ['unit_path', 'text'],
        ['state', 'text'],
      ],
      objectRows as never,
    );
    objects += objectRows.length;
    if (g % 500 === 0) step(`… ${people.toLocaleString('en')} people`);
  }
  await sql.all('ANALYZE people, houses, service_objects, units');
  const loadMs = performance.now() - started;
  step(
    `${people.toLocaleString('en')} people, ${houses.toLocaleString('en')} houses, ${objects.toLocaleString('en')} service objects loaded (${Math.round(loadMs / 1000)} s)`,
  );
  await system.admin.request(customEndpoint({ method: 'POST', path: '/jurisdiction-indexes' }));
  await system.admin.request(clearCache());

  const url = system.directus.url;
  const community = await token(url, 'community-staff@pukou.gov.cn', DEMO_PASSWORD);
  const admin = await token(url, settings.adminEmail, adminPassword(settings));
  const like = `${COMMUNITY}%`;
  const sample = await samplePerson(sql, like, open);
  const inCommunity = Number((await sql.all('SELECT count(*) AS n FROM people WHERE unit_path LIKE ?', [like]))[0]!.n);
  const NEWEST =
    'SELECT id, name, id_number_masked, sex, birth_date, unit_path FROM people WHERE unit_path LIKE ? ORDER BY date_created DESC, id DESC LIMIT 25';
  const newest = await sql.all(NEWEST, [like]);
  const plan = (await sql.all(`EXPLAIN ${NEWEST.replace('?', `'${like}'`)}`)).map((r) => String(r['QUERY PLAN']).trim());
  const newestPlan = plan
    .filter((line) => /^(->\s*)?[A-Za-z ]*(Scan|Sort)\b/.test(line) && !line.includes(':'))
    .map((line) => line.replace(/^->\s*/, '').replace(/\s*\(cost.*$/, ''))
    .join(' ← ');
  step(`newest-first plan: ${newestPlan}`);
  const cases: Case[] = [
    {
      // The generic list's order; for a community it runs by creation time, then id (extensions/registries/src/list-order.ts).
      name: 'people list (25, newest first)',
      path: `/items/people?limit=25&sort=-id&fields=${LIST_FIELDS}`,
      sql: [NEWEST, [like]],
      check: (b) => {
        if (b.data.map((p: { id: number }) => p.id).join() !== newest.map((p) => p.id).join()) throw new Error('list: not the newest page');
      },
    },
    {
      name: 'people list (25, by name)',
      path: `/items/people?limit=25&sort=name,id&fields=${LIST_FIELDS}`,
      sql: [
        'SELECT id, name, id_number_masked, sex, birth_date, unit_path FROM people WHERE unit_path LIKE ? ORDER BY name, id LIMIT 25',
        [like],
      ],
      check: (b) => {
        if (b.data.length !== 25 || b.data.some((p: { unit_path: string }) => !p.unit_path.startsWith(COMMUNITY)))
          throw new Error('list by name: wrong page');
      },
    },
    ...personCases(sample, like),
    {
      name: 'key-person list (25, by next visit)',
      path: '/items/service_objects?limit=25&sort=next_visit_due,id&fields=id,category,risk_grade,next_visit_due,person.name,person.id_number_masked',
      sql: [
        'SELECT s.id, s.category, s.risk_grade, s.next_visit_due, p.name, p.id_number_masked FROM service_objects s JOIN people p ON p.id = s.person WHERE s.unit_path LIKE ? ORDER BY s.next_visit_due, s.id LIMIT 25',
        [like],
      ],
      check: (b) => {
        if (!b.data.length) throw new Error('key persons: none');
      },
    },
  ];

  const results: { name: string; community: Timing; admin: Timing; sql: Timing }[] = [];
  for (const c of cases) {
    const row = await timeCase(c, url, { community, admin }, sql);
    results.push(row);
    step(
      `${c.name}: community p95 ${row.community.p95.toFixed(1)} ms, admin ${row.admin.p95.toFixed(1)} ms, SQL ${row.sql.p95.toFixed(1)} ms`,
    );
  }

  // Import: 100,000 new people into the community through the API, as CSV; half of them through a
  // second Directus that stores numbers in the clear, in alternating rounds (the table grows alike for both).
  step('starting a second Directus with SEAL_PERSONAL_DATA=false on the same database');
  const clearSettings = readSettings({ ...base, PORT: String(await freePort()), SEAL_PERSONAL_DATA: 'false' });
  const clearSystem = await startSystem(clearSettings, { logFile: logFile.replace(/\.log$/, '-clear.log') });
  onCleanUp(() => stopSystem(clearSystem));
  const clearUrl = clearSystem.directus.url;
  const clearCommunity = await token(clearUrl, 'community-staff@pukou.gov.cn', DEMO_PASSWORD);
  const imports = { sealed: { rows: 0, ms: 0 }, clear: { rows: 0, ms: 0 } };
  let clearSample: GeneratedPerson | null = null;
  const rounds: ('clear' | 'sealed')[] = ['clear', 'sealed', 'sealed', 'clear'];
  let csvBytes = 0;
  for (const [round, mode] of rounds.entries()) {
    const rows = Math.ceil(IMPORT_ROWS / 2);
    const fresh = generateRegistry([{ id: 0, path: COMMUNITY, name: 'import' }], { peoplePerGrid: rows, seed: 99 + round, used });
    const csv = [
      '姓名,公民身份号码,联系方式,民族,流动人口',
      ...fresh.people.map((p) => `${p.name},${p.id_number},${p.phone ?? ''},${p.ethnicity},${p.is_floating ? '是' : '否'}`),
    ].join('\r\n');
    csvBytes = csv.length;
    const started = performance.now();
    const res = await fetch(`${mode === 'sealed' ? url : clearUrl}/registries/imports/people?dry_run=false`, {
      method: 'POST',
      headers: { authorization: `Bearer ${mode === 'sealed' ? community : clearCommunity}`, 'content-type': 'text/csv' },
      body: csv,
    });
    const imported = (await res.json()) as { data?: { summary: Record<string, number> } };
    const ms = performance.now() - started;
    if (!res.ok || imported.data?.summary.create !== rows)
      throw new Error(`import: ${res.status} ${JSON.stringify(imported).slice(0, 300)}`);
    imports[mode].rows += rows;
    imports[mode].ms += ms;
    if (mode === 'clear') clearSample ??= fresh.people[Math.floor(rows / 2)]!;
    step(`import (${mode}): ${rows.toLocaleString('en')} rows in ${(ms / 1000).toFixed(1)} s = ${Math.round(rows / (ms / 1000))} rows/s`);
  }
  const rateOf = (m: { rows: number; ms: number }) => m.rows / (m.ms / 1000);
  const rate = rateOf(imports.sealed);
  const clearRate = rateOf(imports.clear);
  const clearRow = (await sql.all('SELECT id_number FROM people WHERE id_number = ?', [clearSample!.id_number]))[0];
  if (!clearRow) throw new Error('the clear import did not store its numbers in the clear');

  // The same look-up, of a person stored sealed and of one stored in the clear.
  const lookups = {
    sealed: await time(() => get(url, community, `/registries/people/lookup?id_number=${sample.id_number}`), BUDGET),
    clear: await time(() => get(clearUrl, clearCommunity, `/registries/people/lookup?id_number=${clearSample!.id_number}`), BUDGET),
  };
  step(`look-up p95: sealed ${lookups.sealed.p95.toFixed(1)} ms, in the clear ${lookups.clear.p95.toFixed(1)} ms`);

  const directusVersion = (
    JSON.parse(readFileSync(resolve(PROJECT_ROOT, 'node_modules/directus/package.json'), 'utf8')) as { version: string }
  ).version;
  const ms = (t: Timing) => `${t.p50.toFixed(1)} / ${t.p95.toFixed(1)}`;
  const lines = [
    `Last run: ${new Date().toISOString()}, \`npm run bench:registries\`.`,
    '',
    `Machine: ${machine().join('; ')}. Directus ${directusVersion}, Node ${process.versions.node}; PostgreSQL ${version}.`,
    '',
    `Data: ${people.toLocaleString('en')} people, ${houses.toLocaleString('en')} houses and ${objects.toLocaleString('en')} service objects from \`seed/registries-generator.ts\` over ${grids.length.toLocaleString('en')} grids, bulk-loaded with SQL in ${Math.round(loadMs / 1000)} s; the community user (${COMMUNITY}) sees ${inCommunity.toLocaleString('en')} people. Each case: ${BUDGET.warmup} warm-up requests, then up to ${BUDGET.samples} sequential ones on 127.0.0.1; p50 / p95 in ms. "SQL" is the equivalent statement with the community's filter, on a separate connection. Reading the key-person list writes its read log (sensitive_reads) on every request. Load average at the start: ${loadAtStart}.`,
    '',
    '| query | community user | administrator | SQL | community ÷ admin (p95) | goal p95 < 50 ms |',
    '|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.name} | ${ms(r.community)} | ${ms(r.admin)} | ${ms(r.sql)} | ${(r.community.p95 / r.admin.p95).toFixed(2)}× | ${r.community.p95 < GOAL_MS ? 'met' : 'not met'} |`,
    ),
    '',
    `The community's newest-first page runs as \`ORDER BY date_created DESC, id DESC\`; its plan: ${newestPlan}.`,
    '',
    `Import through \`POST /registries/imports/people\` as the community user, numbers sealed: ${imports.sealed.rows.toLocaleString('en')} new rows (two CSV files of ${(csvBytes / 2 ** 20).toFixed(1)} MB) in ${(imports.sealed.ms / 1000).toFixed(1)} s = **${Math.round(rate).toLocaleString('en')} rows/s** (goal ≥ ${GOAL_IMPORT}: ${rate >= GOAL_IMPORT ? 'met' : 'not met'}).`,
    '',
    `国密 at rest, in the same run: a second Directus on the same database with \`SEAL_PERSONAL_DATA=false\` (numbers stored in the clear, blind index still written), rounds alternating clear, sealed, sealed, clear.`,
    '',
    '| | sealed (SM4 + SM3-HMAC index) | in the clear | sealed ÷ clear | goal ≤ 1.3× |',
    '|---|---|---|---|---|',
    `| import, rows/s | ${Math.round(rate).toLocaleString('en')} | ${Math.round(clearRate).toLocaleString('en')} | ${(clearRate / rate).toFixed(2)}× time | ${clearRate / rate <= 1.3 ? 'met' : 'not met'} |`,
    `| look-up by ID number, p50 / p95 ms | ${ms(lookups.sealed)} | ${ms(lookups.clear)} | ${(lookups.sealed.p95 / lookups.clear.p95).toFixed(2)}× | ${lookups.sealed.p95 / lookups.clear.p95 <= 1.3 ? 'met' : 'not met'} |`,
  ];
  console.log(`\n${lines.join('\n')}`);
  writeSection(DOC, 'registries', 'Registries: latest figures', lines.join('\n'));
  console.log(`\nwritten to ${DOC}`);
}

await runBench(main);
