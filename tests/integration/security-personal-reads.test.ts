// A page is not an export (security issue, family 2): below the Directus
// administrator, one request reads at most PERSONAL_PAGE_LIMIT people (REST, SEARCH,
// GraphQL), paging stays usable, and every read that shows ID or phone numbers in the
// clear is in the security audit log with who, unit, how many rows and which door.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERSONAL_PAGE_LIMIT } from '../../schema/collections/people.ts';
import { systemDatabase } from '../database.ts';
import { errorMessage, login, loginAdmin, unitIds, waitFor, type Session } from '../http.ts';

const STAMP = Date.now().toString(36);
let admin: Session, staff: Session, street: Session;
let db: ReturnType<typeof systemDatabase>;
const made: number[] = [];
const COMMUNITY = '/320111/S01/C001/';

beforeAll(async () => {
  admin = await loginAdmin();
  [staff, street] = await Promise.all([login('community-staff@pukou.gov.cn'), login('street-staff@pukou.gov.cn')]);
  db = systemDatabase();
  const ids = await unitIds(admin);
  // Enough people in the community for a request to ask for more than a page (foreigners: no ID number needed).
  const rows = Array.from({ length: PERSONAL_PAGE_LIMIT + 5 }, (_, i) => ({
    name: `页上限${STAMP}${i}`,
    unit: ids.get(`${COMMUNITY}G01/`),
    is_foreigner: true,
    passport_number: `E${STAMP}${i}`.slice(0, 30),
  }));
  for (let i = 0; i < rows.length; i += 50) {
    const answer = await admin.post('/items/people', rows.slice(i, i + 50));
    expect(answer.status, JSON.stringify(answer.body).slice(0, 300)).toBe(200);
    made.push(...(answer.body.data as { id: number }[]).map((p) => p.id));
  }
}, 120_000);

afterAll(async () => {
  for (let i = 0; i < made.length; i += 100) await admin.send('DELETE', '/items/people', JSON.stringify(made.slice(i, i + 100)));
  await db?.destroy();
});

describe('a page is not an export', () => {
  it.each([
    ['GET limit=-1', (s: Session) => s.get('/items/people?limit=-1&fields=id,name')],
    [`GET limit=${PERSONAL_PAGE_LIMIT + 1}`, (s: Session) => s.get(`/items/people?limit=${PERSONAL_PAGE_LIMIT + 1}&fields=id`)],
    ['SEARCH limit=-1', (s: Session) => s.send('SEARCH', '/items/people', JSON.stringify({ query: { limit: -1, fields: ['id'] } }))],
  ])('refuses %s for community staff with a Chinese message', async (_name, ask) => {
    const answer = await ask(staff);
    expect(answer.status).toBe(400);
    expect(errorMessage(answer)).toContain(`每次最多读取${PERSONAL_PAGE_LIMIT}条人员信息`);
  });

  it('refuses GraphQL people(limit: -1)', async () => {
    const answer = await staff.post('/graphql', { query: '{ people(limit: -1) { id } }' });
    expect(answer.body.data?.people ?? null).toBeNull();
    expect(JSON.stringify(answer.body.errors)).toContain('每次最多读取');
  });

  it('keeps paging usable, and the administrator unlimited', async () => {
    const first = await staff.get(`/items/people?limit=${PERSONAL_PAGE_LIMIT}&page=1&fields=id&sort=id`);
    const second = await staff.get(`/items/people?limit=${PERSONAL_PAGE_LIMIT}&page=2&fields=id&sort=id`);
    expect(first.status).toBe(200);
    expect(first.body.data).toHaveLength(PERSONAL_PAGE_LIMIT);
    expect(second.status).toBe(200);
    expect(second.body.data.length).toBeGreaterThan(0);
    expect((await admin.get('/items/people?limit=-1&fields=id')).status).toBe(200);
  });
});

describe('reads of personal numbers in the clear', () => {
  const rows = (collection: string) =>
    db('audit_log')
      .where({ action: 'personal_read', collection_name: collection })
      .orderBy('id', 'desc')
      .select('actor', 'row_count', 'door', 'actor_unit_path');

  it('are recorded with who, unit, how many and which door; masked reads are not', async () => {
    const before = (await rows('people')).length;
    const answer = await staff.get('/items/people?filter[id_number][_nnull]=true&limit=3&fields=id,name,id_number');
    expect(answer.status).toBe(200);
    expect(answer.body.data).toHaveLength(3);
    const logged = await waitFor(
      () => rows('people'),
      (r) => r.length > before,
      5_000,
    );
    const me = (await staff.get('/users/me?fields=id')).body.data.id;
    expect(logged[0]).toMatchObject({ actor: me, row_count: 3, door: 'GET /items/people', actor_unit_path: COMMUNITY });

    // Street staff see masked numbers only: nothing in the clear, nothing recorded.
    const masked = await street.get('/items/people?limit=3&fields=id,name,id_number_masked');
    expect(masked.status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect((await rows('people')).length).toBe(before + 1);
  });
});
