// Endpoint: makes sure every unit path column has an index that serves the
// jurisdiction filter (`LIKE '/320111/S03/%'`). Called by `npm run schema:apply`.

import type { EndpointConfig } from '@directus/extensions';
import { ForbiddenError } from '@directus/errors';
import { pathCarriers } from '../../jurisdiction/src/moves.ts';
import { prefixIndexSql } from './index-sql.ts';

const endpoint: EndpointConfig = {
  id: 'jurisdiction-indexes',
  handler: (router, { database, getSchema }) => {
    router.post('/', async (req, res, next) => {
      try {
        if (!(req as unknown as { accountability?: { admin?: boolean } }).accountability?.admin) throw new ForbiddenError();
        const schema = await getSchema();
        const columns = [{ table: 'units', column: 'path' }, ...pathCarriers(schema).map((table) => ({ table, column: 'unit_path' }))];
        const client = database.client.config.client as string;
        for (const { table, column } of columns) await database.raw(prefixIndexSql(client, table, column));
        res.json({ data: columns });
      } catch (error) {
        next(error);
      }
    });
  },
};

export default endpoint;
