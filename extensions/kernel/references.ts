// The reference rule of the jurisdiction: Directus does not check that a
// many-to-one points at an item the caller may read. An item under the
// jurisdiction rule may refer only to items within the caller's jurisdiction
// (a tenant to a person of ours, a service record to our object) or to items of
// the caller's own superiors (a grid's patrol on the community's route).

import { InvalidPayloadError } from '@directus/errors';
import type { Accountability, SchemaOverview } from '@directus/types';
import type { Knex } from 'knex';
import { COLLECTIONS } from '../../schema/index.ts';
import { pathCarriers } from './moves.ts';

/** Collections that carry a unit path but whose references the jurisdiction hook checks itself (a unit's parent, a user's unit). */
const NOT_ITEMS = new Set(['units', 'directus_users']);

/** Collections under the jurisdiction rule whose items refer to each other, with the field holding each one's path. */
export const SCOPE_PATHS: ReadonlyMap<string, string> = new Map(
  COLLECTIONS.filter((c) => c.scopePath && !NOT_ITEMS.has(c.collection)).map((c) => [c.collection, c.scopePath!]),
);

/** Directus hands the same schema object to every request until the schema changes. */
const scopesBySchema = new WeakMap<SchemaOverview, ReadonlyMap<string, string>>();

/**
 * SCOPE_PATHS and the collections an administrator put under the rule in Studio (辖区规则: a
 * `unit_path` field the schema holds), for the schema in force.
 */
export function scopePathsOf(schema: SchemaOverview): ReadonlyMap<string, string> {
  const known = scopesBySchema.get(schema);
  if (known) return known;
  const ruled = pathCarriers(schema)
    .filter((c) => !SCOPE_PATHS.has(c) && !NOT_ITEMS.has(c))
    .map((c) => [c, 'unit_path'] as const);
  const scopes = ruled.length ? new Map([...SCOPE_PATHS, ...ruled]) : SCOPE_PATHS;
  scopesBySchema.set(schema, scopes);
  return scopes;
}

type Payload = Record<string, unknown>;

/** A many-to-one of the payload that points at an item under the jurisdiction rule. */
export interface Reference {
  field: string;
  collection: string;
  key: number | string;
}

type ItemsServiceClass = new (
  collection: string,
  options: { schema: SchemaOverview; accountability: Accountability | null; knex?: Knex },
) => {
  readOne(id: number | string, query?: Record<string, unknown>, opts?: { emitEvents?: boolean }): Promise<unknown>;
};

/**
 * The references `payload` makes to scoped collections (`scopePaths`: collection →
 * its path field); a reference that is not a key (a nested object creating an item) is a problem.
 */
export function scopedReferences(
  relations: SchemaOverview['relations'],
  scopePaths: ReadonlyMap<string, string>,
  collection: string,
  payload: Payload,
): Reference[] {
  const references: Reference[] = [];
  for (const relation of relations) {
    if (relation.collection !== collection || !relation.related_collection || !scopePaths.has(relation.related_collection)) continue;
    const value = payload[relation.field];
    if (value === undefined || value === null) continue;
    // Scoped items have integer keys; anything else would reach the database as it is (PostgreSQL fails on it).
    if (!isIntegerKey(value)) throw new InvalidPayloadError({ reason: `“${relation.field}”请填写编号` });
    references.push({ field: relation.field, collection: relation.related_collection, key: value });
  }
  return references;
}

/** An integer key as JSON carries it: a safe integer or its digits. */
export function isIntegerKey(value: unknown): value is number | string {
  return (typeof value === 'number' && Number.isSafeInteger(value)) || (typeof value === 'string' && /^\d{1,15}$/.test(value));
}

/** Whether an item with path `itemPath` belongs to a unit above (or at) the caller's, whose path is `callerPath`. */
export function isOfSuperiors(itemPath: unknown, callerPath: unknown): boolean {
  return typeof itemPath === 'string' && typeof callerPath === 'string' && callerPath.startsWith(itemPath);
}

export async function refuseForeignReferences(
  db: Knex,
  ItemsService: ItemsServiceClass,
  schema: SchemaOverview,
  accountability: Accountability | null | undefined,
  scopePaths: ReadonlyMap<string, string>,
  collection: string,
  payload: Payload,
): Promise<void> {
  if (!accountability || accountability.admin) return;
  for (const { field, collection: related, key } of scopedReferences(schema.relations, scopePaths, collection, payload)) {
    if (await readable(db, ItemsService, schema, accountability, related, key)) continue;
    const [item, me] = await Promise.all([
      db(related).where({ id: key }).first(scopePaths.get(related)!),
      accountability.user ? db('directus_users').where({ id: accountability.user }).first('unit_path') : undefined,
    ]);
    if (!isOfSuperiors(item?.[scopePaths.get(related)!], me?.unit_path))
      throw new InvalidPayloadError({ reason: `“${field}”所指的记录（${key}）不存在或不在您的辖区内` });
  }
}

/** Whether the caller may read the item (a check: no read events, nothing logged). */
async function readable(
  db: Knex,
  ItemsService: ItemsServiceClass,
  schema: SchemaOverview,
  accountability: Accountability,
  collection: string,
  key: number | string,
): Promise<boolean> {
  try {
    // Inside a hook, read through its transaction: SQLite has one connection.
    await new ItemsService(collection, { schema, accountability, knex: db }).readOne(key, { fields: ['id'] }, { emitEvents: false });
    return true;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FORBIDDEN' || code === 'ROUTE_NOT_FOUND') return false;
    throw error;
  }
}
