// Raising a matter in the database: what a report needs looked up, in one
// statement, and everything a new matter writes, in one transaction (on
// PostgreSQL in one statement). The hot path of `POST /matters/report`: each
// round trip to the database costs Directus, the driver and PostgreSQL CPU time,
// so this module keeps them to two per report (docs/benchmarks.md, bench:matters).
//
// Only the matters service writes matters, steps and participants (users may
// only read them), so nothing here goes through ItemsService: the unit paths
// come from the unit rows in hand (what the jurisdiction hook would look up
// again), and no client field reaches a column without report.ts's checks.

import type { Knex } from 'knex';
import { notifyUnit, unitRecipients } from './reminders.ts';
import { numberInDay, type Report } from './report.ts';
import type { DurationUnit } from './working-days.ts';

export interface UnitRow {
  id: number;
  name: string;
  parent: number | null;
  kind: string;
  level: string;
  path: string;
}

const UNIT_COLUMNS = ['id', 'name', 'parent', 'kind', 'level', 'path'] as const;

export interface DeadlinePolicy {
  sign: { amount: number; unit: DurationUnit };
  complete: { amount: number; unit: DurationUnit };
  maxExtensionDays: number;
  pausable: boolean;
}

export function policyOf(row: Record<string, any>): DeadlinePolicy {
  return { sign: { amount: row.sign_amount, unit: row.sign_unit }, complete: { amount: row.complete_amount, unit: row.complete_unit }, maxExtensionDays: row.max_extension_days ?? 10, pausable: Boolean(row.pausable) };
}

export interface ReportContext {
  /** The reporting user's unit and role (when asked by user); absent when the user has no unit. */
  actor?: { unit: UnitRow; role: string | null };
  /** The unit the report goes to: the actor's parent (upward types) or the target unit; absent when there is none. */
  handler?: UnitRow;
  categoryExists: boolean;
  /** The level of the report's grid unit, when it names one that exists. */
  gridLevel: string | null;
  policy?: DeadlinePolicy;
  /** The matter raised earlier with the report's client_ref, if any. */
  earlier?: { id: number; initiator: string | null };
}

/**
 * Everything a report is checked against, in one statement: the acting user's
 * unit (or the given unit's), the handling unit, the category, the grid and the
 * deadline policy.
 */
export async function reportContext(db: Knex, by: { user: string } | { unit: number }, report: Report, handlerId: 'parent' | number | null): Promise<ReportContext> {
  const value = (v: unknown) => db.raw('?', [v ?? null]);
  const query = 'user' in by ? db('directus_users as usr').join('units as au', 'au.id', 'usr.unit').where('usr.id', by.user).select('usr.role as user_role') : db('units as au').where('au.id', by.unit);
  query
    .leftJoin('units as hu', 'hu.id', handlerId === 'parent' ? db.ref('au.parent') : value(handlerId))
    .leftJoin('matter_categories as cat', 'cat.id', value(report.category))
    .leftJoin('units as grid', 'grid.id', value(report.grid))
    .leftJoin('deadline_policies as pol', function () {
      this.on('pol.matter_type', value(report.type)).andOn('pol.urgency', value(report.urgency));
    })
    .leftJoin('matters as earlier', 'earlier.client_ref', value(report.client_ref))
    .select(...UNIT_COLUMNS.map((c) => `au.${c} as actor_${c}`), ...UNIT_COLUMNS.map((c) => `hu.${c} as handler_${c}`))
    .select('cat.id as category_id', 'grid.level as grid_level', 'pol.id as policy_id', 'pol.sign_amount', 'pol.sign_unit', 'pol.complete_amount', 'pol.complete_unit', 'pol.max_extension_days', 'pol.pausable', 'earlier.id as earlier_id', 'earlier.initiator as earlier_initiator');
  const row = await query.first();
  if (!row) return { categoryExists: false, gridLevel: null };
  const unit = (prefix: string): UnitRow | undefined => (row[`${prefix}_id`] == null ? undefined : (Object.fromEntries(UNIT_COLUMNS.map((c) => [c, row[`${prefix}_${c}`]])) as unknown as UnitRow));
  return {
    actor: { unit: unit('actor')!, role: row.user_role ?? null },
    handler: unit('handler'),
    categoryExists: row.category_id !== null,
    gridLevel: row.grid_level ?? null,
    policy: row.policy_id === null ? undefined : policyOf(row),
    earlier: row.earlier_id === null ? undefined : { id: Number(row.earlier_id), initiator: row.earlier_initiator ?? null },
  };
}

/** A new matter as it is stored, with its first step and whom it tells. */
export interface NewMatter {
  report: Report;
  /** The day's counter key, `SJ-20261126`; the number is the key and the counter, `SJ-20261126-0042`. */
  counterKey: string;
  actor: { user: string | null; unit: UnitRow };
  handler: UnitRow;
  status: string;
  signDueAt: Date;
  dueAt: Date;
  externalRef: string | null;
  now: Date;
  /** The notice to the handling unit's people: in the app, and by phone for those with a number. */
  notice: { subject: string; body: string };
}

function matterRow(m: NewMatter): Record<string, unknown> {
  const { attachments: _files, target_unit: _target, ...fields } = m.report;
  return {
    ...fields,
    unit: m.actor.unit.id,
    unit_path: m.actor.unit.path,
    initiator: m.actor.user,
    handler_unit: m.handler.id,
    status: m.status,
    route: JSON.stringify([m.actor.unit.id, m.handler.id]),
    sign_due_at: m.signDueAt,
    due_at: m.dueAt,
    version: 1,
    external_ref: m.externalRef,
    date_created: m.now,
  };
}

/** Writes the matter, its attachments, participants and first step, and tells the handling unit; returns its id and number. */
export async function insertMatter(db: Knex, m: NewMatter): Promise<{ id: number; number: string }> {
  return db.client.config.client === 'pg' ? insertMatterPg(db, m) : insertMatterSteps(db, m);
}

/** Any database: one statement after another in a transaction. */
async function insertMatterSteps(db: Knex, m: NewMatter): Promise<{ id: number; number: string }> {
  return db.transaction(async (trx) => {
    const [counter] = await trx('matter_counters').insert({ key: m.counterKey, value: 1 }).onConflict('key').merge({ value: trx.raw('?? + 1', ['matter_counters.value']) }).returning('value');
    const number = numberInDay(m.counterKey, Number(typeof counter === 'object' ? counter.value : counter));
    const [inserted] = await trx('matters').insert({ ...matterRow(m), number }).returning('id');
    const id = Number(typeof inserted === 'object' ? inserted.id : inserted);
    if (m.report.attachments.length) await trx('matters_files').insert(m.report.attachments.map((file) => ({ matters_id: id, directus_files_id: file })));
    await trx('matter_participants').insert([m.actor.unit, m.handler].map((u) => ({ matter: id, unit: u.id, unit_path: u.path })));
    await trx('matter_steps').insert(firstStep(m, id));
    await notifyUnit(trx, { unit: m.handler.id, matter: id, ...m.notice, now: m.now });
    return { id, number };
  });
}

function firstStep(m: NewMatter, id: number | Knex.Raw): Record<string, unknown> {
  return { matter: id, action: 'report', actor: m.actor.user, actor_unit: m.actor.unit.id, from_unit: m.actor.unit.id, to_unit: m.handler.id, status_after: m.status, attachments: JSON.stringify(m.report.attachments), date_created: m.now };
}

/**
 * PostgreSQL: the same rows in one statement (data-modifying WITH clauses run
 * as one atomic statement), so a report is a single round trip. The number is
 * formatted as numberInDay does; the INSERT … VALUES statements give the parameters
 * their column types.
 */
async function insertMatterPg(db: Knex, m: NewMatter): Promise<{ id: number; number: string }> {
  const row = matterRow(m);
  const columns = Object.keys(row);
  const id = db.raw('(SELECT id FROM m)');
  const matterValues = db.raw(`(${columns.map(() => '?').join(', ')}, ? || '-' || (SELECT CASE WHEN value < 10000 THEN lpad(value::text, 4, '0') ELSE value::text END FROM c))`, [...Object.values(row), m.counterKey]);
  const step = firstStep(m, id);
  const parts: [string, Knex.Raw | Knex.QueryBuilder][] = [
    ['c', db('matter_counters').insert({ key: m.counterKey, value: 1 }).onConflict('key').merge({ value: db.raw('?? + 1', ['matter_counters.value']) }).returning('value')],
    ['m', db.raw(`INSERT INTO matters (${[...columns, 'number'].map((c) => `"${c}"`).join(', ')}) VALUES ? RETURNING id, number`, [matterValues])],
    ['p', db('matter_participants').insert([m.actor.unit, m.handler].map((u) => ({ matter: id, unit: u.id, unit_path: u.path })))],
    ['s', db('matter_steps').insert(step)],
    ['u', unitRecipients(db, m.handler.id)],
    ['n', db.raw(`INSERT INTO directus_notifications (recipient, subject, message, collection, item, status, timestamp) SELECT u.id, ?::text, ?::text, 'matters', m.id::text, 'inbox', ?::timestamptz FROM u, m`, [m.notice.subject, m.notice.body, m.now])],
    ['ph', db.raw(`INSERT INTO phone_messages (recipient, phone, body, status, attempts) SELECT u.id, u.phone, ?::text, 'pending', 0 FROM u WHERE u.phone IS NOT NULL AND u.phone <> ''`, [m.notice.body])],
  ];
  if (m.report.attachments.length) parts.push(['f', db.raw('INSERT INTO matters_files (matters_id, directus_files_id) SELECT m.id, f::uuid FROM m, unnest(?::text[]) AS f', [m.report.attachments])]);
  const sql = `WITH ${parts.map(([name]) => `${name} AS (?)`).join(', ')} SELECT id, number FROM m`;
  const { rows } = await db.raw(sql, parts.map(([, part]) => part));
  return { id: Number(rows[0].id), number: rows[0].number };
}

/** A unique column refused the row (the same client_ref or external reference sent twice at once). */
export function isUniqueViolation(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  return code === '23505' || code === 'RECORD_NOT_UNIQUE' || (code === 'SQLITE_CONSTRAINT' && /UNIQUE/.test(message ?? ''));
}
