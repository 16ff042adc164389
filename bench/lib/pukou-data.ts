// The Pukou-scale data the assessment and analysis benchmarks share: the tree's
// shape, a month of records across it (activity records, disputes, document
// receipts, matters with their replies, 每日必办 checks, terminals and their login
// days), and a staff account at each office that assesses.

import { createUser, updateUser } from '@directus/sdk';
import { randomUUID } from 'node:crypto';
import { DEMO_PASSWORD } from '../../directus.config.ts';
import type { Period } from '../../extensions/domains/assessment/period.ts';
import { ROLES } from '../../schema/access.ts';
import type { startSystem } from '../../scripts/lib/system.ts';
import { seededRandom } from '../../seed/random.ts';
import { insertRows, type Unit } from './data.ts';
import { token } from './login.ts';
import type { Sql } from './sql.ts';

export const SHAPE = { communitiesPerStreet: 17, gridsPerCommunity: 10 };
export const COUNTS = { activity: 50_000, disputes: 5_000, receipts: 20_000, matters: 30_000, checks: 30_000, loginDays: 500_000 };
export const HOUR = 3_600_000;

/** Stored as Directus stores them: text and ISO instants on PostgreSQL, epoch ms on SQLite. */
export const asDate = (sql: Sql, day: string) => (sql.client === 'pg' ? day : Date.parse(`${day}T00:00:00Z`));
export const asInstant = (sql: Sql, at: number) => (sql.client === 'pg' ? new Date(at).toISOString() : at);

/** A month of records across the tree, most at the grids and communities. */
export async function fillMonth(sql: Sql, units: Unit[], period: Period): Promise<Record<string, number>> {
  const random = seededRandom(20261101);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const offices = units.filter((u) => u.kind === 'office');
  const grassroots = offices.filter((u) => u.level === 'grid' || u.level === 'community');
  const span = period.end.getTime() - period.start.getTime();
  const at = () => period.start.getTime() + Math.floor(random() * span);
  const day = (t: number) => new Date(t + 8 * HOUR).toISOString().slice(0, 10);
  const created: Record<string, number> = {};
  const insert = async (table: string, columns: string[], rows: unknown[][]) => {
    await sql.all('BEGIN');
    await insertRows(sql, table, columns, rows, Math.floor(20_000 / columns.length));
    await sql.all('COMMIT');
    created[table] = rows.length;
  };

  const types = ['meeting', 'patrol', 'visit', 'publicity', 'training'];
  await insert(
    'activity_records',
    ['unit', 'unit_path', 'activity_type', 'occurred_on', 'title'],
    Array.from({ length: COUNTS.activity }, (_, i) => {
      const u = pick(offices);
      return [u.id, u.path, pick(types), asDate(sql, day(at())), `工作活动 ${i + 1}`];
    }),
  );
  await insert(
    'disputes',
    ['unit', 'unit_path', 'title', 'dispute_type', 'risk_level', 'parties', 'description', 'discovered_on', 'status', 'mediation_due_at'],
    Array.from({ length: COUNTS.disputes }, (_, i) => {
      const u = pick(grassroots);
      const found = at();
      const r = random();
      return [
        u.id,
        u.path,
        `纠纷 ${i + 1}`,
        'neighbourhood',
        'low',
        '甲、乙',
        '邻里纠纷',
        asDate(sql, day(found)),
        r < 0.85 ? 'resolved' : r < 0.95 ? 'unresolved' : 'mediating',
        asInstant(sql, found + 10 * 24 * HOUR),
      ];
    }),
  );
  const district = units.find((u) => u.level === 'district' && u.kind === 'office')!;
  await insert(
    'documents',
    ['unit', 'unit_path', 'title', 'kind', 'urgency', 'status', 'sign_due_at'],
    Array.from({ length: 100 }, (_, i) => [district.id, district.path, `通知 ${i + 1}`, 'notice', 'normal', 'sent', asInstant(sql, at())]),
  );
  const documents = (await sql.all('SELECT id FROM documents ORDER BY id DESC LIMIT 100')).map((r) => Number(r.id));
  const recipients = offices.filter((u) => u.level === 'street' || u.level === 'community');
  await insert(
    'document_recipients',
    ['document', 'unit', 'unit_path', 'status', 'reply_status'],
    Array.from({ length: COUNTS.receipts }, () => {
      const u = pick(recipients);
      const r = random();
      return [pick(documents), u.id, u.path, r < 0.85 ? 'signed' : r < 0.95 ? 'late' : 'unread', 'not_required'];
    }),
  );
  const handlers = offices.filter((u) => u.level !== 'district');
  const matterRows = Array.from({ length: COUNTS.matters }, (_, i) => {
    const u = pick(handlers);
    const due = at();
    return [
      `BM${String(i + 1).padStart(8, '0')}`,
      'task',
      `任务 ${i + 1}`,
      'normal',
      random() < 0.8 ? 'closed' : 'handling',
      u.id,
      u.path,
      u.id,
      asInstant(sql, due),
      1,
    ];
  });
  await insert(
    'matters',
    ['number', 'type', 'title', 'urgency', 'status', 'unit', 'unit_path', 'handler_unit', 'due_at', 'version'],
    matterRows,
  );
  const matters = await sql.all("SELECT id, handler_unit, due_at FROM matters WHERE number LIKE 'BM%' AND status = 'closed'");
  await insert(
    'matter_steps',
    ['matter', 'action', 'actor_unit', 'date_created'],
    matters.map((m) => {
      const due = sql.client === 'pg' ? new Date(m.due_at).getTime() : Number(m.due_at);
      return [m.id, 'reply', m.handler_unit, asInstant(sql, due + (random() < 0.1 ? 6 : -6) * HOUR)];
    }),
  );
  const worker = (await sql.all("SELECT id FROM directus_users WHERE email = 'grid-gridworker@pukou.gov.cn'"))[0]!.id;
  const template = (await sql.all('SELECT id FROM daily_task_templates ORDER BY id LIMIT 1'))[0]?.id;
  if (template !== undefined) {
    const grids = offices.filter((u) => u.level === 'grid');
    await insert(
      'daily_checks',
      ['key', '"user"', 'unit', 'unit_path', 'day', 'template', 'done'],
      Array.from({ length: COUNTS.checks }, (_, i) => {
        const u = pick(grids);
        return [`bench-${i}`, worker, u.id, u.path, asDate(sql, day(at())), template, random() < 0.9];
      }),
    );
  }
  // A PC and a phone at every community and grid office, both held by one user of it; their
  // logins on most working days of this month and the months before, 500,000 login days in all.
  const holders = grassroots.map((u) => ({ unit: u, user: randomUUID() }));
  await insert(
    'directus_users',
    ['id', 'email', 'status', 'unit', 'unit_path'],
    holders.map((h, i) => [h.user, `bench-holder-${i}@pukou.gov.cn`, 'active', h.unit.id, h.unit.path]),
  );
  await insert(
    'terminals',
    ['unit', 'unit_path', 'kind', 'asset_number', 'holder', 'status'],
    holders.flatMap((h, i) => ['pc', 'phone'].map((kind) => [h.unit.id, h.unit.path, kind, `BENCH-${kind}-${i}`, h.user, 'in_use'])),
  );
  const logins: unknown[][] = [];
  for (let t = Date.parse(`${period.last}T00:00:00Z`); logins.length < COUNTS.loginDays; t -= 24 * HOUR) {
    const date = new Date(t).toISOString().slice(0, 10);
    if ([0, 6].includes(new Date(t).getUTCDay())) continue;
    for (const h of holders)
      for (const channel of ['pc', 'phone'])
        if (random() < 0.95 && logins.length < COUNTS.loginDays)
          logins.push([`${h.user}.${date}.${channel}`, h.user, h.unit.id, h.unit.path, asDate(sql, date), channel, 1]);
  }
  await insert('login_days', ['key', '"user"', 'unit', 'unit_path', 'day', 'channel', 'logins'], logins);
  if (sql.client === 'pg') await sql.all('ANALYZE');
  return created;
}

/** A staff account at each office that assesses (the district's demo one, one made per street). */
export async function staffOf(system: Awaited<ReturnType<typeof startSystem>>, url: string, units: Unit[]): Promise<Map<number, string>> {
  const tokens = new Map<number, string>();
  const login = (email: string, password: string) => token(url, email, password);
  const district = units.find((u) => u.level === 'district' && u.kind === 'office')!;
  tokens.set(district.id, await login('district-staff@pukou.gov.cn', DEMO_PASSWORD));
  const role = ROLES.find((r) => r.key === 'street-staff')!.id;
  for (const street of units.filter((u) => u.level === 'street' && u.kind === 'office')) {
    const email = `bench-${street.code.toLowerCase()}@pukou.gov.cn`;
    const password = 'Bench@2026x';
    const made = (await system.admin.request(createUser({ email, password, role, unit: street.id, status: 'active' } as never))) as {
      id: string;
    };
    await system.admin.request(updateUser(made.id, { must_change_password: false } as never));
    tokens.set(street.id, await login(email, password));
  }
  return tokens;
}
