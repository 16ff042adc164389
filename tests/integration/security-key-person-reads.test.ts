// No door reads a key person's file unlogged (security issue, family 5): grouping and
// aggregating service objects (重点人员档案) by what the files say is a read of them, in
// REST and in GraphQL's *_aggregated, recorded in the read log (查阅留痕) like a list;
// a plain count shows no file and is not.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, loginAdmin, unitIds, type Session } from '../http.ts';

let admin: Session, street: Session;
let person: number, object: number;

const lastRead = async (): Promise<number> => (await admin.get('/items/sensitive_reads?aggregate[max]=id')).body.data[0].max?.id ?? 0;
const readsSince = async (id: number) =>
  (await admin.get(`/items/sensitive_reads?filter[id][_gt]=${id}&fields=user.email,collection_name,read_through,item_ids&sort=id`)).body
    .data as { user: { email: string }; collection_name: string; read_through: string | null; item_ids: unknown }[];

beforeAll(async () => {
  admin = await loginAdmin();
  street = await login('street-staff@pukou.gov.cn');
  const grid = (await unitIds(admin)).get('/320111/S01/C001/G01/');
  const made = await admin.post('/items/people', { name: '档案探针', is_foreigner: true, passport_number: `E${Date.now()}`, unit: grid });
  expect(made.status, JSON.stringify(made.body)).toBe(200);
  person = made.body.data.id;
  const file = await admin.post('/items/service_objects', { person, category: 'drug', risk_grade: '2', unit: grid });
  expect(file.status, JSON.stringify(file.body)).toBe(200);
  object = file.body.data.id;
});

afterAll(async () => {
  await admin.delete(`/items/service_objects/${object}`);
  await admin.delete(`/items/people/${person}`);
});

describe('key persons’ files through grouping', () => {
  it('are logged when grouped by what the files say (the probe of the issue)', async () => {
    const last = await lastRead();
    const answer = await street.get(
      '/items/service_objects?groupBy[]=id&groupBy[]=person&groupBy[]=category&groupBy[]=situation&aggregate[count]=*',
    );
    expect(answer.status).toBe(200);
    expect(answer.body.data.length).toBeGreaterThan(0);
    const reads = await readsSince(last);
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({
      user: { email: 'street-staff@pukou.gov.cn' },
      collection_name: 'service_objects',
      read_through: 'group',
    });
    const ids = typeof reads[0]!.item_ids === 'string' ? JSON.parse(reads[0]!.item_ids) : reads[0]!.item_ids;
    expect(ids).toHaveLength(answer.body.data.length);
  });

  it('are logged through GraphQL’s aggregated query too', async () => {
    const last = await lastRead();
    const answer = await street.post('/graphql', {
      query: '{ service_objects_aggregated(groupBy: ["category", "situation"]) { group count { id } } }',
    });
    expect(answer.body.errors ?? []).toEqual([]);
    expect(answer.body.data.service_objects_aggregated.length).toBeGreaterThan(0);
    expect(await readsSince(last)).toHaveLength(1);
  });

  it('a plain count shows no file and is not logged', async () => {
    const last = await lastRead();
    expect((await street.get('/items/service_objects?aggregate[count]=*')).status).toBe(200);
    expect(await readsSince(last)).toEqual([]);
  });
});
