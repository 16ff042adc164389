// Daily field work: disputes with their mediation deadline from the policies,
// supervision (督办) by superior offices only, resolution and the resolution rate
// per unit; petition problems and mass incidents flagged when entered only after
// they erupted; rectification campaigns and stability risk assessments.

import { beforeAll, describe, expect, it } from 'vitest';
import { errorMessage, type Session } from '../http.ts';
import { demoSessions, userAt } from '../office-helpers.ts';

let admin: Session, street: Session, community: Session, grid: Session, otherStreet: Session, otherCommunity: Session;
let ids: Map<string, number>;

const dispute = (fields: Record<string, unknown> = {}) => ({
  title: '楼上漏水引发邻里纠纷',
  dispute_type: 'neighbourhood',
  risk_level: 'high',
  parties: '张某、李某',
  description: '楼上卫生间漏水，双方多次争吵。',
  discovered_on: '2026-11-20',
  ...fields,
});

beforeAll(async () => {
  ({ admin, ids, street, community, grid } = await demoSessions());
  otherStreet = await userAt(admin, ids, 'field-s02@pukou.gov.cn', 'street-staff', '/320111/S02/');
  otherCommunity = await userAt(admin, ids, 'field-c002@pukou.gov.cn', 'community-staff', '/320111/S01/C002/');
});

describe('disputes', () => {
  let id: number;

  it('sets the mediation deadline from the risk level’s policy', async () => {
    const answer = await community.post('/items/disputes', dispute());
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    id = answer.body.data.id;
    const due = new Date(answer.body.data.mediation_due_at).getTime();
    // 3 working days: at least 3 and at most 3 + a holiday week of calendar days away.
    expect(due - Date.now()).toBeGreaterThan(2 * 86_400_000);
    expect(due - Date.now()).toBeLessThan(14 * 86_400_000);
    const low = (await community.post('/items/disputes', dispute({ risk_level: 'low' }))).body.data;
    expect(new Date(low.mediation_due_at).getTime()).toBeGreaterThan(due);
  });

  it('refuses missing fields, a forged deadline, an unknown risk and another unit — storing nothing', async () => {
    const before = Number((await admin.get('/items/disputes?aggregate[count]=*')).body.data[0].count);
    expect((await community.post('/items/disputes', dispute({ parties: undefined }))).status).toBe(400);
    expect((await community.post('/items/disputes', dispute({ discovered_on: undefined }))).status).toBe(400);
    const forged = await community.post('/items/disputes', dispute({ mediation_due_at: '2030-01-01T00:00:00Z' }));
    expect(forged.status).toBe(400);
    expect(errorMessage(forged)).toContain('由系统生成');
    expect((await community.post('/items/disputes', dispute({ risk_level: 'extreme' }))).status).toBe(400);
    expect((await community.post('/items/disputes', dispute({ unit: ids.get('/320111/S01/C002/') }))).status).toBe(400);
    expect(Number((await admin.get('/items/disputes?aggregate[count]=*')).body.data[0].count)).toBe(before);
  });

  it('is supervised by a superior office only, and the unit is told', async () => {
    expect((await street.post(`/office/disputes/${id}/supervise`, { opinion: ' ' })).status).toBe(400);
    for (const who of [community, grid, otherStreet, otherCommunity])
      expect((await who.post(`/office/disputes/${id}/supervise`, { opinion: '请抓紧化解' })).status).toBe(403);
    expect((await community.patch(`/items/disputes/${id}`, { supervised_by: ids.get('/320111/') })).status).toBe(400);
    const answer = await street.post(`/office/disputes/${id}/supervise`, { opinion: '请于本周内化解并回访' });
    expect(answer.status).toBe(200);
    expect((await admin.get(`/items/disputes/${id}?fields=supervised_by,supervision_opinion`)).body.data).toEqual({
      supervised_by: ids.get('/320111/S01/'),
      supervision_opinion: '请于本周内化解并回访',
    });
    const notices = (await community.get(`/notifications?filter[collection][_eq]=disputes&filter[item][_eq]=${id}&fields=subject`)).body
      .data;
    expect(notices).toEqual([{ subject: '矛盾纠纷督办' }]);
  });

  it('records when it was resolved', async () => {
    const answer = await community.patch(`/items/disputes/${id}`, {
      status: 'resolved',
      method: 'people',
      agreement: true,
      outcome: '修复防水层，赔偿2000元',
    });
    expect(answer.status).toBe(200);
    expect(answer.body.data.resolved_at).not.toBeNull();
  });

  it('computes the resolution rate per unit and period, within the jurisdiction only', async () => {
    for (const [path, status] of [
      ['/320111/S01/C001/', 'resolved'],
      ['/320111/S01/C001/', 'resolved'],
      ['/320111/S01/C001/', 'mediating'],
      ['/320111/S01/C002/', 'resolved'],
    ] as const) {
      expect(
        (await admin.post('/items/disputes', dispute({ unit: ids.get(path), status, discovered_on: '2025-06-10', risk_level: 'medium' })))
          .status,
      ).toBe(200);
    }
    const rates = (await street.get('/office/disputes/rates?from=2025-06-01&to=2025-06-30')).body.data;
    expect(rates.total).toMatchObject({ registered: 4, resolved: 3, rate: 0.75, meets_target: false });
    const byName = Object.fromEntries(
      rates.units.map((u: { name: string; registered: number; rate: number | null }) => [u.name, [u.registered, u.rate]]),
    );
    expect(byName['求雨山社区']).toEqual([3, 0.667]);
    expect(byName['象山社区']).toEqual([1, 1]);
    expect(byName['江浦街道']).toEqual([0, null]);
    const own = (await community.get('/office/disputes/rates?from=2025-06-01&to=2025-06-30')).body.data;
    expect(own.total).toMatchObject({ registered: 3, resolved: 2 });
    expect(own.units.map((u: { name: string }) => u.name)).not.toContain('象山社区');
    for (const q of ['from=2025-06-30&to=2025-06-01', 'from=2025-6-1&to=2025-06-30', 'to=2025-06-30'])
      expect((await street.get(`/office/disputes/rates?${q}`)).status).toBe(400);
  });
});

describe('petition problems and mass incidents', () => {
  const incident = (fields: Record<string, unknown> = {}) => ({
    kind: 'mass_incident',
    title: '某小区业主聚集',
    discovered_at: new Date(Date.now() - 3 * 3_600_000).toISOString(),
    description: '约30名业主因物业费上涨在小区门口聚集。',
    ...fields,
  });

  it('flags one entered only after it erupted', async () => {
    const late = await community.post(
      '/items/petition_incidents',
      incident({ erupted_at: new Date(Date.now() - 2 * 3_600_000).toISOString() }),
    );
    expect(late.status, JSON.stringify(late.body)).toBe(200);
    expect(late.body.data.entered_before_eruption).toBe(false);

    const early = await community.post('/items/petition_incidents', incident({ kind: 'petition_problem', title: '拆迁户集体信访苗头' }));
    expect(early.body.data.entered_before_eruption).toBeNull();
    await new Promise((r) => setTimeout(r, 1500));
    const erupted = await community.patch(`/items/petition_incidents/${early.body.data.id}`, {
      erupted_at: new Date(Date.now() - 200).toISOString(),
      control_measures: '包案稳控',
    });
    expect(erupted.status, JSON.stringify(erupted.body)).toBe(200);
    expect(erupted.body.data.entered_before_eruption).toBe(true);
  });

  it('refuses a future eruption, a forged flag and missing fields', async () => {
    const count = async () => Number((await admin.get('/items/petition_incidents?aggregate[count]=*')).body.data[0].count);
    const before = await count();
    expect(
      (await community.post('/items/petition_incidents', incident({ erupted_at: new Date(Date.now() + 3_600_000).toISOString() }))).status,
    ).toBe(400);
    expect((await community.post('/items/petition_incidents', incident({ erupted_at: '昨天' }))).status).toBe(400);
    expect((await community.post('/items/petition_incidents', incident({ entered_before_eruption: true }))).status).toBe(400);
    expect((await community.post('/items/petition_incidents', incident({ description: undefined }))).status).toBe(400);
    expect(await count()).toBe(before);
  });
});

describe('rectification campaigns and stability risk assessments', () => {
  it('keep what the rubric counts, under the jurisdiction rule', async () => {
    const campaign = await street.post('/items/rectification_campaigns', {
      problem: '火车站周边盗窃多发',
      area: '浦口火车站',
      participating_units: '浦口公安分局、江浦街道城管中队',
      measures: '增设巡逻岗，整治无证摊点',
      due_on: '2026-12-31',
      cases_handled: 12,
    });
    expect(campaign.status, JSON.stringify(campaign.body)).toBe(200);
    expect((await street.post('/items/rectification_campaigns', { problem: '缺措施', due_on: '2026-12-31' })).status).toBe(400);
    expect(
      (await street.post('/items/rectification_campaigns', { problem: '负数', measures: '……', due_on: '2026-12-31', cases_handled: -1 }))
        .status,
    ).toBe(400);

    const assessment = await street.post('/items/stability_assessments', {
      subject: '江浦老街改造项目',
      subject_kind: 'project',
      assessed_on: '2026-11-18',
      risk_points: '拆迁补偿标准争议',
      risk_level: 'medium',
      conclusion: 'proceed_with_measures',
      reviewers: '街道综治办、司法所',
    });
    expect(assessment.status).toBe(200);
    expect(
      (
        await street.post('/items/stability_assessments', {
          subject: '缺结论',
          subject_kind: 'decision',
          assessed_on: '2026-11-18',
          risk_points: '……',
          risk_level: 'low',
        })
      ).status,
    ).toBe(400);

    expect((await otherStreet.get(`/items/rectification_campaigns/${campaign.body.data.id}`)).status).toBe(403);
    expect((await community.get(`/items/stability_assessments/${assessment.body.data.id}`)).status).toBe(403);
    expect((await admin.get(`/items/stability_assessments/${assessment.body.data.id}?fields=unit_path`)).body.data.unit_path).toBe(
      '/320111/S01/',
    );
  });
});
