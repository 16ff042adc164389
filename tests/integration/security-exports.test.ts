// Bulk export is the Directus administrator's alone (security issue, family 1; 制度四,
// R19): every way Directus offers it — its export route in any letter case or with a
// trailing slash, the `export` query parameter on GET and in SEARCH bodies, on our
// collections and Directus's own — is refused for each staff role with a Chinese
// message pointing to 导出申请, no file is written, no one is told a file is ready, and
// the refusal is in the security audit log. The administrator still exports.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemDatabase } from '../database.ts';
import { errorMessage, login, loginAdmin, waitFor, type Answer, type Session } from '../http.ts';

const ROLES = [
  'community-staff@pukou.gov.cn',
  'grid-gridworker@pukou.gov.cn',
  'department-liaison@pukou.gov.cn',
  'street-staff@pukou.gov.cn',
] as const;

const EXPORT_BODY = { query: { limit: 3, fields: ['name', 'id_number', 'phone'] }, format: 'json' };
const SEARCH_BODY = { query: { export: 'csv', limit: -1, fields: ['*'] } };

/** Each door of bulk export: how it is asked. */
const VARIANTS: [name: string, ask: (s: Session) => Promise<Answer>][] = [
  ['POST /utils/export/people', (s) => s.post('/utils/export/people', EXPORT_BODY)],
  ['POST /Utils/Export/people (letter case)', (s) => s.post('/Utils/Export/people', EXPORT_BODY)],
  ['POST /utils/export/people/ (trailing slash)', (s) => s.post('/utils/export/people/', EXPORT_BODY)],
  ['POST /UTILS/EXPORT/people', (s) => s.post('/UTILS/EXPORT/people', { ...EXPORT_BODY, format: 'csv' })],
  ['GET /items/people?export=csv', (s) => s.get('/items/people?export=csv&limit=-1&fields=*')],
  ['GET /items/people?export=json', (s) => s.get('/items/people?export=json&fields=name,id_number')],
  ['GET /Items/People/?export=yaml', (s) => s.get('/Items/people/?export=yaml')],
  ['SEARCH /items/people with query.export', (s) => s.send('SEARCH', '/items/people', JSON.stringify(SEARCH_BODY))],
  ['GET /users?export=csv', (s) => s.get('/users?export=csv')],
  ['GET /items/service_objects?export=csv', (s) => s.get('/items/service_objects?export=csv')],
];

let admin: Session;
let db: ReturnType<typeof systemDatabase>;
const sessions = new Map<string, Session>();

const count = async (table: string, where: Record<string, unknown> = {}) => Number((await db(table).where(where).count({ n: '*' }))[0]!.n);

beforeAll(async () => {
  admin = await loginAdmin();
  db = systemDatabase();
  for (const email of ROLES) sessions.set(email, await login(email));
});

afterAll(async () => {
  await db?.destroy();
});

describe('bulk export, door by door and role by role', () => {
  it.each(ROLES.flatMap((email) => VARIANTS.map(([name, ask]) => [email, name, ask] as const)))(
    '%s: %s is refused, nothing is written and no one is told',
    async (email, _name, ask) => {
      const session = sessions.get(email)!;
      const files = await count('directus_files');
      const notices = await count('directus_notifications');
      const refusals = await count('audit_log', { action: 'export_refused' });
      const answer = await ask(session);
      expect(answer.status).toBe(403);
      expect(errorMessage(answer)).toContain('导出申请');
      // Directus writes an export's file in the background: give it the time it would take.
      await new Promise((r) => setTimeout(r, 300));
      expect(await count('directus_files')).toBe(files);
      expect(await count('directus_notifications')).toBe(notices);
      expect(
        await waitFor(
          () => count('audit_log', { action: 'export_refused' }),
          (n) => n > refusals,
          5_000,
        ),
      ).toBeGreaterThan(refusals);
    },
  );

  it('an export parameter of the wrong kind is refused before Directus reads it (400), and nothing is written', async () => {
    for (const email of ROLES) {
      const files = await count('directus_files');
      const answer = await sessions.get(email)!.get('/items/people?export[]=csv&export[]=json');
      expect(answer.status).toBe(400);
      expect(errorMessage(answer)).toContain('export');
      expect(await count('directus_files')).toBe(files);
    }
  });

  it('GraphQL has no export: the argument is unknown and nothing is read', async () => {
    const answer = await sessions.get(ROLES[0])!.post('/graphql', { query: '{ people(limit: 3, export: "csv") { id id_number } }' });
    expect(answer.body.data ?? null).toBeNull();
    expect(JSON.stringify(answer.body.errors)).toContain('export');
  });

  it('a page read and a query parameter of another name stay reads, not exports', async () => {
    const staff = sessions.get(ROLES[0])!;
    const page = await staff.get('/items/people?limit=2&fields=id,name');
    expect(page.status).toBe(200);
    expect(page.body.data).toHaveLength(2);
    const other = await staff.get('/items/people?EXPORT=csv&limit=1&fields=id');
    expect(other.status).toBe(200);
    expect(Array.isArray(other.body.data)).toBe(true);
  });

  it('the Directus administrator still exports, by the route and by the parameter', async () => {
    const files = await count('directus_files');
    const exported = await admin.post('/utils/export/units', { query: { limit: 5, fields: ['id', 'name'] }, format: 'json' });
    expect(exported.status).toBe(204);
    expect(
      await waitFor(
        () => count('directus_files'),
        (n) => n > files,
      ),
    ).toBe(files + 1);
    const csv = await admin.get('/items/units?export=csv&limit=3&fields=id,name');
    expect(csv.status).toBe(200);
    expect(String(csv.body)).toContain('name');
    // Tidy: the export's file is the administrator's test artefact.
    const [file] = await db('directus_files').orderBy('uploaded_on', 'desc').limit(1).select('id');
    expect((await admin.delete(`/files/${file.id}`)).status).toBe(204);
  });
});
