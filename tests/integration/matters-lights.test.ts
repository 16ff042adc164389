// The deadline light as one stored fact on a real Directus: yellow_at (临期时间,
// extensions/domains/matters/lights.ts) is written with the deadlines by a report and
// by every transition that moves the running deadline, is the very instant of the
// three_quarters reminder, is repaired by the worker's scan, cannot be written by
// users, and makes the list's light filter (frontend/src/pages/matters/light-filter.ts)
// exact on the server.

import { beforeAll, describe, expect, it } from 'vitest';
import { threeQuarters } from '../../extensions/domains/matters/milestones.ts';
import { localDayStart, makeCalendar } from '../../extensions/kernel/working-days.ts';
import type { Light } from '../../frontend/src/matters/lights.ts';
import { lightFilter } from '../../frontend/src/pages/matters/light-filter.ts';
import { toDirectusFilter } from '../../frontend/src/providers/filters.ts';
import { login, loginAdmin, unitIds, waitFor, type Session } from '../http.ts';

let admin: Session, grid: Session, community: Session, street: Session;
let category: number;
let streetId: number;

const STAMP = `灯${Date.now()}`;
const hours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
const ms = (iso: string | null) => (iso === null ? null : Date.parse(iso));

interface Timing {
  status: string;
  date_created: string;
  sign_due_at: string | null;
  due_at: string | null;
  yellow_at: string | null;
  version: number;
}

async function report(title: string, urgency: string, type = 'event_report'): Promise<{ id: number; yellow_at: string | null }> {
  const answer = await grid.post('/matters/report', { type, title: `${title} ${STAMP}`, category, urgency, description: '灯色测试' });
  expect(answer.status).toBe(200);
  return answer.body.data;
}

async function timing(id: number): Promise<Timing> {
  return (await admin.get(`/items/matters/${id}?fields=status,date_created,sign_due_at,due_at,yellow_at,version`)).body.data;
}

async function move(session: Session, id: number, action: string, extra: Record<string, unknown> = {}) {
  const answer = await session.post(`/matters/${id}/transition`, { action, version: (await timing(id)).version, ...extra });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body.data;
}

/** 75 % of the wall-clock time from `start` to `end` (特急 and 紧急 deadlines are in minutes and hours). */
const threeQuartersOf = (start: string, end: string) => Date.parse(start) + Math.round((Date.parse(end) - Date.parse(start)) * 0.75);

beforeAll(async () => {
  admin = await loginAdmin();
  [grid, community, street] = await Promise.all([
    login('grid-gridworker@pukou.gov.cn'),
    login('community-staff@pukou.gov.cn'),
    login('street-staff@pukou.gov.cn'),
  ]);
  category = (await admin.get('/items/matter_categories?filter[code][_eq]=MDJF&fields=id')).body.data[0].id;
  streetId = (await unitIds(admin)).get('/320111/S01/')!;
});

describe('the stored light (yellow_at)', () => {
  it('is written with a report: 75 % of the sign-for window while waiting, the completion deadline once accepted', async () => {
    // 特急: accept within 30 minutes, complete within 2 hours.
    const { id, yellow_at } = await report('上报即写临期时间', 'extra_urgent');
    const m = await timing(id);
    expect(m.status).toBe('pending_acceptance');
    expect(ms(yellow_at)).toBe(ms(m.yellow_at));
    expect(ms(m.yellow_at)).toBe(threeQuartersOf(m.date_created, m.sign_due_at!));

    const accepted = await move(community, id, 'accept');
    expect(accepted.status).toBe('handling');
    expect(ms(accepted.yellow_at)).toBe(threeQuartersOf(m.date_created, m.due_at!));
  });

  it('is the instant of the three_quarters reminder, in working time for a working-day deadline', async () => {
    // 一般: 5 working days, so 75 % is of the working time, as the reminder counts it.
    const { id } = await report('临期即75%提醒', 'normal');
    await move(community, id, 'accept');
    const m = await timing(id);
    const calendar = makeCalendar((await admin.get('/items/calendar_days?limit=-1&fields=date,kind')).body.data);
    expect(ms(m.yellow_at)).toBe(
      threeQuarters({ created: new Date(m.date_created), complete_unit: 'working_days' }, new Date(m.due_at!), calendar).getTime(),
    );

    // Shortened by an administrator: the scan moves the light with the reminder, to the same instant.
    expect((await admin.patch(`/items/matters/${id}`, { due_at: new Date(Date.now() + 4000).toISOString() })).status).toBe(200);
    const reminded = async () =>
      (await admin.get(`/items/matter_reminders?filter[matter][_eq]=${id}&filter[kind][_eq]=three_quarters&fields=due_at`)).body.data;
    const [reminder] = await waitFor(reminded, (r) => r.length === 1);
    expect(reminder).toBeDefined();
    const repaired = await waitFor(
      () => timing(id),
      (t) => ms(t.yellow_at) === ms(reminder.due_at),
    );
    expect(ms(repaired.yellow_at)).toBe(ms(reminder.due_at));
  });

  it('moves with the running deadline: a new holder signs for it afresh, then the completion deadline runs again', async () => {
    const { id } = await report('上报街道', 'extra_urgent');
    const created = await timing(id);
    await move(community, id, 'accept');

    const escalated = await move(community, id, 'escalate', { target_unit: streetId });
    expect(escalated.status).toBe('pending_acceptance');
    const [step] = (await admin.get(`/items/matter_steps?filter[matter][_eq]=${id}&filter[action][_eq]=escalate&fields=date_created`)).body
      .data;
    // Counted from the hand-on, as the new sign-for deadline is.
    expect(ms(escalated.yellow_at)).toBe(threeQuartersOf(step.date_created, escalated.sign_due_at));
    expect(ms(escalated.yellow_at)).toBeGreaterThan(threeQuartersOf(created.date_created, created.sign_due_at!));

    const accepted = await move(street, id, 'accept');
    expect(ms(accepted.yellow_at)).toBe(threeQuartersOf(created.date_created, created.due_at!));

    const replied = await move(street, id, 'reply', { opinion: '已处置' });
    expect(ms(replied.yellow_at)).toBe(ms(accepted.yellow_at));
    await move(community, id, 'reply', { opinion: '已处置完毕' });
    const closed = await move(grid, id, 'close');
    expect(closed.status).toBe('closed');
    expect(closed.yellow_at).toBeNull();
  });

  it("is none while the clock is paused, and the resumed deadline's 75 % afterwards", async () => {
    const { id } = await report('暂停计时无灯', 'urgent', 'request');
    await move(community, id, 'accept');
    const policy = (await admin.get('/items/deadline_policies?filter[matter_type][_eq]=request&filter[urgency][_eq]=urgent&fields=id')).body
      .data[0].id;
    await admin.patch(`/items/deadline_policies/${policy}`, { pausable: true });
    try {
      const paused = await move(community, id, 'pause', { opinion: '等待鉴定结果' });
      expect(paused.yellow_at).toBeNull();
      await new Promise((r) => setTimeout(r, 1000));
      const resumed = await move(community, id, 'resume');
      const m = await timing(id);
      expect(ms(resumed.due_at)).toBeGreaterThan(ms(paused.due_at)! + 900);
      expect(ms(resumed.yellow_at)).toBe(threeQuartersOf(m.date_created, resumed.due_at));
    } finally {
      await admin.patch(`/items/deadline_policies/${policy}`, { pausable: false });
    }
  });

  it('cannot be written by users, and a PATCH changes nothing', async () => {
    const { id } = await report('临期时间只读', 'extra_urgent');
    const before = await timing(id);
    for (const session of [grid, community, street]) {
      expect((await session.patch(`/items/matters/${id}`, { yellow_at: hours(100) })).status).toBe(403);
      expect((await session.patch(`/items/matters/${id}`, { yellow_at: null })).status).toBe(403);
    }
    expect(await timing(id)).toEqual(before);
  });

  it('is filled in by the scan where a database from before the field has none, counted from the last hand-on', async () => {
    const { id, yellow_at } = await report('升级后补齐', 'extra_urgent');
    const escalated = await report('升级后补齐：已上报街道', 'extra_urgent');
    await move(community, escalated.id, 'accept');
    const handedOn = await move(community, escalated.id, 'escalate', { target_unit: streetId });
    for (const matter of [id, escalated.id]) expect((await admin.patch(`/items/matters/${matter}`, { yellow_at: null })).status).toBe(200);
    const filled = await waitFor(
      () => timing(id),
      (t) => t.yellow_at !== null,
    );
    expect(ms(filled.yellow_at)).toBe(ms(yellow_at));
    const refilled = await waitFor(
      () => timing(escalated.id),
      (t) => t.yellow_at !== null,
    );
    expect(ms(refilled.yellow_at)).toBe(ms(handedOn.yellow_at));
  });
});

describe('the list filter by light', () => {
  it('selects exactly the matters of each light on the server', async () => {
    const ids: Record<string, number> = {};
    for (const light of ['overdue', 'red', 'yellow', 'green', 'none', 'accepted'])
      ids[light] = (await report(`灯色筛选 ${light}`, 'extra_urgent')).id;
    // Deadlines set by hand as the reminder tests do: passed before today (China time); passed today (at its midnight);
    // 90 % used; 10 % used; closed; accepted, completion 80 % used.
    const today = localDayStart(new Date()).getTime();
    await admin.patch(`/items/matters/${ids.overdue}`, {
      sign_due_at: new Date(today - 3_600_000).toISOString(),
      due_at: new Date(today - 3_600_000).toISOString(),
    });
    await admin.patch(`/items/matters/${ids.red}`, { sign_due_at: new Date(today).toISOString(), due_at: new Date(today).toISOString() });
    await admin.patch(`/items/matters/${ids.yellow}`, { date_created: hours(-9), sign_due_at: hours(1), due_at: hours(40) });
    await admin.patch(`/items/matters/${ids.green}`, { sign_due_at: hours(9), due_at: hours(40) });
    await admin.patch(`/items/matters/${ids.none}`, { status: 'closed' });
    await move(community, ids.accepted!, 'accept');
    await admin.patch(`/items/matters/${ids.accepted}`, { date_created: hours(-8), due_at: hours(2) });
    // The scan brings yellow_at up to date with the deadlines.
    for (const light of ['yellow', 'accepted'])
      await waitFor(
        () => timing(ids[light]!),
        (t) => ms(t.yellow_at)! <= Date.now(),
      );

    const picked = async (light: Light) => {
      const filter = {
        _and: [toDirectusFilter(lightFilter(light, new Date())), { title: { _contains: STAMP } }, { title: { _contains: '灯色筛选' } }],
      };
      const answer = await street.get(`/items/matters?filter=${encodeURIComponent(JSON.stringify(filter))}&fields=id&sort=id&limit=-1`);
      expect(answer.status).toBe(200);
      return answer.body.data.map((m: { id: number }) => m.id);
    };
    expect(await picked('overdue')).toEqual([ids.overdue]);
    expect(await picked('red')).toEqual([ids.red]);
    expect(await picked('yellow')).toEqual([ids.yellow, ids.accepted]);
    expect(await picked('green')).toEqual([ids.green]);
    expect(await picked('none')).toEqual([ids.none]);
  });
});
