// The app's Directus data provider (frontend/src/providers/data-provider.ts)
// against the real server of this project: paging, sorting, filters (nested,
// _in, _between), search, counts, relations, writes one and many, and refusals.

import { createDirectus, rest, staticToken } from '@directus/sdk';
import type { DataProvider, HttpError } from '@refinedev/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataProvider } from '../../frontend/src/providers/data-provider.ts';
import { baseUrl, login, loginAdmin, unitIds, type Session } from '../http.ts';

const TAG = `dp-${Date.now()}`;
let admin: Session;
let asAdmin: DataProvider;
let ids: Map<string, number>;
const created: number[] = [];

function providerFor(session: Session): DataProvider {
  return createDataProvider(createDirectus(baseUrl()).with(staticToken(session.token)).with(rest()), baseUrl());
}

async function refusal(promise: Promise<unknown>): Promise<HttpError> {
  try {
    await promise;
  } catch (error) {
    return error as HttpError;
  }
  throw new Error('expected a refusal');
}

const tagged = { field: 'title', operator: 'startswiths' as const, value: TAG };

beforeAll(async () => {
  admin = await loginAdmin();
  asAdmin = providerFor(admin);
  ids = await unitIds(admin);
  // Seven records: five in 江浦 (S01) community C001, two in 顶山 (S02).
  const community = ids.get('/320111/S01/C001/')!;
  const other = ids.get('/320111/S02/')!;
  const rows = [1, 2, 3, 4, 5, 6, 7].map((n) => ({
    unit: n <= 5 ? community : other,
    title: `${TAG} 第${n}次${n % 2 ? '巡逻' : '走访'}`,
    activity_type: n % 2 ? 'patrol' : 'visit',
    occurred_on: `2026-11-0${n}`,
  }));
  const { data } = await asAdmin.createMany!({ resource: 'activity_records', variables: rows });
  created.push(...data.map((r) => r.id as number));
});

afterAll(async () => {
  if (created.length) await asAdmin.deleteMany!({ resource: 'activity_records', ids: created }).catch(() => undefined);
});

describe('reading lists', () => {
  it('pages with currentPage and counts everything the filter matches', async () => {
    const page = (currentPage: number) =>
      asAdmin.getList({
        resource: 'activity_records',
        pagination: { currentPage, pageSize: 3 },
        sorters: [{ field: 'occurred_on', order: 'asc' }],
        filters: [tagged],
      });
    const [first, third] = await Promise.all([page(1), page(3)]);
    expect(first.total).toBe(7);
    expect(first.data.map((r) => r.title)).toEqual([`${TAG} 第1次巡逻`, `${TAG} 第2次走访`, `${TAG} 第3次巡逻`]);
    expect(third.data.map((r) => r.title)).toEqual([`${TAG} 第7次巡逻`]);
  });

  it('sorts descending', async () => {
    const { data } = await asAdmin.getList({
      resource: 'activity_records',
      pagination: { mode: 'off' },
      sorters: [{ field: 'occurred_on', order: 'desc' }],
      filters: [tagged],
    });
    expect(data.map((r) => String(r.occurred_on).slice(0, 10))).toEqual([
      '2026-11-07',
      '2026-11-06',
      '2026-11-05',
      '2026-11-04',
      '2026-11-03',
      '2026-11-02',
      '2026-11-01',
    ]);
  });

  it('filters with _in, _between, nested relations and OR groups', async () => {
    const titles = async (filters: any[]) =>
      (
        await asAdmin.getList({
          resource: 'activity_records',
          pagination: { mode: 'off' },
          sorters: [{ field: 'occurred_on', order: 'asc' }],
          filters: [tagged, ...filters],
        })
      ).data.map((r) => Number(/第(\d)次/.exec(r.title)![1]));
    expect(await titles([{ field: 'activity_type', operator: 'in', value: ['visit'] }])).toEqual([2, 4, 6]);
    expect(await titles([{ field: 'occurred_on', operator: 'between', value: ['2026-11-02', '2026-11-04'] }])).toEqual([2, 3, 4]);
    expect(await titles([{ field: 'unit.path', operator: 'startswiths', value: '/320111/S02/' }])).toEqual([6, 7]);
    expect(
      await titles([
        {
          operator: 'or',
          value: [
            { field: 'occurred_on', operator: 'eq', value: '2026-11-01' },
            { field: 'unit.code', operator: 'eq', value: 'S02' },
          ],
        },
      ]),
    ).toEqual([1, 6, 7]);
  });

  it('searches free text given as q and counts the hits', async () => {
    const { data, total } = await asAdmin.getList({
      resource: 'activity_records',
      filters: [tagged, { field: 'q', operator: 'contains', value: '走访' }],
      pagination: { currentPage: 1, pageSize: 10 },
    });
    expect(total).toBe(3);
    expect(data.every((r) => r.title.includes('走访'))).toBe(true);
  });

  it('selects fields, through a relation too', async () => {
    const { data } = await asAdmin.getList({
      resource: 'activity_records',
      filters: [tagged],
      pagination: { currentPage: 1, pageSize: 1 },
      sorters: [{ field: 'occurred_on', order: 'asc' }],
      meta: { fields: ['id', 'title', 'unit.name', 'unit.path'] },
    });
    expect(Object.keys(data[0]!).sort()).toEqual(['id', 'title', 'unit']);
    expect(data[0]!.unit).toEqual({ name: expect.any(String), path: '/320111/S01/C001/' });
  });

  it('reads one and many, and Directus’s own collections', async () => {
    const one = await asAdmin.getOne({ resource: 'activity_records', id: created[0]!, meta: { fields: ['id', 'title'] } });
    expect(one.data).toEqual({ id: created[0], title: `${TAG} 第1次巡逻` });
    const many = await asAdmin.getMany!({ resource: 'activity_records', ids: created.slice(0, 2) });
    expect(many.data.map((r) => r.id).sort()).toEqual(created.slice(0, 2).sort());
    const users = await asAdmin.getList({
      resource: 'directus_users',
      filters: [{ field: 'email', operator: 'endswith', value: '@pukou.gov.cn' }],
      pagination: { currentPage: 1, pageSize: 2 },
      meta: { fields: ['id', 'email'] },
    });
    expect(users.data).toHaveLength(2);
    expect(users.total).toBeGreaterThan(5);
  });
});

describe('writing', () => {
  it('updates one and many, deletes one', async () => {
    const [a, b, c] = created.slice(0, 3) as [number, number, number];
    const updated = await asAdmin.update({ resource: 'activity_records', id: a, variables: { place: '求雨山' } });
    expect(updated.data.place).toBe('求雨山');
    const both = await asAdmin.updateMany!({ resource: 'activity_records', ids: [b, c], variables: { place: '珠江路' } });
    expect(both.data.map((r) => r.place)).toEqual(['珠江路', '珠江路']);
    const extra = await asAdmin.create({
      resource: 'activity_records',
      variables: { unit: ids.get('/320111/S01/C001/'), title: `${TAG} 临时`, activity_type: 'other', occurred_on: '2026-11-09' },
    });
    await asAdmin.deleteOne({ resource: 'activity_records', id: extra.data.id! });
    const gone = await refusal(asAdmin.getOne({ resource: 'activity_records', id: extra.data.id! }));
    expect(gone.statusCode).toBe(403); // Directus answers 403 for what does not exist, as for what one may not see
  });

  it('passes the server’s refusal on as an HttpError and stores nothing', async () => {
    const invalid = await refusal(
      asAdmin.create({
        resource: 'activity_records',
        variables: { title: `${TAG} 无单位`, activity_type: 'bogus', occurred_on: '2026-11-09' },
      }),
    );
    expect(invalid.statusCode).toBe(400);
    expect(invalid.message).toBeTruthy();
    const { total } = await asAdmin.getList({
      resource: 'activity_records',
      filters: [{ field: 'title', operator: 'eq', value: `${TAG} 无单位` }],
    });
    expect(total).toBe(0);
  });

  it('sees and changes only what the user’s jurisdiction allows', async () => {
    const community = providerFor(await login('community-staff@pukou.gov.cn'));
    const seen = await community.getList({ resource: 'activity_records', filters: [tagged], pagination: { mode: 'off' } });
    expect(seen.total).toBe(5); // the two of 顶山街道 are neither listed nor counted
    const other = created[6]!;
    const refused = await refusal(community.update({ resource: 'activity_records', id: other, variables: { place: '不应写入' } }));
    expect(refused.statusCode).toBe(403);
    const { data } = await asAdmin.getOne({ resource: 'activity_records', id: other, meta: { fields: ['place'] } });
    expect(data.place).toBeNull();
  });
});
