// The database side of seed:scale (PostgreSQL only): read what the set-up system
// holds, generate the rows (generate.ts) into COPY files in a temporary folder,
// then load them in one transaction — triggers and foreign-key checks off for the
// load (session_replication_role = replica), the loaded tables' secondary
// indexes dropped and built again afterwards — check every foreign key of the
// loaded tables, advance the sequences and the matter number counters, mark the
// units for the assessment's live re-scoring, commit, ANALYZE. A failure rolls
// everything back.

import { closeSync, mkdtempSync, openSync, rmSync, writeSync, createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import pg from 'pg';
import { loadCalendar } from '../../extensions/kernel/calendar.ts';
import type { PersonalVault } from '../../extensions/kernel/personal-vault.ts';
import { policyOf } from '../../extensions/domains/matters/report-store.ts';
import type { DeadlinePolicy } from '../../extensions/domains/matters/deadlines.ts';
import { ROLES } from '../../schema/access.ts';
import { Refusal } from '../../scripts/lib/cli.ts';
import { copyLine } from './copy-text.ts';
import { generateScale, NUMBERED, TABLE_COLUMNS, TABLES, type Numbered, type ScaleInput, type Table } from './generate.ts';
import { windowOf } from './time.ts';
import { GENERATED_REMARK, type ScaleUnit } from './tree.ts';

export interface LoadOptions {
  seed: number;
  scale: number;
  /** The end of the three years (the run date). */
  end: Date;
  /** Check every foreign key of the loaded tables before committing. */
  check: boolean;
  log: (line: string) => void;
}

export interface LoadReport {
  rows: Record<Table, number>;
  seconds: { read: number; generate: number; copy: number; indexes: number; check: number; analyze: number; total: number };
  bytes: number;
}

/** The database is not one seed:scale may load into: said to the operator as it is. */
const NotLoadable = Refusal;

/** What generate.ts needs from the database. */
async function readInput(db: Knex, vault: PersonalVault, options: LoadOptions): Promise<ScaleInput> {
  const done = await db('units').where({ remark: GENERATED_REMARK }).count({ n: '*' }).first();
  if (Number(done?.n ?? 0) > 0)
    throw new NotLoadable(
      'seed:scale: this database already holds Pukou-scale data (units marked “' +
        GENERATED_REMARK +
        '”); load into a freshly set-up database instead',
    );
  const units = (await db('units').select('id', 'code', 'name', 'level', 'kind', 'parent', 'path').orderBy('path')) as ScaleUnit[];
  if (!units.some((u) => u.level === 'street'))
    throw new NotLoadable('seed:scale: the unit tree has no streets; set the system up first (npm start, or npm run seed)');
  const users = await db('directus_users').select('id', 'unit', 'role', 'job');
  const maxOf = async (table: Numbered) => Number((await db(table).max({ m: 'id' }).first())?.m ?? 0);
  const nextIds = Object.fromEntries(await Promise.all(NUMBERED.map(async (t) => [t, (await maxOf(t)) + 1]))) as Record<Numbered, number>;
  const policies = new Map<string, DeadlinePolicy>();
  for (const row of await db('deadline_policies').select('*')) policies.set(`${row.matter_type}:${row.urgency}`, policyOf(row));
  const categories = Object.fromEntries((await db('matter_categories').select('id', 'code')).map((c) => [c.code, c.id]));
  const counters = new Map<string, number>((await db('matter_counters').select('key', 'value')).map((c) => [c.key, Number(c.value)]));
  const templates = (await db('daily_task_templates').where({ active: true }).select('id', 'unit_path', 'kind')).map((t) => ({
    id: Number(t.id),
    unit_path: String(t.unit_path),
    kind: t.kind,
  }));
  const used = new Set<string>();
  for (const row of await db('people').whereNotNull('id_number').select('id_number')) used.add(vault.open(row.id_number));
  // The demo accounts' password, when this is a demo system: the new accounts sign in as the demo ones do.
  const grid = ROLES.find((r) => r.key === 'grid-grid_worker')!;
  const demo = await db('directus_users').where({ email: 'grid-gridworker@pukou.gov.cn', role: grid.id }).first('password');
  return {
    seed: options.seed,
    scale: options.scale,
    window: windowOf(options.end, 3),
    calendar: await loadCalendar(db),
    units: units.map((u) => ({ ...u, id: Number(u.id), parent: u.parent === null ? null : Number(u.parent) })),
    users: users.map((u) => ({ id: u.id, unit: u.unit === null ? null : Number(u.unit), role: u.role, job: u.job })),
    nextIds,
    policy: (type, urgency) => {
      const policy = policies.get(`${type}:${urgency}`);
      if (!policy) throw new NotLoadable(`seed:scale: no deadline policy (时限标准) for ${type} ${urgency}`);
      return policy;
    },
    categories,
    counters,
    usedIdNumbers: used,
    templates,
    passwordHash: demo?.password ?? null,
  };
}

/** COPY files, one per table, written synchronously in 1 MB pieces (the generator runs in one go). */
function copyFiles(folder: string) {
  const files = new Map<Table, { fd: number; buffer: string[]; size: number; bytes: number }>();
  const flush = (f: { fd: number; buffer: string[]; size: number; bytes: number }) => {
    if (!f.buffer.length) return;
    const chunk = Buffer.from(f.buffer.join(''), 'utf8');
    writeSync(f.fd, chunk);
    f.bytes += chunk.length;
    f.buffer = [];
    f.size = 0;
  };
  return {
    write(table: Table, line: string) {
      let f = files.get(table);
      if (!f) files.set(table, (f = { fd: openSync(join(folder, `${table}.copy`), 'w'), buffer: [], size: 0, bytes: 0 }));
      f.buffer.push(line);
      f.size += line.length;
      if (f.size > 1 << 20) flush(f);
    },
    close(): number {
      let bytes = 0;
      for (const f of files.values()) {
        flush(f);
        closeSync(f.fd);
        bytes += f.bytes;
      }
      return bytes;
    },
    path: (table: Table) => join(folder, `${table}.copy`),
    has: (table: Table) => files.has(table),
  };
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * `COPY table (columns) FROM STDIN` fed from a file, through pg's own protocol
 * support: the client hands the active query the connection once the server
 * answers CopyInResponse, and the query sends CopyData messages, then CopyDone.
 */
function copyFrom(client: pg.Client, table: string, columns: readonly string[], file: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let rows = 0;
    let source: ReturnType<typeof createReadStream> | null = null;
    const query = {
      text: `COPY ${quote(table)} (${columns.map(quote).join(', ')}) FROM STDIN`,
      submit(connection: any) {
        connection.query(this.text);
      },
      handleCopyInResponse(connection: any) {
        const reader = createReadStream(file, { highWaterMark: 1 << 20 });
        source = reader;
        reader.on('data', (chunk) => {
          connection.sendCopyFromChunk(chunk);
          if (connection.stream.writableNeedDrain) {
            reader.pause();
            connection.stream.once('drain', () => reader.resume());
          }
        });
        reader.on('end', () => connection.endCopyFrom());
        reader.on('error', (error) => connection.sendCopyFail(error.message));
      },
      handleCommandComplete(message: { text: string }) {
        rows = Number(/(\d+)$/.exec(message.text)?.[1] ?? 0);
      },
      handleError(error: Error) {
        // The server refused the data: stop sending the rest of the file. The client forgets this
        // query on an error (no ReadyForQuery comes to it), so it settles here.
        source?.destroy();
        reject(error);
      },
      handleReadyForQuery() {
        resolve(rows);
      },
      handleRowDescription() {},
      handleDataRow() {},
      handleEmptyQuery() {},
      handlePortalSuspended() {},
      handleCopyData() {},
    };
    client.query(query as never);
  });
}

/** The secondary indexes of a table (not its primary key, none a foreign key of another table refers to), to drop and build again. */
async function secondaryIndexes(client: pg.Client, table: string): Promise<{ drop: string; create: string }[]> {
  const { rows } = await client.query(
    `SELECT i.indexrelid::regclass::text AS index, c.conname, pg_get_indexdef(i.indexrelid) AS indexdef, pg_get_constraintdef(c.oid) AS condef
       FROM pg_index i
       LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid AND c.conrelid = i.indrelid AND c.contype IN ('u', 'x')
      WHERE i.indrelid = $1::regclass AND NOT i.indisprimary
        AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = i.indexrelid)`,
    [quote(table)],
  );
  return rows.map((r) =>
    r.conname
      ? {
          drop: `ALTER TABLE ${quote(table)} DROP CONSTRAINT ${quote(r.conname)}`,
          create: `ALTER TABLE ${quote(table)} ADD CONSTRAINT ${quote(r.conname)} ${r.condef}`,
        }
      : { drop: `DROP INDEX ${r.index}`, create: r.indexdef },
  );
}

/** Every single-column foreign key of the table: a row whose reference finds nothing is an error. */
async function checkForeignKeys(client: pg.Client, table: string): Promise<void> {
  const { rows } = await client.query(
    `SELECT c.conname, a.attname AS col, c.confrelid::regclass::text AS parent, pa.attname AS parent_col
       FROM pg_constraint c
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
       JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = c.confkey[1]
      WHERE c.contype = 'f' AND c.conrelid = $1::regclass AND array_length(c.conkey, 1) = 1`,
    [quote(table)],
  );
  for (const fk of rows) {
    const { rows: broken } = await client.query(
      `SELECT t.${quote(fk.col)} AS value FROM ${quote(table)} t
        WHERE t.${quote(fk.col)} IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM ${fk.parent} p WHERE p.${quote(fk.parent_col)} = t.${quote(fk.col)}) LIMIT 1`,
    );
    if (broken.length) throw new Error(`seed:scale: ${table}.${fk.col} = ${broken[0]!.value} refers to no ${fk.parent} (${fk.conname})`);
  }
}

/** Generates the Pukou-scale data and loads it; `db` reads, `connectionString` loads. */
export async function loadScale(db: Knex, connectionString: string, vault: PersonalVault, options: LoadOptions): Promise<LoadReport> {
  const started = performance.now();
  const since = (t: number) => Math.round((performance.now() - t) / 100) / 10;
  const seconds = { read: 0, generate: 0, copy: 0, indexes: 0, check: 0, analyze: 0, total: 0 };

  let t = performance.now();
  const input = await readInput(db, vault, options);
  const counterStart = new Map(input.counters);
  seconds.read = since(t);
  options.log(
    `read: ${input.units.length} units, ${input.users.length} users, ${input.usedIdNumbers.size} people; three years to ${options.end.toISOString()}`,
  );

  const folder = mkdtempSync(join(tmpdir(), 'zongzhi-seed-scale-'));
  try {
    t = performance.now();
    const files = copyFiles(folder);
    const rows = generateScale(input, (table, row) => {
      // People are stored as the system stores them: ID and phone numbers sealed, the ID number's blind index beside.
      const stored = table === 'people' ? vault.sealRecord('people', row as Record<string, unknown>) : row;
      files.write(table, copyLine(stored, TABLE_COLUMNS[table]));
    });
    const bytes = files.close();
    seconds.generate = since(t);
    options.log(
      `generated ${Object.values(rows)
        .reduce((a, b) => a + b, 0)
        .toLocaleString('en')} rows (${Math.round(bytes / 2 ** 20)} MB) in ${seconds.generate} s`,
    );

    const client = new pg.Client({ connectionString });
    await client.connect();
    try {
      await client.query('BEGIN');
      // Triggers (the assessment's change marks) and foreign-key checks off for this transaction's load; checked below.
      await client.query('SET LOCAL session_replication_role = replica');
      await client.query("SET LOCAL maintenance_work_mem = '512MB'");
      const loaded = TABLES.filter((table) => files.has(table));
      await client.query(`LOCK TABLE ${loaded.map(quote).join(', ')} IN SHARE ROW EXCLUSIVE MODE`);
      for (const table of NUMBERED) {
        const { rows: max } = await client.query(`SELECT coalesce(max(id), 0) AS m FROM ${quote(table)}`);
        if (Number(max[0].m) >= input.nextIds[table])
          throw new NotLoadable(`seed:scale: ${table} changed while generating; stop the system and run again`);
      }
      t = performance.now();
      const rebuild: string[] = [];
      for (const table of loaded) {
        if (table === 'units' || table === 'directus_users') continue;
        for (const index of await secondaryIndexes(client, table)) {
          await client.query(index.drop);
          rebuild.push(index.create);
        }
      }
      for (const table of loaded) {
        const copied = await copyFrom(client, table, TABLE_COLUMNS[table], files.path(table));
        if (copied !== rows[table]) throw new Error(`seed:scale: ${table}: ${copied} rows copied, ${rows[table]} generated`);
        options.log(`  ${table}: ${copied.toLocaleString('en')} rows (${since(t)} s)`);
      }
      seconds.copy = since(t);
      t = performance.now();
      for (const statement of rebuild) await client.query(statement);
      seconds.indexes = since(t);
      options.log(`indexes built again: ${rebuild.length} (${seconds.indexes} s)`);
      if (options.check) {
        t = performance.now();
        for (const table of loaded) await checkForeignKeys(client, table);
        seconds.check = since(t);
        options.log(`foreign keys checked (${seconds.check} s)`);
      }
      // Sequences past the ids given here; the day counters past the numbers given.
      for (const table of TABLES) {
        if (!loaded.includes(table) || table === 'directus_users') continue;
        await client.query(`SELECT setval(pg_get_serial_sequence($1, 'id'), (SELECT max(id) FROM ${quote(table)}))`, [quote(table)]);
      }
      const changed = [...input.counters].filter(([key, value]) => counterStart.get(key) !== value);
      await client.query(
        `INSERT INTO matter_counters (key, value) SELECT * FROM unnest($1::text[], $2::int[])
           ON CONFLICT (key) DO UPDATE SET value = GREATEST(matter_counters.value, EXCLUDED.value)`,
        [changed.map(([k]) => k), changed.map(([, v]) => v)],
      );
      // Every office's scores of the period under way are out of date: mark them for the live re-scoring.
      await client.query(`INSERT INTO assessment_marks (path) SELECT path FROM units WHERE kind = 'office'`);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await client.end();
    }
    t = performance.now();
    await db.raw(`ANALYZE ${TABLES.map(quote).join(', ')}`);
    seconds.analyze = since(t);
    seconds.total = since(started);
    return { rows, seconds, bytes };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** A local date for --today, or now. */
export function endOf(today: string | undefined, now = new Date()): Date {
  if (!today) return new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new NotLoadable(`seed:scale: --today ${today}: expected YYYY-MM-DD`);
  // The end of that day's office hours, Beijing time.
  return new Date(`${today}T18:00:00+08:00`);
}
