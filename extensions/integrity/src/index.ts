// Hook: what is stored holds to the schema as Directus holds it, for every
// collection (also those an administrator adds in Studio) and every caller,
// the Directus administrator and our own server code included; requests whose
// shape would break Directus itself are refused before they reach it.
// - items.create / items.update (and our fields on users): kernel/integrity.ts;
//   a primary key the server generates is never taken from a client;
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
import { type FieldInfo, type FieldRule, fieldRule, writeProblems } from '../../kernel/integrity.ts';
import { bodyProblem, groupingProblem, queryProblem } from '../../kernel/request-shape.ts';

type Rules = Map<string, Map<string, FieldRule>>;

const hook: HookConfig = ({ filter, init }, { services, getSchema }) => {
  const loaded = new WeakMap<SchemaOverview, Promise<Rules>>();

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
