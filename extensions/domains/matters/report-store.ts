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
import type { UnitRow } from '../../kernel/actor.ts';
import { notify, notifyClauses } from '../../kernel/notify.ts';
import { PARTICIPANT_PATHS, participantPaths } from './participant-paths.ts';
import { numberInDay, type Report } from './report.ts';
import { DEFAULT_MAX_EXTENSION_DAYS } from './vocabulary.ts';
import type { DeadlinePolicy } from './deadlines.ts';

const UNIT_COLUMNS = ['id', 'name', 'parent', 'kind', 'level', 'path'] as const;

const contextTexts = new Map<string, string>();
/**
 * The statement of reportContext, one text per shape (asked by a user or for a
 * unit; handled by the parent or a named unit), so that PostgreSQL prepares it
 * once. Parameters: [handler], category, grid, type, urgency, client_ref, user or unit.
 */
function contextSql(byUser: boolean, toParent: boolean): string {
  const key = `${byUser}${toParent}`;
  let sql = contextTexts.get(key);
  if (sql) return sql;
  const units = (alias: string, prefix: string) => UNIT_COLUMNS.map((c) => `${alias}.${c} AS ${prefix}_${c}`).join(', ');
  sql = [
    `SELECT ${units('au', 'actor')}, ${units('hu', 'handler')}, cat.id AS category_id, grid.level AS grid_level, grid.path AS grid_path,`,
    'pol.id AS policy_id, pol.sign_amount, pol.sign_unit, pol.complete_amount, pol.complete_unit, pol.max_extension_days, pol.pausable,',
    `earlier.id AS earlier_id, earlier.initiator AS earlier_initiator${byUser ? ', usr.role AS user_role' : ''}`,
    byUser ? 'FROM directus_users usr JOIN units au ON au.id = usr.unit' : 'FROM units au',
    `LEFT JOIN units hu ON hu.id = ${toParent ? 'au.parent' : '?'}`,
    'LEFT JOIN matter_categories cat ON cat.id = ?',
    'LEFT JOIN units grid ON grid.id = ?',
    'LEFT JOIN deadline_policies pol ON pol.matter_type = ? AND pol.urgency = ?',
    'LEFT JOIN matters earlier ON earlier.client_ref = ?',
    `WHERE ${byUser ? 'usr.id' : 'au.id'} = ? LIMIT 1`,
  ].join(' ');
  contextTexts.set(key, sql);
  return sql;
}

export function policyOf(row: Record<string, any>): DeadlinePolicy {
  return {
    sign: { amount: row.sign_amount, unit: row.sign_unit },
    complete: { amount: row.complete_amount, unit: row.complete_unit },
    maxExtensionDays: row.max_extension_days ?? DEFAULT_MAX_EXTENSION_DAYS,
    pausable: Boolean(row.pausable),
  };
}

export interface ReportContext {
  /** The reporting user's unit and role (when asked by user); absent when the user has no unit. */
  actor?: { unit: UnitRow; role: string | null };
  /** The unit the report goes to: the actor's parent (upward types) or the target unit; absent when there is none. */
  handler?: UnitRow;
  categoryExists: boolean;
  /** The level of the report's grid unit, when it names one that exists. */
  gridLevel: string | null;
  /** That grid's unit path. */
  gridPath: string | null;
  policy?: DeadlinePolicy;
  /** The matter raised earlier with the report's client_ref, if any. */
  earlier?: { id: number; initiator: string | null };
}

/**
 * Everything a report is checked against, in one statement: the acting user's
 * unit (or the given unit's), the handling unit, the category, the grid and the
 * deadline policy.
 */
export async function reportContext(
  db: Knex,
  by: { user: string } | { unit: number },
  report: Report,
  handlerId: 'parent' | number | null,
): Promise<ReportContext> {
  const byUser = 'user' in by;
  const sql = contextSql(byUser, handlerId === 'parent');
  const values = [
    ...(handlerId === 'parent' ? [] : [handlerId]),
    report.category,
    report.grid,
    report.type,
    report.urgency,
    report.client_ref,
    byUser ? by.user : by.unit,
  ];
  const [row] = await statement(
    db,
    sql,
    values.map((v) => v ?? null),
  );
  if (!row) return { categoryExists: false, gridLevel: null, gridPath: null };
  const unit = (prefix: string): UnitRow | undefined =>
    row[`${prefix}_id`] == null
      ? undefined
      : (Object.fromEntries(UNIT_COLUMNS.map((c) => [c, row[`${prefix}_${c}`]])) as unknown as UnitRow);
  return {
    actor: { unit: unit('actor')!, role: row.user_role ?? null },
    handler: unit('handler'),
    categoryExists: row.category_id !== null,
    gridLevel: row.grid_level ?? null,
    gridPath: row.grid_path ?? null,
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
  /** When its light turns yellow (lights.ts yellowAt), computed beforehand. */
  yellowAt: Date | null;
  externalRef: string | null;
  now: Date;
  /** The notice to the handling unit's people: in the app, and by phone for those with a number. */
  notice: { subject: string; body: string };
}

/** The report's own columns of a matter (attachments and target unit are stored otherwise). */
const REPORT_COLUMNS = [
  'type',
  'title',
  'category',
  'urgency',
  'source',
  'occurred_at',
  'address',
  'latitude',
  'longitude',
  'grid',
  'people_involved',
  'description',
  'measures',
  'to_dalianqin',
  'client_ref',
] as const satisfies readonly (keyof Report)[];

/** A new matter's row, as every writer of matters builds it (the report, 大联勤, bench:matters). */
export function matterRow(m: Omit<NewMatter, 'counterKey' | 'notice'>): Record<string, unknown> {
  return {
    // The fields an administrator added (admin-fields.ts, checked by parseReport); ours below take precedence.
    ...m.report.extra,
    ...Object.fromEntries(REPORT_COLUMNS.map((c) => [c, m.report[c]])),
    unit: m.actor.unit.id,
    unit_path: m.actor.unit.path,
    initiator: m.actor.user,
    handler_unit: m.handler.id,
    status: m.status,
    route: JSON.stringify([m.actor.unit.id, m.handler.id]),
    sign_due_at: m.signDueAt,
    due_at: m.dueAt,
    yellow_at: m.yellowAt,
    version: 1,
    external_ref: m.externalRef,
    date_created: m.now,
    [PARTICIPANT_PATHS]: participantPaths([m.actor.unit.path, m.handler.path]),
  };
}

/** Writes the matter, its attachments, participants and first step, and tells the handling unit; returns its id and number. */
export async function insertMatter(db: Knex, m: NewMatter): Promise<{ id: number; number: string }> {
  return db.client.config.client === 'pg' ? insertMatterPg(db, m) : insertMatterSteps(db, m);
}

/** Any database: one statement after another in a transaction. */
async function insertMatterSteps(db: Knex, m: NewMatter): Promise<{ id: number; number: string }> {
  return db.transaction(async (trx) => {
    const [counter] = await trx('matter_counters')
      .insert({ key: m.counterKey, value: 1 })
      .onConflict('key')
      .merge({ value: trx.raw('?? + 1', ['matter_counters.value']) })
      .returning('value');
    const number = numberInDay(m.counterKey, Number(typeof counter === 'object' ? counter.value : counter));
    const [inserted] = await trx('matters')
      .insert({ ...matterRow(m), number })
      .returning('id');
    const id = Number(typeof inserted === 'object' ? inserted.id : inserted);
    if (m.report.attachments.length)
      await trx('matters_files').insert(m.report.attachments.map((file) => ({ matters_id: id, directus_files_id: file })));
    await trx('matter_participants').insert([m.actor.unit, m.handler].map((u) => ({ matter: id, unit: u.id, unit_path: u.path })));
    await trx('matter_steps').insert(firstStep(m, id));
    await notify(trx, { units: [m.handler.id], about: { collection: 'matters', item: id }, ...m.notice, phone: true, now: m.now });
    return { id, number };
  });
}

function firstStep(m: NewMatter, id: number): Record<string, unknown> {
  return {
    matter: id,
    action: 'report',
    actor: m.actor.user,
    actor_unit: m.actor.unit.id,
    from_unit: m.actor.unit.id,
    to_unit: m.handler.id,
    status_after: m.status,
    attachments: JSON.stringify(m.report.attachments),
    date_created: m.now,
  };
}

/** The columns of matterRow, in its order. */
const MATTER_COLUMNS = [
  ...REPORT_COLUMNS,
  'unit',
  'unit_path',
  'initiator',
  'handler_unit',
  'status',
  'route',
  'sign_due_at',
  'due_at',
  'yellow_at',
  'version',
  'external_ref',
  'date_created',
  PARTICIPANT_PATHS,
];

/**
 * PostgreSQL: the same rows in one statement (data-modifying WITH clauses run
 * as one atomic statement), so a report is a single round trip. The number is
 * formatted as numberInDay does; the INSERT … VALUES lists give the parameters
 * their column types. The handling unit is told as kernel/notify.ts tells it (notifyClauses).
 */
const INSERT_MATTER_PG = [
  'WITH c AS (INSERT INTO matter_counters (key, value) VALUES (?, 1) ON CONFLICT (key) DO UPDATE SET value = matter_counters.value + 1 RETURNING value),',
  `m AS (INSERT INTO matters (${[...MATTER_COLUMNS, 'number'].map((c) => `"${c}"`).join(', ')})`,
  `VALUES (${MATTER_COLUMNS.map(() => '?').join(', ')}, ? || '-' || (SELECT CASE WHEN value < 10000 THEN lpad(value::text, 4, '0') ELSE value::text END FROM c)) RETURNING id, number),`,
  'f AS (INSERT INTO matters_files (matters_id, directus_files_id) SELECT m.id, f::uuid FROM m, unnest(?::text[]) AS f),',
  'p AS (INSERT INTO matter_participants (matter, unit, unit_path) VALUES ((SELECT id FROM m), ?, ?), ((SELECT id FROM m), ?, ?)),',
  "s AS (INSERT INTO matter_steps (matter, action, actor, actor_unit, from_unit, to_unit, status_after, attachments, date_created) VALUES ((SELECT id FROM m), 'report', ?, ?, ?, ?, ?, ?, ?)),",
  notifyClauses('matters', '(SELECT id::text FROM m)'),
  'SELECT id, number FROM m',
].join(' ');

/** The matter's columns and their parameters as INSERT_MATTER_PG lists them. */
const matterInsert = (columns: readonly string[]) =>
  `INSERT INTO matters (${[...columns, 'number'].map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')}, `;
/** INSERT_MATTER_PG with the administrator's columns too (names checked in admin-fields.ts): one text, so one prepared statement, per set. */
const withExtraColumns = new Map<string, string>();
function insertMatterPgText(extra: readonly string[]): string {
  if (!extra.length) return INSERT_MATTER_PG;
  let sql = withExtraColumns.get(extra.join(','));
  if (!sql) {
    const plain = matterInsert(MATTER_COLUMNS);
    if (!INSERT_MATTER_PG.includes(plain)) throw new Error('report-store: the matter insert no longer lists its columns as expected');
    sql = INSERT_MATTER_PG.replace(plain, () => matterInsert([...MATTER_COLUMNS, ...extra]));
    withExtraColumns.set(extra.join(','), sql);
  }
  return sql;
}

async function insertMatterPg(db: Knex, m: NewMatter): Promise<{ id: number; number: string }> {
  const row = matterRow(m);
  const step = firstStep(m, 0);
  const extra = Object.keys(m.report.extra);
  const values = [
    m.counterKey,
    ...[...MATTER_COLUMNS, ...extra].map((c) => row[c]),
    m.counterKey,
    m.report.attachments,
    m.actor.unit.id,
    m.actor.unit.path,
    m.handler.id,
    m.handler.path,
    ...['actor', 'actor_unit', 'from_unit', 'to_unit', 'status_after', 'attachments', 'date_created'].map((c) => step[c]),
    m.handler.id,
    m.notice.subject,
    m.notice.body,
    m.now,
    m.notice.body,
  ];
  const [created] = await statement(
    db,
    insertMatterPgText(extra),
    values.map((v) => v ?? null),
  );
  return { id: Number(created!.id), number: String(created!.number) };
}

const preparedNames = new Map<string, { name: string; text: string }>();

/**
 * Runs one of this module's statements (`?` for each parameter). On PostgreSQL
 * as a named prepared statement: each pooled connection parses and plans it once,
 * and no query builder runs per report.
 */
async function statement(db: Knex, sql: string, values: unknown[]): Promise<Record<string, any>[]> {
  if (db.client.config.client !== 'pg') return db.raw(sql, values as Knex.RawBinding[]);
  let prepared = preparedNames.get(sql);
  if (!prepared) {
    let n = 0;
    prepared = { name: `matters_report_${preparedNames.size + 1}`, text: sql.replace(/\?/g, () => `$${++n}`) };
    preparedNames.set(sql, prepared);
  }
  const connection = await db.client.acquireConnection();
  try {
    return (await connection.query({ ...prepared, values })).rows;
  } finally {
    await db.client.releaseConnection(connection);
  }
}
