// Moving a unit to a new parent: its path, the paths of every unit below it,
// of the users who work there and of every item that carries a unit path change
// together, in the caller's transaction.

import { InvalidPayloadError } from '@directus/errors';
import type { SchemaOverview } from '@directus/types';
import type { Knex as KnexType } from 'knex';
import { childPath, moveProblem, type TreeUnit } from './unit-path.ts';

export type Knex = KnexType;

export interface UnitRow extends TreeUnit {
  id: number;
  name: string;
  parent: number | null;
}

/** Collections other than units whose rows carry a `unit_path` (users included). */
export function pathCarriers(schema: SchemaOverview): string[] {
  return Object.values(schema.collections)
    .filter((c) => c.collection !== 'units' && 'unit_path' in c.fields)
    .map((c) => c.collection);
}

interface MoveOptions {
  carriers: string[];
  /** Writes the unit's own parent and path with the acting user's permissions. */
  checkedUpdate: (id: number, changes: { parent: number | null; path: string }) => Promise<unknown>;
  /** Rebases paths held otherwise than in a `unit_path` column, in the same transaction. */
  rebaseMore?: (trx: Knex, from: string, to: string) => Promise<unknown>;
}

export async function moveUnit(trx: Knex, unit: UnitRow, newParentId: number | null, options: MoveOptions): Promise<string> {
  const newParent: UnitRow | undefined = newParentId === null ? undefined : await trx('units').where({ id: newParentId }).first();
  if (newParentId !== null && !newParent) throw new InvalidPayloadError({ reason: `上级单位“${newParentId}”不存在` });
  const oldPath = unit.path;
  const newPath = childPath(newParent?.path ?? null, unit.code);

  // Permission before the tree rules, so that someone who may not move the unit
  // learns nothing more; a refusal below rolls this back with the transaction.
  try {
    await options.checkedUpdate(unit.id, { parent: newParentId, path: newPath });
  } catch (error) {
    if ((error as { code?: string }).code === 'RECORD_NOT_UNIQUE')
      throw new InvalidPayloadError({ reason: `新的上级单位下已有编码为“${unit.code}”的单位` });
    throw error;
  }
  const problem = moveProblem(unit, newParent ?? null);
  if (problem) throw new InvalidPayloadError({ reason: problem });

  // Codes never hold `_` or `%`, so the prefix is a literal LIKE pattern.
  const rebase = (table: string, column: string) =>
    trx(table)
      .where(column, 'like', `${oldPath}%`)
      .update({ [column]: trx.raw(`? || substr(??, ?)`, [newPath, column, oldPath.length + 1]) });
  // The unit's own row already holds newPath, which cannot start with oldPath.
  await rebase('units', 'path');
  for (const carrier of options.carriers) await rebase(carrier, 'unit_path');
  // Paths kept in other shapes (a matter's list of the units it passed through), by their owners.
  await options.rebaseMore?.(trx, oldPath, newPath);
  return newPath;
}
