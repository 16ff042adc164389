// Terminals (R3, R4): registration with a holder; a handover completes only when
// both holders have confirmed; a loss is reported, late after 24 hours; holders
// without a confidentiality agreement are listed; logins are counted per day and
// terminal kind from Directus's own login; a roster change reaches the superior office.

import { beforeAll, describe, expect, it } from 'vitest';
import { CALENDAR_2026 } from '../../seed/matters.ts';
import { isWorkingDay, localDateOf, makeCalendar } from '../../extensions/kernel/working-days.ts';
import { baseUrl, errorMessage, login, waitFor, type Session } from '../http.ts';
import { demoSessions, userAt } from '../office-helpers.ts';

let admin: Session,
  staff: Session,
  head: Session,
  grid: Session,
  newcomer: Session,
  otherCommunity: Session,
  street: Session,
  streetHead: Session;
let ids: Map<string, number>;
const me = async (s: Session): Promise<string> => (await s.get('/users/me?fields=id')).body.data.id;
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

async function register(session: Session, asset: string, holder: string | null, extra: Record<string, unknown> = {}) {
  return session.post('/items/terminals', { kind: 'phone', asset_number: asset, model: '华为 nova', holder, ...extra });
}
const terminal = async (id: number) => (await admin.get(`/items/terminals/${id}?fields=holder,status`)).body.data;

beforeAll(async () => {
  ({ admin, ids, street, community: staff, grid } = await demoSessions());
  head = await login('community-head@pukou.gov.cn');
  streetHead = await login('street-head@pukou.gov.cn');
  newcomer = await userAt(admin, ids, 'term-newcomer@pukou.gov.cn', 'community-social_worker', '/320111/S01/C001/');
  otherCommunity = await userAt(admin, ids, 'term-c002@pukou.gov.cn', 'community-staff', '/320111/S01/C002/');
});

describe('registering terminals', () => {
  it('takes a holder of the unit or below, and refuses one from elsewhere, a status, or no number', async () => {
    expect((await register(staff, 'T-C001-P-001', await me(staff))).status).toBe(200);
    expect((await register(staff, 'T-C001-P-002', await me(grid))).status).toBe(200);
    const outsider = await register(staff, 'T-C001-P-X1', await me(otherCommunity));
    expect(outsider.status).toBe(400);
    expect(errorMessage(outsider)).toContain('持有人应为本单位或下级单位的在岗工作人员');
    expect((await register(staff, 'T-C001-P-X2', await me(staff), { status: 'in_use' })).status).toBe(400);
    expect((await staff.post('/items/terminals', { kind: 'pc', holder: await me(staff) })).status).toBe(400);
    expect((await admin.get('/items/terminals?filter[asset_number][_starts_with]=T-C001-P-X&fields=id')).body.data).toEqual([]);
  });
});

describe('handover', () => {
  let id: number;
  let handover: number;

  beforeAll(async () => {
    id = (await admin.get('/items/terminals?filter[asset_number][_eq]=T-C001-P-001&fields=id')).body.data[0].id;
  });

  it('refuses a direct change of holder, a receiver from elsewhere, a bad reason and another unit', async () => {
    expect((await staff.patch(`/items/terminals/${id}`, { holder: await me(newcomer) })).status).toBe(400);
    expect((await staff.post(`/office/terminals/${id}/handover`, { to_user: await me(otherCommunity), reason: 'transfer' })).status).toBe(
      400,
    );
    expect((await staff.post(`/office/terminals/${id}/handover`, { to_user: await me(newcomer), reason: 'holiday' })).status).toBe(400);
    expect((await staff.post(`/office/terminals/${id}/handover`, { reason: 'transfer' })).status).toBe(400);
    expect(
      (await otherCommunity.post(`/office/terminals/${id}/handover`, { to_user: await me(newcomer), reason: 'transfer' })).status,
    ).toBe(403);
    expect(await terminal(id)).toEqual({ holder: await me(staff), status: 'in_use' });
  });

  it('does not complete without the new holder’s confirmation', async () => {
    const started = await staff.post(`/office/terminals/${id}/handover`, { to_user: await me(newcomer), reason: 'transfer' });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    handover = started.body.data.id;
    expect(started.body.data.status).toBe('pending');
    expect((await staff.post(`/office/terminals/${id}/handover`, { to_user: await me(newcomer), reason: 'transfer' })).status).toBe(409);

    const fromSide = await staff.post(`/office/handovers/${handover}/confirm`, {});
    expect(fromSide.status).toBe(200);
    expect(fromSide.body.data.status).toBe('pending');
    expect((await staff.post(`/office/handovers/${handover}/confirm`, {})).status).toBe(409);
    expect((await grid.post(`/office/handovers/${handover}/confirm`, {})).status).toBe(403);
    // The head may not confirm for an old holder who is still at work.
    expect((await head.post(`/office/handovers/${handover}/confirm`, {})).status).toBe(403);
    expect(await terminal(id)).toEqual({ holder: await me(staff), status: 'handing_over' });
  });

  it('completes with both confirmations and passes the terminal on', async () => {
    const toSide = await newcomer.post(`/office/handovers/${handover}/confirm`, {});
    expect(toSide.status).toBe(200);
    expect(toSide.body.data.status).toBe('completed');
    expect(await terminal(id)).toEqual({ holder: await me(newcomer), status: 'in_use' });
    expect((await newcomer.post(`/office/handovers/${handover}/confirm`, {})).status).toBe(409);
  });

  it('lets the head take a terminal back for a holder who has left', async () => {
    const leaver = await userAt(admin, ids, 'term-leaver@pukou.gov.cn', 'community-staff', '/320111/S01/C001/');
    const leaverId = await me(leaver);
    const tid = (await register(staff, 'T-C001-P-003', leaverId)).body.data.id;
    expect((await admin.patch(`/users/${leaverId}`, { status: 'suspended' })).status).toBe(200);
    const h = (await head.post(`/office/terminals/${tid}/handover`, { to_user: await me(staff), reason: 'resignation' })).body.data.id;
    expect((await grid.post(`/office/handovers/${h}/confirm`, {})).status).toBe(403);
    expect((await head.post(`/office/handovers/${h}/confirm`, {})).body.data.status).toBe('pending');
    expect((await staff.post(`/office/handovers/${h}/confirm`, {})).body.data.status).toBe('completed');
    expect(await terminal(tid)).toEqual({ holder: await me(staff), status: 'in_use' });
  });
});

describe('loss reports', () => {
  it('records whether the loss was reported within 24 hours and stops the terminal', async () => {
    const id = (await admin.get('/items/terminals?filter[asset_number][_eq]=T-C001-P-001&fields=id')).body.data[0].id;
    expect(
      (
        await newcomer.post(`/office/terminals/${id}/loss`, {
          lost_at: new Date(Date.now() + 3_600_000).toISOString(),
          circumstances: '公交车上遗失',
        })
      ).status,
    ).toBe(400);
    expect(
      (await newcomer.post(`/office/terminals/${id}/loss`, { lost_at: '2026-11-26 20:00', circumstances: '公交车上遗失' })).status,
    ).toBe(400);
    expect((await newcomer.post(`/office/terminals/${id}/loss`, { lost_at: hoursAgo(30) })).status).toBe(400);
    expect((await otherCommunity.post(`/office/terminals/${id}/loss`, { lost_at: hoursAgo(30), circumstances: '冒报' })).status).toBe(403);
    const late = await newcomer.post(`/office/terminals/${id}/loss`, {
      lost_at: hoursAgo(30),
      circumstances: '公交车上遗失',
      measures: '已停机并修改密码',
    });
    expect(late.status, JSON.stringify(late.body)).toBe(200);
    expect(late.body.data.within_24_hours).toBe(false);
    expect((await newcomer.post(`/office/terminals/${id}/loss`, { lost_at: hoursAgo(2), circumstances: '再次' })).status).toBe(409);
    expect((await staff.post(`/office/terminals/${id}/handover`, { to_user: await me(staff), reason: 'other' })).status).toBe(409);
    expect((await terminal(id)).status).toBe('lost');

    const other = (await admin.get('/items/terminals?filter[asset_number][_eq]=T-C001-P-002&fields=id')).body.data[0].id;
    const onTime = await grid.post(`/office/terminals/${other}/loss`, { lost_at: hoursAgo(2), circumstances: '巡逻时遗失' });
    expect(onTime.body.data.within_24_hours).toBe(true);
    // The street above sees the reports; a sibling community does not (of these terminals: other
    // files, the fuzzing among them, may report losses of their own).
    expect(
      (await street.get(`/items/terminal_losses?fields=within_24_hours&sort=id&filter[terminal][_in]=${id},${other}`)).body.data,
    ).toEqual([{ within_24_hours: false }, { within_24_hours: true }]);
    expect((await otherCommunity.get(`/items/terminal_losses?filter[terminal][_in]=${id},${other}`)).body.data).toEqual([]);
  });
});

describe('confidentiality agreements', () => {
  it('lists terminal holders without an agreement until one is filed', async () => {
    expect((await register(staff, 'T-C001-PC-001', await me(newcomer), { kind: 'pc' })).status).toBe(200);
    const names = async () =>
      ((await street.get('/office/terminals/confidentiality')).body.data.without_agreement as { user: string }[]).map((u) => u.user);
    expect(await names()).toContain(await me(newcomer));
    expect((await staff.post('/items/confidentiality_agreements', { signer: await me(newcomer), signed_on: '2026-11-20' })).status).toBe(
      200,
    );
    expect(await names()).not.toContain(await me(newcomer));
    expect((await staff.post('/items/confidentiality_agreements', { signed_on: '2026-11-20' })).status).toBe(400);
    expect(
      (await otherCommunity.get('/office/terminals/confidentiality')).body.data.without_agreement.map((u: { user: string }) => u.user),
    ).not.toContain(await me(staff));
  });
});

describe('login tracking', () => {
  it('counts each working day’s logins by PC and by phone', async () => {
    const id = await me(newcomer);
    for (const agent of [
      'Mozilla/5.0 (Linux; Android 14) Mobile Safari/537.36',
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120.0',
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120.0',
    ]) {
      const res = await fetch(`${baseUrl()}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': agent },
        body: JSON.stringify({ email: 'term-newcomer@pukou.gov.cn', password: 'Office@2026x' }),
      });
      expect(res.status).toBe(200);
    }
    const today = localDateOf(new Date());
    const rows: { channel: string; logins: number }[] = await waitFor(
      async () =>
        (await admin.get(`/items/login_days?filter[user][_eq]=${id}&filter[key][_contains]=${today}&fields=channel,logins&sort=channel`))
          .body.data,
      (r: { channel: string; logins: number }[]) => r.length === 2 && r.every((x) => x.logins >= 1) && r[0]!.logins >= 2,
    );
    // The PC row also counts the tests' own logins of this user (beforeAll).
    expect(rows.map((r) => r.channel)).toEqual(['pc', 'phone']);
    expect(rows[1]!.logins).toBe(1);

    const month = today.slice(0, 7);
    const working = isWorkingDay(makeCalendar(CALENDAR_2026.map((d) => ({ date: d.date, kind: d.kind }))), today) ? 1 : 0;
    const report = (await staff.get(`/office/logins?month=${month}`)).body.data;
    expect(report.users.find((u: { user: string }) => u.user === id)).toMatchObject({
      pc_days: working,
      phone_days: working,
      holds_pc: true,
    });
    expect((await staff.get('/office/logins?month=2026-1')).status).toBe(400);
    // Nobody writes login records by hand.
    expect((await staff.post('/items/login_days', { key: 'forged', channel: 'pc' })).status).toBe(403);
  });
});

describe('administrator roster', () => {
  it('files a change upward: the street’s head is told', async () => {
    const answer = await staff.post('/items/admin_roster_changes', {
      change: 'appointed',
      person: await me(newcomer),
      effective_on: '2026-11-20',
      reason: '原管理员调离',
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const notices: { subject: string; message: string }[] = await waitFor(
      async () =>
        (
          await streetHead.get(
            `/notifications?filter[collection][_eq]=admin_roster_changes&filter[item][_eq]=${answer.body.data.id}&fields=subject,message`,
          )
        ).body.data,
      (n: { subject: string; message: string }[]) => n.length > 0,
    );
    expect(notices[0]!.subject).toBe('管理员变动报备');
    expect(notices[0]!.message).toContain('求雨山社区');
    expect((await street.get(`/items/admin_roster_changes/${answer.body.data.id}?fields=change`)).body.data.change).toBe('appointed');
    expect((await otherCommunity.get(`/items/admin_roster_changes/${answer.body.data.id}`)).status).toBe(403);
  });
});
