// Endpoint: makes sure every unit path column has an index that serves the
// jurisdiction filter (`LIKE '/320111/S03/%'`), and creates the indexes the
// collections declare in schema/ (sent in the body: `{ indexes: [{ table,
// columns, unique?, name? }] }`). Called by `npm run schema:apply`; idempotent.

import type { EndpointConfig } from '@directus/extensions';
import { ForbiddenError, InvalidPayloadError } from '@directus/errors';
import { pathCarriers } from '../../jurisdiction/src/moves.ts';
import { declaredIndexName, declaredIndexSql, parseDeclaredIndexes, prefixIndexSql, type DeclaredIndex } from './index-sql.ts';

const endpoint: EndpointConfig = {
  id: 'jurisdiction-indexes',
  handler: (router, { database, getSchema }) => {
    router.post('/', async (req, res, next) => {
      try {
        if (!(req as unknown as { accountability?: { admin?: boolean } }).accountability?.admin) throw new ForbiddenError();
        let declared: DeclaredIndex[];
        try {
          declared = parseDeclaredIndexes(req.body);
        } catch (error) {
          throw new InvalidPayloadError({ reason: (error as Error).message });
        }
        const schema = await getSchema();
        const unknown = declared.find((i) => i.columns.some((c) => !schema.collections[i.table]?.fields[c]));
        if (unknown) throw new InvalidPayloadError({ reason: `no such columns: ${unknown.table}.${unknown.columns.join(', ')}` });
        const columns = [{ table: 'units', column: 'path' }, ...pathCarriers(schema).map((table) => ({ table, column: 'unit_path' }))];
        const client = database.client.config.client as string;
        for (const { table, column } of columns) await database.raw(prefixIndexSql(client, table, column));
        for (const index of declared) await database.raw(declaredIndexSql(client, index));
        res.json({ data: { prefix: columns, declared: declared.map(declaredIndexName) } });
      } catch (error) {
        next(error);
      }
    });
  },
};

export default endpoint;
