// Special projects (专项工作): 江浦街道 leads one with a due date, asks its
// communities and a grid to submit material (报送); each submits once, on time or
// late; only the lead unit (and the units above it) sees who has not submitted;
// an asked unit sees the project and its own submission, nobody else's; reminders
// are queued on assignment and removed on submission.

import type { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDateOf } from '../../extensions/kernel/working-days.ts';
import { errorMessage, login, type Session } from '../http.ts';
import { officeCast, officeReminderQueue, upload } from '../office-helpers.ts';

let admin: Session,
  street: Session,
  streetLeader: Session,
  community: Session,
  grid: Session,
  otherCommunity: Session,
  otherStreet: Session;
let ids: Map<string, number>;
let queue: Queue;
const DAY = 86_400_000;
const inDays = (n: number) => localDateOf(new Date(Date.now() + n * DAY));

async function project(session: Session, fields: Record<string, unknown> = {}): Promise<number> {
  const answer = await session.post('/items/special_projects', {
    title: '平安小区创建专项',
    description: '各社区报送创建台账',
    due_on: inDays(7),
    ...fields,
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body.data.id;
}

const submissions = async (id: number) =>
  (
    await admin.get(
      `/items/project_submissions?filter[project][_eq]=${id}&fields=unit_path,status,submitted_at,text&sort=unit_path&limit=-1`,
    )
  ).body.data;

beforeAll(async () => {
  ({ admin, ids, street, community, grid, streetLeader, otherCommunity, otherStreet } = await officeCast());
  queue = officeReminderQueue();
});

afterAll(async () => {
  await queue?.close();
});

/** The reminder jobs queued for the community's submission to a project. */
async function communityJobs(project: number): Promise<string[]> {
  const sid = (
    await community.get(
      `/items/project_submissions?filter[project][_eq]=${project}&filter[unit][_eq]=${ids.get('/320111/S01/C001/')}&fields=id`,
    )
  ).body.data[0].id;
  return (await queue.getJobs(['delayed', 'waiting']))
    .filter((j) => j.id?.startsWith(`office.proj.${sid}.`))
    .map((j) => j.data.kind as string)
    .sort();
}

describe('a special project’s submissions', () => {
  let id: number;
  let material: string;

  it('asks the chosen units once each, and tells their staff', async () => {
    id = await project(street);
    const assigned = await street.post(`/office/projects/${id}/assign`, {
      targets: { levels: ['community'], units: [ids.get('/320111/S01/C001/G01/')] },
    });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    expect(assigned.body.data).toMatchObject({ id, added: 4, total: 4 });
    expect(assigned.body.data.due_at).toBe(new Date(`${inDays(7)}T23:59:59.999+08:00`).toISOString());
    // Asking again adds only the units not yet asked.
    const again = await street.post(`/office/projects/${id}/assign`, {
      targets: { units: [ids.get('/320111/S01/C001/'), ids.get('/320111/S01/C001/G02/')] },
    });
    expect(again.body.data).toMatchObject({ added: 1, total: 5 });
    const rows = await submissions(id);
    expect(rows.map((r: { unit_path: string }) => r.unit_path)).toEqual([
      '/320111/S01/C001/',
      '/320111/S01/C001/G01/',
      '/320111/S01/C001/G02/',
      '/320111/S01/C002/',
      '/320111/S01/C003/',
    ]);
    for (const r of rows) expect(r).toMatchObject({ status: 'pending', submitted_at: null });
    const notices = (
      await community.get(`/notifications?filter[collection][_eq]=special_projects&filter[item][_eq]=${id}&fields=subject,message`)
    ).body.data;
    expect(notices).toEqual([
      { subject: '专项工作待报送', message: `【综治】江浦街道牵头的专项工作“平安小区创建专项”请于${inDays(7)}前报送材料。` },
    ]);
    // Reminded before the due date and chased at it, on the office reminder queue.
    expect(await communityJobs(id)).toEqual(['project_chase', 'project_remind']);
  });

  it('refuses wrong assignments and changes nothing', async () => {
    const cases: [Session, unknown, number, string][] = [
      [street, {}, 400, '请选择接收单位'],
      [street, { targets: { units: [ids.get('/320111/S02/C004/')] } }, 400, '不是本单位的下级单位'],
      [street, { targets: { levels: ['street'] } }, 400, '所选范围内没有接收单位'],
      [community, { targets: { levels: ['grid'] } }, 403, '只能为本单位牵头的专项工作布置报送'],
      [otherStreet, { targets: { levels: ['community'] } }, 403, '只能为本单位牵头的专项工作布置报送'],
      [streetLeader, { targets: { levels: ['community'] } }, 403, '领导账号只能查阅'],
    ];
    for (const [session, body, status, message] of cases) {
      const answer = await session.post(`/office/projects/${id}/assign`, body);
      expect(answer.status).toBe(status);
      expect(errorMessage(answer)).toContain(message);
    }
    expect((await street.post('/office/projects/abc/assign', { targets: { levels: ['community'] } })).status).toBe(403);
    expect(await submissions(id)).toHaveLength(5);

    const undated = await project(street, { title: '无时限专项', due_on: null });
    expect(errorMessage(await street.post(`/office/projects/${undated}/assign`, { targets: { levels: ['community'] } }))).toContain(
      '请先填写专项工作的完成时限',
    );
    const past = await project(street, { title: '已过期专项', due_on: inDays(-2) });
    expect(errorMessage(await street.post(`/office/projects/${past}/assign`, { targets: { levels: ['community'] } }))).toContain(
      '专项工作的完成时限已过，不能再布置报送',
    );
    const closed = await project(street, { title: '已结束专项', status: 'closed' });
    expect((await street.post(`/office/projects/${closed}/assign`, { targets: { levels: ['community'] } })).status).toBe(409);
    for (const p of [undated, past, closed]) expect(await submissions(p)).toEqual([]);
  });

  it('refuses projects with missing fields or for another unit', async () => {
    expect((await street.post('/items/special_projects', { description: '无名称' })).status).toBe(400);
    expect((await community.post('/items/special_projects', { title: '冒名专项', unit: ids.get('/320111/S01/') })).status).toBe(400);
    expect((await admin.get('/items/special_projects?filter[title][_in]=冒名专项&fields=id')).body.data).toEqual([]);
    // Submissions are written only by the endpoint.
    expect(
      (await community.post('/items/project_submissions', { project: id, unit: ids.get('/320111/S01/C001/'), status: 'submitted' })).status,
    ).toBe(403);
    expect((await street.patch(`/items/project_submissions/1`, { status: 'submitted' })).status).toBe(403);
  });

  it('lets an asked unit see the project and its own submission, not the others’', async () => {
    expect((await community.get(`/items/special_projects/${id}?fields=title,due_on`)).body.data.title).toBe('平安小区创建专项');
    expect((await otherCommunity.get(`/items/project_submissions?filter[project][_eq]=${id}&fields=unit_path`)).body.data).toEqual([
      { unit_path: '/320111/S01/C002/' },
    ]);
    expect((await otherStreet.get(`/items/special_projects/${id}`)).status).toBe(403);
    expect((await otherStreet.get(`/items/project_submissions?filter[project][_eq]=${id}`)).body.data).toEqual([]);
  });

  it('takes a submission once, with text or materials, from an asked unit only', async () => {
    for (const body of [{}, { text: '  ' }, { text: 'x'.repeat(5001) }, { text: '好', files: ['not-a-file'] }, { files: 'x' }]) {
      expect((await community.post(`/office/projects/${id}/submit`, body)).status).toBe(400);
    }
    const notMine = await upload(otherCommunity, '别人的台账.txt', '台账', 'text/plain');
    expect(errorMessage(await community.post(`/office/projects/${id}/submit`, { files: [notMine] }))).toContain('不是本人上传的文件');
    expect((await otherStreet.post(`/office/projects/${id}/submit`, { text: '冒报' })).status).toBe(403);
    expect((await streetLeader.post(`/office/projects/${id}/submit`, { text: '冒报' })).status).toBe(403);
    // The lead unit itself was not asked.
    expect(errorMessage(await street.post(`/office/projects/${id}/submit`, { text: '自报' }))).toBe('本单位不是该专项工作的报送单位');
    expect((await submissions(id)).every((r: { status: string }) => r.status === 'pending')).toBe(true);

    material = await upload(community, '创建台账.txt', '平安小区创建台账', 'text/plain');
    const done = await community.post(`/office/projects/${id}/submit`, { text: '已完成3个小区的创建台账。', files: [material] });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.data.status).toBe('submitted');
    // Submitted: its reminders go.
    expect(await communityJobs(id)).toEqual([]);
    const again = await community.post(`/office/projects/${id}/submit`, { text: '补充' });
    expect(again.status).toBe(409);
    expect(errorMessage(again)).toBe('本单位已报送');
    expect((await submissions(id))[0]).toMatchObject({
      unit_path: '/320111/S01/C001/',
      status: 'submitted',
      text: '已完成3个小区的创建台账。',
    });
    expect((await street.get(`/files/${material}?fields=id`)).status).toBe(200);
    expect((await otherCommunity.get(`/files/${material}?fields=id`)).status).toBe(403);
  });

  it('shows the lead unit, and only it and the units above, who has not submitted', async () => {
    const page = await street.get(`/office/projects/${id}/status?show=pending`);
    expect(page.status).toBe(200);
    expect(page.body.data.counts).toEqual({ pending: 4, submitted: 1, late: 0, overdue: 0 });
    expect(page.body.data.submissions.map((s: { unit_name: string }) => s.unit_name)).toEqual([
      '求雨山社区第一网格',
      '求雨山社区第二网格',
      '象山社区',
      '惠济社区',
    ]);
    expect((await login('district-staff@pukou.gov.cn').then((d) => d.get(`/office/projects/${id}/status`))).status).toBe(200);
    for (const s of [community, grid, otherCommunity, otherStreet]) expect((await s.get(`/office/projects/${id}/status`)).status).toBe(403);
    expect((await street.get(`/office/projects/${id}/status?show=nobody`)).status).toBe(400);
    expect((await street.get(`/office/projects/${id}/status?limit=0`)).status).toBe(400);
    expect((await street.get('/office/projects/999999/status')).status).toBe(403);
  });

  it('records a submission after the due date as late and counts the rest as overdue', async () => {
    expect((await street.patch(`/items/special_projects/${id}`, { due_on: inDays(-1) })).status).toBe(200);
    const late = await otherCommunity.post(`/office/projects/${id}/submit`, { text: '迟报的台账' });
    expect(late.status).toBe(200);
    expect(late.body.data.status).toBe('late');
    expect((await submissions(id)).find((r: { unit_path: string }) => r.unit_path === '/320111/S01/C002/')).toMatchObject({
      status: 'late',
    });
    const page = (await street.get(`/office/projects/${id}/status?show=overdue`)).body.data;
    expect(page.counts).toEqual({ pending: 3, submitted: 1, late: 1, overdue: 3 });
    expect(page.submissions.map((s: { unit_name: string }) => s.unit_name)).toEqual([
      '求雨山社区第一网格',
      '求雨山社区第二网格',
      '惠济社区',
    ]);
  });

  it('takes nothing once the project is closed', async () => {
    expect((await street.patch(`/items/special_projects/${id}`, { status: 'closed' })).status).toBe(200);
    expect((await grid.post(`/office/projects/${id}/submit`, { text: '结束后报送' })).status).toBe(409);
    expect((await submissions(id)).find((r: { unit_path: string }) => r.unit_path === '/320111/S01/C001/G01/')).toMatchObject({
      status: 'pending',
    });
  });
});
