import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { copyLine } from './copy-text.ts';
import { generateScale, NUMBERED, TABLE_COLUMNS, TABLES, type Row, type Table } from './generate.ts';
import { demoInput } from './test-input.ts';

/** Every row of a run, by table; and a digest of the COPY text the loader would write. */
function run(scale: number, seed = 7) {
  const rows = Object.fromEntries(TABLES.map((t) => [t, [] as Record<string, any>[]])) as Record<Table, Record<string, any>[]>;
  const hash = createHash('sha256');
  const counts = generateScale(demoInput(scale, seed), (table, row: Row) => {
    rows[table].push(row as Record<string, any>);
    hash.update(table).update(copyLine(row, TABLE_COLUMNS[table]));
  });
  return { rows, counts, digest: hash.digest('hex') };
}

// Each run generates thousands of rows (one of them twice the size): seconds on a machine busy with the other suites.
describe('the Pukou-scale data set', { timeout: 60_000 }, () => {
  const { rows, counts, digest } = run(0.005);
  const input = demoInput(0.005);

  it('writes every kind of record the issue asks for, in numbers that follow the scale', () => {
    for (const table of TABLES) expect(counts[table], table).toBeGreaterThan(0);
    expect(counts.units).toBe(150 - 22 + 1500 - 66);
    expect(counts.matters).toBeGreaterThan(2_000_000 * 0.005 * 0.85);
    expect(counts.matters).toBeLessThan(2_000_000 * 0.005 * 1.15);
    expect(counts.people).toBeGreaterThan(1_200_000 * 0.005 * 0.85);
    const bigger = run(0.01);
    expect(bigger.counts.matters / counts.matters).toBeGreaterThan(1.7);
    expect(bigger.counts.people / counts.people).toBeGreaterThan(1.7);
  });

  it('is the same for the same seed and another for another', () => {
    expect(run(0.005).digest).toBe(digest);
    expect(run(0.005, 8).digest).not.toBe(digest);
  });

  it('gives every column a value of its table, and refers only to rows that exist', () => {
    for (const table of TABLES)
      for (const row of rows[table].slice(0, 200))
        for (const key of Object.keys(row))
          if (!(TABLE_COLUMNS[table] as readonly string[]).includes(key) && row[key] !== undefined)
            expect.fail(`${table}.${key} is not written`);
    const units = new Map([...input.units, ...rows.units].map((u) => [u.id, u.path]));
    const users = new Set([...input.users.map((u) => u.id), ...rows.directus_users.map((u) => u.id)]);
    const ids = (table: Table) => new Set(rows[table].map((r) => r.id));
    const refs: [Table, string, Set<unknown>][] = [
      ['matter_steps', 'matter', ids('matters')],
      ['matter_participants', 'matter', ids('matters')],
      ['matter_reminders', 'matter', ids('matters')],
      ['matter_reminders', 'unit', new Set(units.keys())],
      ['document_recipients', 'document', ids('documents')],
      ['service_objects', 'person', ids('people')],
      ['service_records', 'service_object', ids('service_objects')],
      ['terminals', 'holder', users],
      ['login_days', 'user', users],
      ['matters', 'initiator', users],
      ['matter_steps', 'actor', users],
      ['documents', 'sent_by', users],
      ['document_recipients', 'signed_by', users],
      ['disputes', 'user_created', users],
      ['service_objects', 'responsible_worker', users],
      ['service_records', 'worker', users],
      ['units', 'parent', new Set(units.keys())],
      ['matters', 'grid', new Set(units.keys())],
      ['matters', 'handler_unit', new Set(units.keys())],
      ['matter_steps', 'to_unit', new Set(units.keys())],
      ['patrol_records', 'route', ids('patrol_routes')],
      ['daily_checks', 'template', new Set([...input.templates.map((t) => t.id), ...ids('daily_task_templates')])],
      ['daily_checks', 'user', users],
      ['patrol_records', 'user_created', users],
      ['activity_records', 'user_created', users],
    ];
    for (const r of rows.registry_reminders)
      if (!ids(r.collection_name === 'people' ? 'people' : 'service_objects').has(r.item_id)) expect.fail(`registry reminder ${r.key}`);
    for (const [table, column, known] of refs)
      for (const row of rows[table])
        if (row[column] !== null && !known.has(row[column])) expect.fail(`${table}.${column} = ${row[column]}`);
    // The unit path of every record under the jurisdiction rule is its unit's.
    for (const table of TABLES)
      if ((TABLE_COLUMNS[table] as readonly string[]).includes('unit_path'))
        for (const row of rows[table]) if (units.get(row.unit) !== row.unit_path) expect.fail(`${table}: ${row.unit} at ${row.unit_path}`);
  });

  it('gives ids after those in use, each once, and keys the database keeps unique once', () => {
    for (const table of NUMBERED) {
      const given = rows[table].map((r) => r.id);
      expect(new Set(given).size, table).toBe(given.length);
      expect(Math.min(...given), table).toBe(input.nextIds[table]);
    }
    for (const [table, key] of [
      ['matters', 'number'],
      ['login_days', 'key'],
      ['matter_reminders', 'key'],
      ['registry_reminders', 'key'],
      ['terminals', 'asset_number'],
      ['houses', 'number'],
      ['directus_users', 'email'],
      ['daily_checks', 'key'],
    ] as const)
      expect(new Set(rows[table].map((r) => r[key])).size, `${table}.${key}`).toBe(rows[table].length);
  });

  it('lists a grid worker’s 每日必办 on the days they logged in on the phone, every item of their community', () => {
    const phone = new Set(rows.login_days.filter((l) => l.channel === 'phone').map((l) => `${l.user}.${l.day}`));
    for (const c of rows.daily_checks) if (!phone.has(`${c.user}.${c.day}`)) expect.fail(`daily check ${c.key} without a login`);
    const perDay = new Map<string, number>();
    for (const c of rows.daily_checks) perDay.set(`${c.user}.${c.day}`, (perDay.get(`${c.user}.${c.day}`) ?? 0) + 1);
    expect(new Set(perDay.values())).toEqual(new Set([4]));
    const workers = rows.directus_users.filter((u) => u.job === 'grid_worker');
    expect(new Set(rows.daily_checks.map((c) => c.user)).size).toBeGreaterThan(workers.length * 0.9);
  });

  it('spreads the records over three years to the run date, more in the later years', () => {
    const { start, end } = input.window;
    const created = rows.matters.map((m) => m.date_created.getTime());
    expect(Math.min(...created)).toBeGreaterThanOrEqual(start.getTime());
    expect(Math.max(...created)).toBeLessThanOrEqual(end.getTime());
    const third = (end.getTime() - start.getTime()) / 3;
    const first = created.filter((t) => t < start.getTime() + third).length;
    const last = created.filter((t) => t >= end.getTime() - third).length;
    expect(last / first).toBeGreaterThan(1.2);
    expect(last / first).toBeLessThan(2);
  });
});
