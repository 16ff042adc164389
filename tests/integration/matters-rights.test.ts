// Who may move a matter, through the real endpoint, for every one of the 16
// roles (one demo account each): a grid worker of G01 reports to its community
// C001, which now holds the matter; each role then tries to accept it (a holder's
// action) and to close it (the initiator's). The pure table behind it is
// extensions/domains/matters/transitions.test.ts; this checks the endpoint applies it
// to real people: their unit, their job (leaders only read), what they can see.

import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../seed/demo-users.ts';
import { baseUrl, errorMessage, login, loginAdmin, type Session } from '../http.ts';

const ALLOWED = 'allowed';
const NOT_HOLDER = '只有当前承办单位可以受理';
const NOT_INITIATOR = '只有发起单位可以办结（谁发起、谁办结）';
const LEADER_ACCEPT = '领导账号只能查阅和批示，不能受理';
const LEADER_CLOSE = '领导账号只能查阅和批示，不能办结';
/** A unit off the matter's route and not above it does not see the matter at all. */
const UNSEEN = 'unseen';
/** The initiator may close, but not a matter still waiting to be accepted. */
const NOT_YET = '事项当前为“待受理”，不能办结';

// role → [accept, close]
const RIGHTS: Record<string, [accept: string, close: string]> = {
  'district-sysadmin': [NOT_HOLDER, NOT_INITIATOR],
  'district-head': [NOT_HOLDER, NOT_INITIATOR],
  'district-staff': [NOT_HOLDER, NOT_INITIATOR],
  'district-leader': [LEADER_ACCEPT, LEADER_CLOSE],
  'street-sysadmin': [NOT_HOLDER, NOT_INITIATOR],
  'street-head': [NOT_HOLDER, NOT_INITIATOR],
  'street-staff': [NOT_HOLDER, NOT_INITIATOR],
  'street-leader': [LEADER_ACCEPT, LEADER_CLOSE],
  'community-sysadmin': [ALLOWED, NOT_INITIATOR],
  'community-head': [ALLOWED, NOT_INITIATOR],
  'community-staff': [ALLOWED, NOT_INITIATOR],
  'community-social_worker': [ALLOWED, NOT_INITIATOR],
  'community-leader': [LEADER_ACCEPT, LEADER_CLOSE],
  'grid-grid_worker': [NOT_HOLDER, NOT_YET],
  'department-liaison': [UNSEEN, UNSEEN],
  'department-leader': [UNSEEN, UNSEEN],
};

const emailOf = (role: string) => `${role.replace('_', '')}@pukou.gov.cn`;

let reporter: Session;
let category: number;
const sessions = new Map<string, Session>();

beforeAll(async () => {
  const admin = await loginAdmin();
  category = (await admin.get('/items/matter_categories?limit=1&fields=id')).body.data[0].id;
  await Promise.all(DEMO_USERS.map(async (user) => sessions.set(user.email, await login(user.email))));
  reporter = sessions.get(emailOf('grid-grid_worker'))!;
});

/** What the endpoint answered, in the table's terms. */
function outcome(answer: { status: number; body: any }, allowedStatus: string): string {
  if (answer.status === 200) return answer.body.data.status === allowedStatus ? ALLOWED : `200 but ${answer.body.data.status}`;
  const reason = errorMessage(answer);
  if (answer.status === 403 && answer.body.errors?.[0]?.extensions?.code === 'FORBIDDEN') return UNSEEN;
  return answer.status === 403 || answer.status === 409 ? reason : `${answer.status} ${reason}`;
}

describe('the rights of every role over POST /matters/:id/transition', () => {
  it('covers every role', () => expect(Object.keys(RIGHTS).map(emailOf).sort()).toEqual(DEMO_USERS.map((u) => u.email).sort()));

  it.each(Object.entries(RIGHTS))('%s', async (role, [accept, close]) => {
    const session = sessions.get(emailOf(role))!;
    const reported = await reporter.post('/matters/report', {
      type: 'event_report',
      title: `权限表：${role}`,
      category,
      urgency: 'normal',
      description: '权限表测试',
    });
    expect(reported.status).toBe(200);
    const { id, version } = reported.body.data;

    // What the endpoint offers the role agrees with what it lets it do.
    const offered = await session.get(`/matters/${id}/actions`);
    if (accept === UNSEEN) expect(offered.status).toBe(403);
    else expect(offered.body.data.actions.includes('accept')).toBe(accept === ALLOWED);

    const closing = await session.post(`/matters/${id}/transition`, { action: 'close', version });
    expect(outcome(closing, 'closed')).toBe(close);
    expect(closing.status).toBe(close === NOT_YET ? 409 : 403);
    const accepting = await session.post(`/matters/${id}/transition`, { action: 'accept', version });
    expect(outcome(accepting, 'handling')).toBe(accept);
    if (accept !== ALLOWED) expect(accepting.status).toBe(403);

    // A refusal changed nothing.
    const after = (await reporter.get(`/items/matters/${id}?fields=status,version`)).body.data;
    expect(after).toEqual(accept === ALLOWED ? { status: 'handling', version: version + 1 } : { status: 'pending_acceptance', version });
  });
});

describe('whom a raised matter may go to (GET /matters/report-targets)', () => {
  const paths = (units: { path: string }[]) => units.map((u) => u.path);

  it('lists a street office its communities and every department, though it reads neither the departments nor other streets', async () => {
    const street = sessions.get(emailOf('street-staff'))!;
    const answer = await street.get('/matters/report-targets');
    expect(answer.status).toBe(200);
    expect(paths(answer.body.data.child)).toEqual(['/320111/S01/C001/', '/320111/S01/C002/', '/320111/S01/C003/']);
    expect(paths(answer.body.data.department)).toEqual(expect.arrayContaining(['/320111/GAJ/', '/320111/CGJ/', '/320111/DLQ/']));
    expect(answer.body.data.department.every((u: { kind: string }) => u.kind !== 'office')).toBe(true);
    expect((await street.get('/items/units?filter[kind][_neq]=office&fields=id')).body.data).toEqual([]);
  });

  it('lists a grid worker no office below, and refuses one who is not signed in', async () => {
    const grid = await sessions.get(emailOf('grid-grid_worker'))!.get('/matters/report-targets');
    expect(grid.status).toBe(200);
    expect(grid.body.data.child).toEqual([]);
    const anonymous = await fetch(`${baseUrl()}/matters/report-targets`);
    expect(anonymous.status).toBe(403);
    expect(JSON.stringify(await anonymous.json())).toContain('请先登录');
  });
});
