// Work activity records (工作活动记录) with photos, monthly meetings (例会) and
// trainings (培训) with attendees; the monthly count per unit against the
// rubric's ten, seen by the unit and its superiors only; the training check.

import { beforeAll, describe, expect, it } from 'vitest';
import { errorMessage, type Session } from '../http.ts';
import { demoSessions, upload as uploadFile, userAt } from '../office-helpers.ts';

/** A 1×1 PNG. */
const PIXEL = Uint8Array.from(
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'),
);
const upload = (session: Session) => uploadFile(session, 'meeting.png', PIXEL, 'image/png');

let admin: Session, street: Session, community: Session, grid: Session, otherCommunity: Session;
let ids: Map<string, number>;
let gridWorkerId: string, communityStaffId: string;

beforeAll(async () => {
  ({ admin, ids, street, community, grid } = await demoSessions());
  otherCommunity = await userAt(admin, ids, 'activity-c002@pukou.gov.cn', 'community-staff', '/320111/S01/C002/');
  gridWorkerId = (await grid.get('/users/me?fields=id')).body.data.id;
  communityStaffId = (await community.get('/users/me?fields=id')).body.data.id;
});

describe('activity records', () => {
  it('keeps a monthly meeting with minutes, decisions, photos and attendees', async () => {
    const photo = await upload(community);
    const answer = await community.post('/items/activity_records', {
      activity_type: 'meeting',
      regular_meeting: true,
      occurred_on: '2025-03-05',
      title: '3月综治例会',
      place: '社区综治中心',
      participant_count: 8,
      minutes: '通报上月矛盾纠纷排查情况。',
      decisions: '一、加强夜间巡逻；二、月底前完成出租房信息更新。',
      photos: { create: [{ directus_files_id: photo }] },
      attendees: { create: [{ directus_users_id: gridWorkerId }] },
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const stored = (
      await street.get(
        `/items/activity_records/${answer.body.data.id}?fields=regular_meeting,decisions,photos.directus_files_id,attendees.directus_users_id`,
      )
    ).body.data;
    expect(stored).toEqual({
      regular_meeting: true,
      decisions: '一、加强夜间巡逻；二、月底前完成出租房信息更新。',
      photos: [{ directus_files_id: photo }],
      attendees: [{ directus_users_id: gridWorkerId }],
    });
    // The photo is seen within the jurisdiction (the street above), not by a sibling community.
    expect((await street.get(`/files/${photo}?fields=id`)).status).toBe(200);
    expect((await otherCommunity.get(`/files/${photo}?fields=id`)).status).toBe(403);
  });

  it('refuses attendees from elsewhere, photos of others, missing fields, and records of another unit — storing nothing', async () => {
    const before = Number((await admin.get('/items/activity_records?aggregate[count]=*')).body.data[0].count);
    const outsider = (await otherCommunity.get('/users/me?fields=id')).body.data.id;
    const theirs = await upload(otherCommunity);
    const base = { activity_type: 'training', training_kind: 'regular', occurred_on: '2025-03-06', title: '拒绝测试' };
    const wrongAttendee = await community.post('/items/activity_records', {
      ...base,
      attendees: { create: [{ directus_users_id: outsider }] },
    });
    expect(wrongAttendee.status).toBe(400);
    expect(errorMessage(wrongAttendee)).toContain('参训人员只能是本单位或下级单位的工作人员');
    const wrongPhoto = await community.post('/items/activity_records', { ...base, photos: { create: [{ directus_files_id: theirs }] } });
    expect(wrongPhoto.status).toBe(400);
    expect((await community.post('/items/activity_records', { activity_type: 'visit', occurred_on: '2025-03-06' })).status).toBe(400);
    expect((await community.post('/items/activity_records', { ...base, unit: ids.get('/320111/S01/C002/') })).status).toBe(400);
    expect((await community.post('/items/activity_records', { ...base, participant_count: -3 })).status).toBe(400);
    expect(Number((await admin.get('/items/activity_records?aggregate[count]=*')).body.data[0].count)).toBe(before);
  });
});

describe('monthly count per unit', () => {
  beforeAll(async () => {
    const make = (path: string, n: number) =>
      Array.from({ length: n }, (_, i) => ({
        unit: ids.get(path),
        activity_type: 'visit',
        occurred_on: `2025-04-${String(i + 1).padStart(2, '0')}`,
        title: `走访 ${i + 1}`,
      }));
    expect(
      (
        await admin.post('/items/activity_records', [
          ...make('/320111/S01/C001/', 10),
          ...make('/320111/S01/C002/', 3),
          ...make('/320111/S01/C001/G01/', 1),
        ])
      ).status,
    ).toBe(200);
    // Outside the month: not counted.
    expect(
      (
        await admin.post('/items/activity_records', {
          unit: ids.get('/320111/S01/C001/'),
          activity_type: 'visit',
          occurred_on: '2025-05-01',
          title: '五月走访',
        })
      ).status,
    ).toBe(200);
  });

  const lines = async (session: Session) => {
    const answer = await session.get('/office/activity/monthly?month=2025-04');
    expect(answer.status).toBe(200);
    return Object.fromEntries(
      (answer.body.data.units as { name: string; count: number; shortfall: number }[]).map((u) => [u.name, [u.count, u.shortfall]]),
    );
  };

  it('shows the unit and the units below it, with zeros and the shortfall against ten', async () => {
    expect(await lines(community)).toEqual({
      求雨山社区: [10, 0],
      求雨山社区第一网格: [1, 9],
      求雨山社区第二网格: [0, 10],
      求雨山社区第三网格: [0, 10],
    });
    const streetLines = await lines(street);
    expect(streetLines['求雨山社区']).toEqual([10, 0]);
    expect(streetLines['象山社区']).toEqual([3, 7]);
    expect(streetLines['江浦街道']).toEqual([0, 10]);
    expect(await lines(grid)).toEqual({ 求雨山社区第一网格: [1, 9] });
    expect(Object.keys(await lines(otherCommunity))).not.toContain('求雨山社区');
  });

  it('refuses a malformed month', async () => {
    for (const month of ['2025-4', '2025-13', 'april', ''])
      expect((await community.get(`/office/activity/monthly?month=${month}`)).status).toBe(400);
  });
});

describe('trainings', () => {
  it('counts regular trainings per unit and lists staff without pre-job training', async () => {
    for (const [day, kind] of [
      ['2025-03-10', 'regular'],
      ['2025-09-10', 'regular'],
      ['2025-06-01', 'pre_job'],
    ] as const) {
      const answer = await community.post('/items/activity_records', {
        activity_type: 'training',
        training_kind: kind,
        occurred_on: day,
        title: `${kind} 培训`,
        attendees: kind === 'pre_job' ? { create: [{ directus_users_id: gridWorkerId }] } : undefined,
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    }
    const check = (await street.get('/office/activity/trainings?year=2025')).body.data;
    const byName = Object.fromEntries(
      (check.units as { name: string; regular_trainings: number; enough: boolean }[]).map((u) => [u.name, [u.regular_trainings, u.enough]]),
    );
    expect(byName['求雨山社区']).toEqual([2, true]);
    expect(byName['象山社区']).toEqual([0, false]);
    const untrained = (check.without_pre_job_training as { id: string }[]).map((u) => u.id);
    expect(untrained).toContain(communityStaffId);
    expect(untrained).not.toContain(gridWorkerId);
    // A community sees only its own jurisdiction.
    const own = (await community.get('/office/activity/trainings?year=2025')).body.data;
    expect((own.units as { name: string }[]).map((u) => u.name)).not.toContain('象山社区');
    expect((await community.get('/office/activity/trainings?year=25')).status).toBe(400);
  });
});
