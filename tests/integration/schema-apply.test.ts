// Applying schema/ is idempotent and brings an older database up to date.

import { deleteField, readFieldsByCollection, readPermissions, updatePermission } from '@directus/sdk';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { applySchema } from '../../schema/apply.ts';
import { POLICIES } from '../../schema/index.ts';
import { login, type AdminClient } from '../../scripts/lib/directus.ts';

let client: AdminClient;

beforeAll(async () => {
  const { url, adminEmail, adminPassword } = inject('directus');
  client = await login(url, adminEmail, adminPassword);
});

describe('schema apply', () => {
  it('finds nothing to do on a database it has already applied', async () => {
    expect(await applySchema(client)).toEqual({ created: [], updated: [], deleted: [] });
  });

  it('restores a permission that was widened by hand', async () => {
    const readWithin = POLICIES.find((p) => p.key === 'read-within')!.id;
    const [row] = (await client.request(readPermissions({ filter: { policy: { _eq: readWithin }, collection: { _eq: 'activity_records' }, action: { _eq: 'read' } } }))) as { id: number }[];
    await client.request(updatePermission(row!.id, { permissions: {} }));
    const report = await applySchema(client);
    expect(report.updated).toEqual([`permission ${readWithin}|activity_records|read`]);
    const [restored] = (await client.request(readPermissions({ filter: { id: { _eq: row!.id } } }))) as { permissions: unknown }[];
    expect(restored!.permissions).toEqual({ unit_path: { _starts_with: '$CURRENT_USER.unit_path' } });
  });

  it('adds what an older database lacks', async () => {
    await client.request(deleteField('units', 'remark'));
    const report = await applySchema(client);
    expect(report.created).toEqual(['field units.remark']);
    const fields = (await client.request(readFieldsByCollection('units'))) as { field: string }[];
    expect(fields.map((f) => f.field)).toContain('remark');
    expect(await applySchema(client)).toEqual({ created: [], updated: [], deleted: [] });
  });
});
