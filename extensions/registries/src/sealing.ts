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

/** A stored person read back with SQL: personal numbers opened (an altered one reads as null, and is logged). */
export function openPerson<T extends Record<string, unknown>>(vault: PersonalVault, row: T): T {
  return vault.openRecord('people', row, (field) => console.warn(`people ${String(row.id)}: ${field} does not open (altered?)`));
}

/** People whose ID number is one of `numbers` (normalised), opened, in batches of the index look-up. */
export async function peopleByNumber(
  db: Knex,
  vault: PersonalVault,
  numbers: string[],
  columns: string[] = ['*'],
  batch = 500,
): Promise<Map<string, Record<string, any>>> {
  const found = new Map<string, Record<string, any>>();
  for (let i = 0; i < numbers.length; i += batch) {
    const indexes = numbers.slice(i, i + batch).flatMap((n) => vault.indexes(n));
    const rows = await db('people')
      .whereIn(ID_INDEX, indexes)
      .select(columns.includes('*') ? '*' : [...new Set([...columns, 'id_number'])]);
    for (const row of rows) {
      const person = openPerson(vault, row);
      if (typeof person.id_number === 'string') found.set(person.id_number, person);
    }
  }
  return found;
}

/**
 * A submission's data as stored (采集待审): the personal numbers it carries sealed like the
 * record's, without an index (a submission is not looked up by number); opened on approval and on reading.
 */
export function sealedSubmission(vault: PersonalVault, data: Record<string, unknown>): Record<string, unknown> {
  const sealed = vault.sealRecord('people', data);
  delete sealed[ID_INDEX];
  return sealed;
}
