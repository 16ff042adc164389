// Re-sealing personal numbers under the current key (npm run keys:rotate), in
// batches and resumable: a batch is found by what is stored (values not sealed
// under the current key, or stored before encryption), so a run stopped at any
// point is finished by the next one. A row changed by someone else while it was
// re-sealed is left to the next pass (the update names the values it read).

import type { Knex } from 'knex';
import { SEALED_PERSONAL_FIELDS } from '../../schema/collections/people.ts';
import { isSealed, SealBroken, sealedPrefix } from '../../extensions/kernel/personal-cipher.ts';
import type { PersonalVault } from '../../extensions/kernel/personal-vault.ts';

/** Tables whose `data` holds a submitted record with sealed personal numbers (registries' submissions; written once). */
const SUBMISSION_TABLES = ['submissions', 'submission_steps'];

/**
 * Rows of a submission table whose data names a personal field (json on PostgreSQL: compared as
 * text): those sealed under an older key, and those stored in the clear before encryption.
 */
const withPersonalData = (db: Knex, table: string) =>
  db(table).where((q) => {
    for (const field of SEALED_PERSONAL_FIELDS.fields.people!) q.orWhereRaw('CAST(?? AS TEXT) LIKE ?', ['data', `%"${field}"%`]);
  });

/** A submission row's data, as SQLite (text) or PostgreSQL (json) hands it back. */
const dataOf = (row: { data: unknown }): Record<string, unknown> | null => {
  const data = typeof row.data === 'string' ? JSON.parse(row.data) : row.data;
  return data && typeof data === 'object' ? (data as Record<string, unknown>) : null;
};

/** The personal numbers a submission's data holds sealed under an older key, or in the clear. */
const staleFields = (vault: PersonalVault, data: Record<string, unknown> | null): string[] =>
  data
    ? SEALED_PERSONAL_FIELDS.fields.people!.filter((f) => typeof data[f] === 'string' && data[f] !== '' && !vault.isCurrent(data[f]))
    : [];

export interface RotationReport {
  resealed: number;
  /** Rows (`people:12`, `submissions:3`) whose values no longer open with any key given: left as they are. */
  broken: string[];
  /** Rows still not under the current key (changed meanwhile, or broken). */
  remaining: number;
}

/** Rows of `table` with a sealed field not under the current key, or an ID number without its index: the work left. */
function notCurrent(db: Knex, vault: PersonalVault, table: string) {
  const current = `${sealedPrefix(vault.keys()[0]!)}%`;
  const fields = SEALED_PERSONAL_FIELDS.fields[table]!;
  const indexes = SEALED_PERSONAL_FIELDS.indexes[table] ?? {};
  return db(table).where((q) => {
    for (const field of fields) q.orWhere((w) => w.whereNotNull(field).whereNot(field, '').whereNot(field, 'like', current));
    for (const [field, index] of Object.entries(indexes)) q.orWhere((w) => w.whereNotNull(field).whereNot(field, '').whereNull(index));
  });
}

/** Re-seals one collection's rows, `batch` at a time, in id order from where the last batch ended. */
async function resealTable(db: Knex, vault: PersonalVault, table: string, batch: number, report: RotationReport): Promise<void> {
  const fields = SEALED_PERSONAL_FIELDS.fields[table]!;
  const indexes = Object.values(SEALED_PERSONAL_FIELDS.indexes[table] ?? {});
  let after = 0;
  for (;;) {
    const rows = await notCurrent(db, vault, table)
      .andWhere('id', '>', after)
      .orderBy('id')
      .limit(batch)
      .select(['id', ...fields, ...indexes]);
    if (!rows.length) return;
    after = rows.at(-1)!.id;
    await db.transaction(async (trx) => {
      for (const row of rows) {
        const clear: Record<string, unknown> = {};
        try {
          for (const field of fields) if (typeof row[field] === 'string' && row[field] !== '') clear[field] = vault.open(row[field]);
        } catch (error) {
          if (!(error instanceof SealBroken)) throw error;
          report.broken.push(`${table}:${row.id}`);
          continue;
        }
        const stored = Object.fromEntries(fields.map((f) => [f, row[f] ?? null]));
        const changed = await trx(table)
          .where('id', row.id)
          .where((q) => {
            for (const [f, v] of Object.entries(stored)) v === null ? q.whereNull(f) : q.where(f, v);
          })
          .update(vault.sealRecord(table, clear));
        report.resealed += changed;
      }
    });
  }
}

/** Re-seals the personal numbers a submission's data carries. */
async function resealSubmissions(db: Knex, vault: PersonalVault, report: RotationReport): Promise<void> {
  for (const table of SUBMISSION_TABLES) {
    const rows = await withPersonalData(db, table).select('id', 'data');
    for (const row of rows) {
      const data = dataOf(row);
      const stale = staleFields(vault, data);
      if (!data || !stale.length) continue;
      try {
        // Opening a value stored in the clear gives it back as it is.
        for (const f of stale) data[f] = vault.seal(vault.open(data[f] as string));
      } catch (error) {
        if (!(error instanceof SealBroken)) throw error;
        report.broken.push(`${table}:${row.id}`);
        continue;
      }
      report.resealed += await db(table)
        .where({ id: row.id })
        .update({ data: JSON.stringify(data) });
    }
  }
}

/** Counts what is left: rows and submissions not under the current key. */
async function remaining(db: Knex, vault: PersonalVault): Promise<number> {
  let left = 0;
  for (const table of Object.keys(SEALED_PERSONAL_FIELDS.fields))
    left += Number((await notCurrent(db, vault, table).count({ n: '*' }))[0]!.n);
  for (const table of SUBMISSION_TABLES)
    for (const row of await withPersonalData(db, table).select('data')) if (staleFields(vault, dataOf(row)).length) left += 1;
  return left;
}

/**
 * Brings every sealed value under the vault's current key (values stored in the clear are sealed and
 * indexed too), in passes until nothing is left or only what cannot be opened remains.
 */
export async function resealAll(db: Knex, vault: PersonalVault, batch = 500, passes = 5): Promise<RotationReport> {
  if (!vault.sealing) throw new Error('SEAL_PERSONAL_DATA=false: personal numbers are not sealed, there is nothing to rotate');
  const report: RotationReport = { resealed: 0, broken: [], remaining: 0 };
  for (let pass = 0; pass < passes; pass++) {
    report.broken = [];
    for (const table of Object.keys(SEALED_PERSONAL_FIELDS.fields)) await resealTable(db, vault, table, batch, report);
    await resealSubmissions(db, vault, report);
    report.remaining = await remaining(db, vault);
    if (report.remaining <= report.broken.length) break;
  }
  return report;
}

/**
 * After an upgrade: numbers stored before encryption (an ID number without its index) are sealed
 * and indexed, so that look-ups find them; nothing to do, and one quick query, otherwise.
 */
export async function sealStoredInClear(db: Knex, vault: PersonalVault): Promise<number> {
  if (!vault.sealing) return 0;
  for (const [table, indexes] of Object.entries(SEALED_PERSONAL_FIELDS.indexes))
    for (const [field, index] of Object.entries(indexes)) {
      const clear = await db(table).whereNotNull(field).whereNot(field, '').whereNull(index).first('id');
      if (clear) return (await resealAll(db, vault)).resealed;
    }
  return 0;
}
