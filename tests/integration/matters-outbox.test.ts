// The phone outbox's cases (extensions/domains/matters/phone.ts, phone.cases.ts) on
// PostgreSQL, where a claim locks its rows and skips those another claim holds.
// SQLite runs the same cases as a unit test; the worker's own loop is tested in
// reminders.test.ts on both.

import knex from 'knex';
import { describe, inject } from 'vitest';
import { outboxCases } from '../../extensions/domains/matters/phone.cases.ts';
import { pgAdmin } from '../../scripts/lib/local.ts';
import { TEST_PG_URL } from '../setup/directus.ts';

const name = `zongzhi_outbox_${process.pid}_${Date.now()}`;
describe.skipIf(inject('database') !== 'pg')('PostgreSQL', () => {
  outboxCases(
    'PostgreSQL',
    async () => {
      await pgAdmin(TEST_PG_URL, `CREATE DATABASE "${name}"`);
      const url = new URL(TEST_PG_URL);
      url.pathname = `/${name}`;
      return knex({ client: 'pg', connection: url.toString(), pool: { min: 0, max: 8 } });
    },
    () => pgAdmin(TEST_PG_URL, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  );
});
