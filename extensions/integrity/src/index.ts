// Hook: what is stored holds to the schema as Directus holds it, for every
// collection (also those an administrator adds in Studio) and every caller,
// the Directus administrator and our own server code included; requests whose
// shape would break Directus itself are refused before they reach it.
// - items.create / items.update (and our fields on users): kernel/integrity.ts;
//   a primary key the server generates is never taken from a client;
// - items.delete / users.delete: not while other rows refer to the items by a
//   foreign key the database would refuse the delete for (kernel/delete-rule.ts);
// - items.query / users.query: no grouping or aggregating by a relational field
//   (REST, SEARCH and GraphQL alike);
// - before Directus reads the query: query parameters of the wrong kind;
// - before any route: bodies nested too deeply (Directus copies them recursively).
// The rules are read once per schema (a field changed in Studio makes a new schema).

import type { HookConfig } from '@directus/extensions';
import { InvalidPayloadError, InvalidQueryError } from '@directus/errors';
import type { SchemaOverview } from '@directus/types';
import type { NextFunction, Request, Response } from 'express';
import type { Knex } from 'knex';
import { blockingReferences, deleteRefusal } from '../../kernel/delete-rule.ts';
import { type FieldInfo, type FieldRule, fieldRule, writeProblems } from '../../kernel/integrity.ts';
import { isIntegerKey } from '../../kernel/references.ts';
import { COLLECTIONS } from '../../../schema/index.ts';
import { bodyProblem, groupingProblem, queryProblem } from '../../kernel/request-shape.ts';
import { isUuid } from '../../kernel/keys.ts';
import { jsonValue } from '../../kernel/db-values.ts';

type Rules = Map<string, Map<string, FieldRule>>;

/** The names of Directus's own collections that our data refers to. */
const SYSTEM_LABELS: Record<string, string> = { directus_users: '账号', directus_files: '文件', directus_roles: '角色' };
/** What to do instead of deleting what is referred to, where our schema says (`keepInstead`). */
const KEEP_INSTEAD = new Map(COLLECTIONS.flatMap((c) => (c.keepInstead ? [[c.collection, c.keepInstead] as const] : [])));

const hook: HookConfig = ({ filter, init }, { services, getSchema }) => {
  const loaded = new WeakMap<SchemaOverview, Promise<Rules>>();
  const collectionLabels = new WeakMap<SchemaOverview, Promise<Map<string, string>>>();

  /** Every collection's field rules, from Directus's own field descriptions (GET /fields). */
  async function load(schema: SchemaOverview, knex: Knex): Promise<Rules> {
    const fields = (await new services.FieldsService({ schema, knex }).readAll()) as FieldInfo[];
    const rules: Rules = new Map();
    for (const info of fields) {
      if (!rules.has(info.collection)) rules.set(info.collection, new Map());
      rules.get(info.collection)!.set(info.field, fieldRule(info, info.collection.startsWith('directus_')));
    }
    return rules;
  }

  async function rulesOf(schema: SchemaOverview | null, knex: Knex, collection: string): Promise<Map<string, FieldRule>> {
    const current = schema ?? (await getSchema());
    let rules = loaded.get(current);
    if (!rules) {
      rules = load(current, knex);
      loaded.set(current, rules);
      rules.catch(() => loaded.delete(current));
    }
    return (await rules).get(collection) ?? new Map();
  }

  const check =
    (action: 'create' | 'update', fixedCollection?: string) =>
    async (payload: unknown, meta: Record<string, any>, context: { database: Knex; schema: SchemaOverview | null }) => {
      const rules = await rulesOf(context.schema, context.database, fixedCollection ?? meta.collection);
      const problems = writeProblems(rules, payload, action);
      if (problems.length) throw new InvalidPayloadError({ reason: problems.join('；') });
      return payload;
    };

  /** The Chinese names of the collections (Studio's translations), read once per schema. */
  function collectionLabelsOf(schema: SchemaOverview, knex: Knex): Promise<Map<string, string>> {
    let labels = collectionLabels.get(schema);
    if (!labels) {
      labels = knex('directus_collections')
        .select('collection', 'translations')
        .then((rows: { collection: string; translations: unknown }[]) => {
          const map = new Map(Object.entries(SYSTEM_LABELS));
          for (const row of rows) {
            const list = jsonValue<{ language?: string; translation?: string }[]>(row.translations);
            const zh = Array.isArray(list) ? list.find((t) => t?.language === 'zh-CN')?.translation : undefined;
            if (typeof zh === 'string' && zh) map.set(row.collection, zh);
          }
          return map;
        });
      collectionLabels.set(schema, labels);
      labels.catch(() => collectionLabels.delete(schema));
    }
    return labels;
  }

  const refuseReferredDelete =
    (fixedCollection?: string) =>
    async (keys: unknown, meta: Record<string, any>, context: { database: Knex; schema: SchemaOverview | null }) => {
      const collection: string = fixedCollection ?? meta.collection;
      const schema = context.schema ?? (await getSchema());
      const primary = schema.collections[collection]?.primary;
      const blocking = blockingReferences(schema.relations, collection);
      if (!primary || !blocking.length || !Array.isArray(keys)) return keys;
      // Keys of another kind match no item (and PostgreSQL would fail on them).
      const type = schema.collections[collection]!.fields[primary]?.type;
      const fit = keys.filter((k) =>
        type === 'integer' || type === 'bigInteger' ? isIntegerKey(k) : type === 'uuid' ? isUuid(k) : typeof k === 'string',
      );
      if (!fit.length) return keys;
      const referrers = await Promise.all(
        blocking.map(async (r) => {
          const rows = context.database(r.collection).whereIn(r.field, fit);
          // Items deleted together may refer to each other (a unit and the unit under it).
          if (r.collection === collection) rows.whereNotIn(primary, fit);
          const [counted] = await rows.count({ n: '*' });
          return { collection: r.collection, field: r.field, count: Number(counted?.n ?? 0) };
        }),
      );
      if (!referrers.some((r) => r.count > 0)) return keys;
      const labels = await collectionLabelsOf(schema, context.database);
      const fieldLabels = new Map(
        await Promise.all(
          [...new Set(referrers.map((r) => r.collection))].map(
            async (c): Promise<[string, Map<string, FieldRule>]> => [c, await rulesOf(schema, context.database, c)],
          ),
        ),
      );
      const labelOf = (c: string, field?: string) => (field ? (fieldLabels.get(c)?.get(field)?.label ?? field) : (labels.get(c) ?? c));
      const reason = deleteRefusal(labelOf(collection), referrers, labelOf, KEEP_INSTEAD.get(collection));
      if (reason) throw new InvalidPayloadError({ reason });
      return keys;
    };

  filter('items.delete', refuseReferredDelete());
  filter('users.delete', refuseReferredDelete('directus_users'));

  filter('items.create', check('create'));
  filter('items.update', check('update'));
  filter('users.create', check('create', 'directus_users'));
  filter('users.update', check('update', 'directus_users'));

  for (const event of ['items.query', 'users.query']) {
    filter(event, (query) => {
      const problem = groupingProblem(query as { group?: unknown; aggregate?: unknown });
      if (problem) throw new InvalidQueryError({ reason: problem });
      return query;
    });
  }

  // Before Directus's own query sanitiser, which fails on parameters of the wrong kind.
  init('middlewares.before', ({ app }) => {
    app.use((req: Request, _res: Response, next: NextFunction) => {
      const problem = queryProblem(req.query);
      next(problem ? new InvalidQueryError({ reason: problem }) : undefined);
    });
  });

  // After the body is parsed, before any route copies it.
  init('routes.before', ({ app }) => {
    app.use((req: Request, _res: Response, next: NextFunction) => {
      const problem = bodyProblem(req.body, req.method) ?? (req.method === 'SEARCH' ? queryProblem(req.body?.query ?? null) : null);
      next(problem ? new InvalidPayloadError({ reason: problem }) : undefined);
    });
  });
};

export default hook;
