// Patrols: a grid's route and its patrol records; a finding becomes an event
// report through the matters service, linked to the record once.

import { beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../http.ts';
import { demoSessions } from '../office-helpers.ts';

let admin: Session, community: Session, grid: Session;
let ids: Map<string, number>;
let route: number, category: number;
const at = (hoursAgo: number) => new Date(Date.now() - hoursAgo * 3_600_000).toISOString();

beforeAll(async () => {
  ({ admin, ids, community, grid } = await demoSessions());
  category = (await admin.get('/items/matter_categories?limit=1&fields=id')).body.data[0].id;
  const answer = await grid.post('/items/patrol_routes', {
    name: '第一网格夜巡线',
    schedule: '每日19:00—21:00',
    checkpoints: '小区东门\n菜市场\n学校后门',
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  route = answer.body.data.id;
});

describe('patrols', () => {
  it('records a patrol on a route of the own unit or above, ending after it starts', async () => {
    const communityRoute = (await community.post('/items/patrol_routes', { name: '社区重点区域巡查', schedule: '每周二、五' })).body.data
      .id;
    const otherGridRoute = (
      await admin.post('/items/patrol_routes', { unit: ids.get('/320111/S01/C001/G02/'), name: '第二网格线', schedule: '每日' })
    ).body.data.id;
    const onCommunityRoute = await grid.post('/items/patrol_records', {
      route: communityRoute,
      patrollers: '王伟',
      started_at: at(3),
      ended_at: at(2),
    });
    expect(onCommunityRoute.status, JSON.stringify(onCommunityRoute.body)).toBe(200);
    const before = Number((await admin.get('/items/patrol_records?aggregate[count]=*')).body.data[0].count);
    expect(
      (await grid.post('/items/patrol_records', { route: otherGridRoute, patrollers: '王伟', started_at: at(3), ended_at: at(2) })).status,
    ).toBe(400);
    expect((await grid.post('/items/patrol_records', { route, patrollers: '王伟', started_at: at(2), ended_at: at(3) })).status).toBe(400);
    expect((await grid.post('/items/patrol_records', { route, patrollers: '王伟', started_at: at(2) })).status).toBe(400);
    expect(
      (await grid.post('/items/patrol_records', { route, patrollers: '王伟', started_at: at(3), ended_at: at(2), matter: 1 })).status,
    ).toBe(400);
    expect(Number((await admin.get('/items/patrol_records?aggregate[count]=*')).body.data[0].count)).toBe(before);
  });

  it('turns a finding into an event report once', async () => {
    const record = (
      await grid.post('/items/patrol_records', {
        route,
        patrollers: '王伟、志愿者2名',
        started_at: at(3),
        ended_at: at(2),
        checkpoints_visited: '小区东门、菜市场',
        findings: '菜市场西侧消防通道被杂物堵塞。',
      })
    ).body.data.id;
    const incomplete = await grid.post(`/office/patrols/${record}/report`, { title: '消防通道堵塞' });
    expect(incomplete.status).toBe(400);
    expect((await community.post(`/office/patrols/${record}/report`, { title: '消防通道堵塞', category })).status).toBe(403);
    expect((await admin.get(`/items/patrol_records/${record}?fields=matter`)).body.data.matter).toBeNull();

    const reported = await grid.post(`/office/patrols/${record}/report`, { title: '消防通道堵塞', category });
    expect(reported.status, JSON.stringify(reported.body)).toBe(200);
    const matter = reported.body.data.matter;
    expect(matter.number).toMatch(/^SJ-\d{8}-\d{4}$/);
    expect((await admin.get(`/items/matters/${matter.id}?fields=type,description,source,unit`)).body.data).toEqual({
      type: 'event_report',
      description: '菜市场西侧消防通道被杂物堵塞。',
      source: 'grid_worker',
      unit: ids.get('/320111/S01/C001/G01/'),
    });
    expect((await admin.get(`/items/patrol_records/${record}?fields=matter`)).body.data.matter).toBe(matter.id);
    expect((await grid.post(`/office/patrols/${record}/report`, { title: '再报一次', category })).status).toBe(409);
    // The community receives it like any report from its grid.
    expect((await community.get(`/items/matters/${matter.id}?fields=status`)).body.data.status).toBe('pending_acceptance');
  });
});
