// 辖区规则 in Studio: a row of `jurisdiction_rules` puts a collection an administrator
// made under the jurisdiction rule (schema/ruled-collections.ts). A rule is checked
// before it is stored (a clear refusal, nothing written). Once stored, changed or
// deleted, the collection gets the fields, the relation and the path index a built-in
// collection under the rule has, and the rules' policies get exactly the permissions
// `rulePolicies` computes from all rules, as schema apply computes them; the rule's
// state then says whether it took effect. The unit path itself is kept by the
// jurisdiction hook for every collection with a `unit_path` field.

import type { HookConfig } from '@directus/extensions';
import { InvalidPayloadError } from '@directus/errors';
import { COLLECTIONS } from '../../../schema/index.ts';
import { FOLDERS } from '../../../schema/folders.ts';
import { permissionPlan } from '../../../schema/reconcile.ts';
import {
  isEntryPreset,
  type JurisdictionRule,
  type ModelView,
  RULES_COLLECTION,
  ruledFields,
  ruledRelation,
  ruleProblem,
  rulePolicies,
  ruleState,
} from '../../../schema/ruled-collections.ts';
import { PATH_FIELD, UNIT_FIELD } from '../../../schema/jurisdiction.ts';
import { prefixIndexSql } from '../../kernel/path-index.ts';

type Register = Parameters<HookConfig>[0];
type Context = Parameters<HookConfig>[1];
type Schema = Awaited<ReturnType<Context['getSchema']>>;
type Row = Record<string, any>;

const DECLARED = new Set([...COLLECTIONS.map((c) => c.collection), ...FOLDERS.map((f) => f.collection)]);
const WRITABLE = new Set(['collection', 'entry']);

const refuse = (reason: string) => new InvalidPayloadError({ reason });

function modelOf(schema: Schema): ModelView {
  return {
    collections: schema.collections as unknown as ModelView['collections'],
    relatedCollection: (collection, field) =>
      schema.relations.find((r) => r.collection === collection && r.field === field)?.related_collection,
    declared: DECLARED,
  };
}

/** Only the collection and the preset are the administrator's to send; the state is the system's. */
function checkKeys(payload: unknown): Row {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw refuse('辖区规则须为一条记录');
  const extra = Object.keys(payload).find((k) => !WRITABLE.has(k));
  if (extra !== undefined) throw refuse(extra === 'state' ? '“状态”由系统填写，请勿提交' : `辖区规则没有字段“${extra.slice(0, 64)}”`);
  return payload as Row;
}

export function registerRules({ filter, action }: Pick<Register, 'filter' | 'action'>, { services, database, getSchema }: Context): void {
  filter(`${RULES_COLLECTION}.items.create`, async (input, _meta, { schema }) => {
    const payload = checkKeys(input);
    const problem = ruleProblem(payload, modelOf(schema ?? (await getSchema())));
    if (problem) throw refuse(problem);
    return payload;
  });

  filter(`${RULES_COLLECTION}.items.update`, async (input, meta, { schema, database: db }) => {
    const payload = checkKeys(input);
    const model = modelOf(schema ?? (await getSchema()));
    const rows = (await db(RULES_COLLECTION).whereIn('collection', (meta.keys ?? []) as string[])) as Row[];
    for (const row of rows) {
      if ('collection' in payload && payload.collection !== row.collection)
        throw refuse('辖区规则的数据集不能更改；请删除本条，再为另一个数据集新建一条');
      const problem = ruleProblem({ collection: row.collection, entry: payload.entry ?? row.entry }, model);
      if (problem) throw refuse(problem);
    }
    return payload;
  });

  // One change at a time, each reading every rule as stored after it.
  let running: Promise<void> = Promise.resolve();
  const applyAfter = (changed: string[]) => {
    running = running.then(() => applyRules(changed)).catch((error) => console.error(`jurisdiction rules: ${(error as Error).message}`));
  };
  action(`${RULES_COLLECTION}.items.create`, ({ key }) => applyAfter([String(key)]));
  action(`${RULES_COLLECTION}.items.update`, ({ keys }) => applyAfter((keys as unknown[]).map(String)));
  action(`${RULES_COLLECTION}.items.delete`, () => applyAfter([]));

  /** Brings the changed rules' collections and every rule's permissions to what the rules say; records each rule's state. */
  async function applyRules(changed: string[]): Promise<void> {
    const rows = (await database(RULES_COLLECTION).select('collection', 'entry', 'state')) as Row[];
    const failed = new Map<string, string>();
    let schema = await getSchema();
    for (const name of changed) {
      const row = rows.find((r) => r.collection === name);
      if (!row || !schema.collections[name]) continue;
      try {
        schema = await equip(name, schema);
      } catch (error) {
        failed.set(name, (error as Error).message);
      }
    }
    const rules = rows.filter(
      (r) => schema.collections[r.collection] && isEntryPreset(r.entry) && !failed.has(r.collection),
    ) as JurisdictionRule[];
    await grant(rules, schema);
    for (const row of rows) {
      const reason = failed.get(row.collection);
      const state = reason
        ? `未生效：${reason}`.slice(0, 255)
        : ruleState(row as JurisdictionRule, Boolean(schema.collections[row.collection]));
      if (state !== row.state) await database(RULES_COLLECTION).where({ collection: row.collection }).update({ state });
    }
  }

  /** The unit relation, the path, its index and the paths of rows stored before: what every collection under the rule has. */
  async function equip(name: string, before: Schema): Promise<Schema> {
    const fieldsService = new services.FieldsService({ knex: database, schema: before, accountability: null });
    for (const field of ruledFields())
      if (!before.collections[name]!.fields[field.field]) await fieldsService.createField(name, field as never);
    let schema = await getSchema();
    const relation = ruledRelation(name);
    if (!schema.relations.some((r) => r.collection === name && r.field === relation.field)) {
      await new services.RelationsService({ knex: database, schema, accountability: null }).createOne(relation as never);
      schema = await getSchema();
    }
    await database.raw(prefixIndexSql(database.client.config.client as string, name, PATH_FIELD));
    await database(name)
      .whereNotNull(UNIT_FIELD)
      .update({
        [PATH_FIELD]: database('units')
          .select('path')
          .where('units.id', database.ref(`${name}.${UNIT_FIELD}`)),
      });
    return schema;
  }

  /** The rules' policies hold exactly the permissions the rules give. */
  async function grant(rules: JurisdictionRule[], schema: Schema): Promise<void> {
    const policies = rulePolicies(rules);
    const wanted = policies.flatMap((p) => p.permissions.map((permission) => ({ ...permission, policy: p.id })));
    const service = new services.PermissionsService({ knex: database, schema, accountability: null });
    const stored = (await service.readByQuery({ filter: { policy: { _in: policies.map((p) => p.id) } }, limit: -1 })) as Row[];
    const plan = permissionPlan(stored, wanted);
    if (plan.create.length) await service.createMany(plan.create as never);
    for (const { id, changes } of plan.update) await service.updateOne(id, changes);
    if (plan.remove.length) await service.deleteMany(plan.remove);
  }
}
