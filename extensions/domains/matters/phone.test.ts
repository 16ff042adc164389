// The outbox against a real SQLite file (the cases: phone.cases.ts).

import knex from 'knex';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { outboxCases } from './phone.cases.ts';

const dir = mkdtempSync(join(tmpdir(), 'zongzhi-phone-'));
outboxCases(
  'SQLite',
  async () => knex({ client: 'sqlite3', connection: { filename: join(dir, 'outbox.db') }, useNullAsDefault: true }),
  async () => rmSync(dir, { recursive: true, force: true }),
);
