// 每日必办: the community (and the street above) define the items; a grid worker's
// checklist for today is made on first asking and ticked off on the same day only;
// the next morning the community sees, per grid worker, what was not done.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALENDAR_2026 } from '../../seed/matters.ts';
import { DAILY_ITEMS } from '../../seed/office-demo.ts';
import { isWorkingDay, localDateOf, makeCalendar } from '../../extensions/kernel/working-days.ts';
import type { Session } from '../http.ts';
import { demoSessions, userAt } from '../office-helpers.ts';

let admin: Session, street: Session, community: Session, grid: Session, secondGrid: Session, otherCommunity: Session;
let ids: Map<string, number>;
const today = localDateOf(new Date());
const working = isWorkingDay(makeCalendar(CALENDAR_2026.map((d) => ({ date: d.date, kind: d.kind }))), today);
const me = async (s: Session): Promise<string> => (await s.get('/users/me?fields=id')).body.data.id;
/** The demo community's own checklist (seed/office-demo.ts), besides the items this file adds. */
const SEEDED = DAILY_ITEMS.map((i) => i.title);
const addedTemplates: number[] = [];

beforeAll(async () => {
  ({ admin, ids, street, community, grid } = await demoSessions());
  secondGrid = await userAt(admin, ids, 'daily-g02@pukou.gov.cn', 'grid-grid_worker', '/320111/S01/C001/G02/');
  otherCommunity = await userAt(admin, ids, 'daily-c002@pukou.gov.cn', 'community-staff', '/320111/S01/C002/');
  for (const [session, title, kind] of [
    [community, '巡查本网格', 'patrol'],
    [community, '检查消防通道', 'check'],
    [street, '走访独居老人', 'visit'],
    [otherCommunity, '象山社区自己的事项', 'other'],
  ] as const) {
    const added = await session.post('/items/daily_task_templates', { title, kind });
    expect(added.status).toBe(200);
    addedTemplates.push(added.body.data.id);
  }
});

// The items this file added go with their checks, so other files' grid workers see only the seeded checklist and their own.
afterAll(async () => {
  for (const id of addedTemplates) expect((await admin.delete(`/items/daily_task_templates/${id}`)).status).toBe(204);
});

describe('daily must-do', () => {
  it.runIf(working)('gives a grid worker today’s items from the community and the street, ticked once, on the day', async () => {
    const list = (await grid.get('/office/daily')).body.data;
    expect(list.working_day).toBe(true);
    const titles = list.items.map((i: { title: string }) => i.title);
    // The street's item first (units above come first), then the community's.
    expect(titles[0]).toBe('走访独居老人');
    expect([...titles].sort()).toEqual(['走访独居老人', '巡查本网格', '检查消防通道', ...SEEDED].sort());
    // Asking again makes nothing twice.
    expect((await grid.get('/office/daily')).body.data.items).toHaveLength(titles.length);

    const patrol = list.items.find((i: { title: string }) => i.title === '巡查本网格').id;
    expect((await secondGrid.post(`/office/daily/${patrol}/done`, {})).status).toBe(403);
    expect((await grid.post(`/office/daily/${patrol}/done`, { note: 42 })).status).toBe(400);
    const done = await grid.post(`/office/daily/${patrol}/done`, { note: '网格内无异常' });
    expect(done.status).toBe(200);
    expect((await grid.post(`/office/daily/${patrol}/done`, {})).status).toBe(409);

    // An item of another day cannot be ticked any more.
    const template = (await admin.get('/items/daily_task_templates?filter[title][_eq]=巡查本网格&fields=id')).body.data[0].id;
    const yesterday = await admin.post('/items/daily_checks', {
      key: `${await me(grid)}.2026-01-05.${template}`,
      user: await me(grid),
      unit: ids.get('/320111/S01/C001/G01/'),
      day: '2026-01-05',
      template,
      done: false,
    });
    expect(yesterday.status).toBe(200);
    const late = await grid.post(`/office/daily/${yesterday.body.data.id}/done`, {});
    expect(late.status).toBe(409);
  });

  it.runIf(working)('shows the community, and only the jurisdiction, what each grid worker has not done', async () => {
    const missed = (await community.get(`/office/daily/missed?day=${today}`)).body.data.missed as { user: string; title: string }[];
    const of = async (s: Session) => {
      const id = await me(s);
      return missed
        .filter((m) => m.user === id)
        .map((m) => m.title)
        .sort();
    };
    expect(await of(grid)).toEqual(['检查消防通道', '走访独居老人', ...SEEDED].sort());
    // The second grid's worker never opened the checklist: everything is missing.
    expect(await of(secondGrid)).toEqual(['巡查本网格', '检查消防通道', '走访独居老人', ...SEEDED].sort());
    const sibling = (await otherCommunity.get(`/office/daily/missed?day=${today}`)).body.data.missed as { user: string }[];
    expect(sibling.map((m) => m.user)).not.toContain(await me(grid));
    // Nobody writes records by hand, nor reads another jurisdiction's.
    expect((await grid.post('/items/daily_checks', { key: 'forged', day: today })).status).toBe(403);
    expect((await otherCommunity.get(`/items/daily_checks?filter[user][_eq]=${await me(grid)}`)).body.data).toEqual([]);
  });

  it('shows the community the seeded month: on each past working day, what the demo grid worker left undone', async () => {
    const worker = await me(grid);
    // Before today: today's list is made when the worker opens it (as the tests above did).
    const seeded = (
      await admin.get(
        `/items/daily_checks?filter[user][_eq]=${worker}&filter[template][title][_in]=${SEEDED.join(',')}&filter[day][_lt]=${today}&fields=day,done,template.title&limit=-1`,
      )
    ).body.data as { day: string; done: boolean; template: { title: string } }[];
    const days = [...new Set(seeded.map((c) => c.day))].sort();
    // A month of working days before today, four items each, some missed and most done.
    expect(days.length).toBeGreaterThanOrEqual(15);
    expect(seeded).toHaveLength(days.length * SEEDED.length);
    const missedDays = days.filter((d) => seeded.some((c) => c.day === d && !c.done));
    expect(missedDays.length).toBeGreaterThan(0);
    expect(seeded.filter((c) => c.done).length).toBeGreaterThan(seeded.length / 2);
    // The next morning the community sees exactly those undone items of the seeded checklist.
    for (const day of [missedDays[0]!, missedDays.at(-1)!]) {
      const answer = (await community.get(`/office/daily/missed?day=${day}`)).body.data;
      expect(answer.working_day).toBe(true);
      const shown = (answer.missed as { user: string; title: string }[])
        .filter((m) => m.user === worker && SEEDED.includes(m.title))
        .map((m) => m.title)
        .sort();
      expect(shown).toEqual(
        seeded
          .filter((c) => c.day === day && !c.done)
          .map((c) => c.template.title)
          .sort(),
      );
    }
  });

  it('has nothing to do on a day off, and refuses malformed or future days', async () => {
    const sunday = (await community.get('/office/daily/missed?day=2026-11-22')).body.data;
    expect(sunday).toEqual({ day: '2026-11-22', working_day: false, missed: [] });
    expect((await grid.get('/office/daily?day=2026-11-22')).body.data).toMatchObject({ working_day: false, items: [] });
    for (const q of ['day=2026-1-5', 'day=tomorrow', 'day=2099-01-01'])
      expect((await community.get(`/office/daily/missed?${q}`)).status).toBe(400);
    expect((await grid.get('/office/daily?day=2099-01-01')).status).toBe(400);
  });
});
