// Hook: the security audit log's guard and its general entries.
// - Every request keeps its door (method and path), address and user agent for the
//   records written while it is handled (extensions/kernel/request-context.ts).
// - Nobody writes, changes or deletes `audit_log` through Directus, the
//   administrator included, nor removes the collection or its fields: the server
//   appends with extensions/kernel/audit.ts; the database refuses the rest.
// - Changes of the data model (collections, fields, relations) are recorded.

import { createError } from '@directus/errors';
import type { HookConfig } from '@directus/extensions';
import type { Knex } from 'knex';
import { appendAuditSoon, byAccountability } from '../../kernel/audit.ts';
import { keepRequestFacts } from '../../kernel/request-context.ts';

const AUDIT = 'audit_log';

const AuditReadOnly = createError<{ reason: string }>('AUDIT_READ_ONLY', (e) => e.reason, 403);

const refuse = (): never => {
  throw new AuditReadOnly({ reason: '安全审计日志只能由系统追加，任何人不能新增、修改或删除' });
};

const hook: HookConfig = ({ init, filter, action }, { database, logger }) => {
  const db = database as unknown as Knex;
  const warn = (error: Error) => logger.warn(`audit entry not written: ${error.message}`);

  init('routes.before', ({ app }) => {
    (app as { use(handler: unknown): void }).use(keepRequestFacts);
  });

  for (const event of ['create', 'update', 'delete'] as const) filter(`${AUDIT}.items.${event}`, refuse);
  filter('collections.delete', (keys) => {
    if ((keys as unknown[]).includes(AUDIT)) refuse();
    return keys;
  });
  filter('fields.delete', (keys, meta) => {
    if ((meta as { collection?: string }).collection === AUDIT) refuse();
    return keys;
  });

  for (const kind of ['collections', 'fields', 'relations'] as const) {
    for (const event of ['create', 'update', 'delete'] as const) {
      action(`${kind}.${event}`, (meta, { accountability }) => {
        const m = meta as Record<string, unknown>;
        appendAuditSoon(
          db,
          {
            action: 'schema_changed',
            ...byAccountability(accountability),
            collection: (m.collection as string | undefined) ?? null,
            detail: { event: `${kind}.${event}`, key: m.key ?? null, keys: m.keys ?? null },
          },
          warn,
        );
      });
    }
  }
};

export default hook;
