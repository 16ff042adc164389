// The registries' side of 国密 at rest: people's personal numbers are sealed as
// they are written and opened as they are read (kernel/personal-vault.ts), and
// every look-up by ID number runs on the blind index. What reads the table with
// SQL (look-up, imports, comparisons, the duplicate check) goes through here.

import type { Knex } from 'knex';
import { SEALED_PERSONAL_FIELDS } from '../../../schema/collections/people.ts';
import { personalVault, type PersonalVault } from '../../kernel/personal-vault.ts';

export type { PersonalVault };

/** The vault of this process, from Directus's environment. */
export const vaultOf = (env: Record<string, unknown>): PersonalVault => personalVault(env, SEALED_PERSONAL_FIELDS);

/** The ID number's blind index column. */
export const ID_INDEX = SEALED_PERSONAL_FIELDS.indexes.people!.id_number!;

/** A stored row read back with SQL: its personal numbers opened (an altered one reads as null, and is logged). */
export function openRow<T extends Record<string, unknown>>(vault: PersonalVault, collection: string, row: T): T {
  return vault.openRecord(collection, row, (field) => console.warn(`${collection} ${String(row.id)}: ${field} does not open (altered?)`));
}

/** A stored person read back with SQL, opened. */
export const openPerson = <T extends Record<string, unknown>>(vault: PersonalVault, row: T): T => openRow(vault, 'people', row);

/**
 * Rows of a registry whose `field` is one of `keys` (normalised: upper case), opened, by key: through
 * the blind index where the field is sealed (people's ID numbers), by the column itself otherwise.
 */
export async function rowsByKey(
  db: Knex,
  vault: PersonalVault,
  collection: string,
  field: string,
  keys: string[],
  columns: string[] = ['*'],
  batch = 500,
): Promise<Map<string, Record<string, any>>> {
  const index = SEALED_PERSONAL_FIELDS.indexes[collection]?.[field];
  const found = new Map<string, Record<string, any>>();
  for (let i = 0; i < keys.length; i += batch) {
    const chunk = keys.slice(i, i + batch);
    const query = db(collection).select(columns.includes('*') ? '*' : [...new Set([...columns, field])]);
    const rows = await (index
      ? query.whereIn(
          index,
          chunk.flatMap((k) => vault.indexes(k)),
        )
      : query.whereIn(field, chunk));
    for (const row of rows) {
      const opened = openRow(vault, collection, row);
      if (opened[field] !== null && opened[field] !== undefined) found.set(String(opened[field]).toUpperCase(), opened);
    }
  }
  return found;
}

/** People whose ID number is one of `numbers` (normalised), opened, by number. */
export const peopleByNumber = (db: Knex, vault: PersonalVault, numbers: string[], columns: string[] = ['*'], batch = 500) =>
  rowsByKey(db, vault, 'people', 'id_number', numbers, columns, batch);

/**
 * A submission's data as stored (采集待审): the personal numbers it carries sealed like the
 * record's, without an index (a submission is not looked up by number); opened on approval and on reading.
 */
export function sealedSubmission(vault: PersonalVault, data: Record<string, unknown>): Record<string, unknown> {
  const sealed = vault.sealRecord('people', data);
  delete sealed[ID_INDEX];
  return sealed;
}
