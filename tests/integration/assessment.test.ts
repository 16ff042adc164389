// 考评 end to end on both databases: a street's rubric for its communities made
// through the API (and refused when wrong or not its own), records of a half year
// entered by the communities and a grid, the period scored by the street and
// checked against hand computation with the evidence behind every deduction; a
// run made again gives the same numbers, a later record does not move a stored
// run until it is scored again; who may run, read and see which scorecard.

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { appBrowser, BROWSER_TESTS, DESKTOP, eventually, screenshot } from '../browser/chromium.ts';
import { ROLES } from '../../schema/access.ts';
import { measure } from '../../extensions/domains/assessment/measure.ts';
import { METRICS } from '../../extensions/domains/assessment/metrics.ts';
import { lastClosed, parsePeriod, periodOf } from '../../extensions/domains/assessment/period.ts';
import { assessmentService } from '../../extensions/domains/assessment/service.ts';
import { loadCalendar } from '../../extensions/kernel/calendar.ts';
import { instant, jsonValue, storedDate } from '../../extensions/kernel/db-values.ts';
import { type Calendar, localDateOf } from '../../extensions/kernel/working-days.ts';
import { systemDatabase } from '../database.ts';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { baseUrl, createReadyUser, login, loginAdmin, unitIds, waitFor, type Session } from '../http.ts';

const STAMP = Date.now().toString(36);
const PERIOD = '2019-H1';
let admin: Session, street: Session, community: Session, sibling: Session, grid: Session, leader: Session;
let units: Map<string, number>;
let rubric: number;
const items = { activity: 0, resolution: 0, receipts: 0, manual: 0 };
const records: Record<string, number[]> = { C001: [], C002: [] };
const disputes: number[] = [];

const C001 = '/320111/S01/C001/';
const C002 = '/320111/S01/C002/';

async function created(answer: Promise<{ status: number; body: any }>): Promise<number> {
  const { status, body } = await answer;
  expect(status, JSON.stringify(body)).toBe(200);
  return body.data.id;
}

const activity = (session: Session, occurred_on: string) =>
  created(session.post('/items/activity_records', { activity_type: 'patrol', title: `考评测试巡逻 ${STAMP}`, occurred_on }));

/** Opens the 考评 screen on this test's run. */
async function chooseRun(page: Page) {
  await page.goto('/app/assessment');
  await page.getByTestId('assessment-run').click();
  await page
    .locator('.ant-select-item-option')
    .filter({ hasText: `${PERIOD} · 江浦街道社区考评细则 ${STAMP}` })
    .click();
}

const countOf = async (collection: string, filter: string) =>
  Number((await admin.get(`/items/${collection}?aggregate[count]=*&${filter}`)).body.data[0].count);

describe('assessment (考评) of a street’s communities', () => {
  beforeAll(async () => {
    admin = await loginAdmin();
    units = await unitIds(admin);
    [street, community, grid, leader] = (await Promise.all(
      ['street-staff', 'community-staff', 'grid-gridworker', 'street-leader'].map((who) => login(`${who}@pukou.gov.cn`)),
    )) as [Session, Session, Session, Session];
    // 象山社区's own staff: a user made for this test, like the demo's at 求雨山社区.
    const email = `c002-staff-${STAMP}@pukou.gov.cn`;
    const role = ROLES.find((r) => r.key === 'community-staff')!.id;
    expect((await createReadyUser(admin, { email, password: 'Kaohe@2026x', role, unit: units.get(C002), status: 'active' })).status).toBe(
      200,
    );
    sibling = await login(email, 'Kaohe@2026x');
  });

  afterAll(async () => {
    const runs = (await admin.get(`/items/assessment_runs?filter[rubric][_eq]=${rubric}&fields=id`)).body.data ?? [];
    for (const r of runs) await admin.delete(`/items/assessment_runs/${r.id}`);
    if (rubric) await admin.delete(`/items/assessment_rubrics/${rubric}`);
  });

  describe('the street’s rubric, as data', () => {
    it('is made by the street office: a rubric, a section, items with their rules', async () => {
      rubric = await created(
        street.post('/items/assessment_rubrics', {
          title: `江浦街道社区考评细则 ${STAMP}`,
          assessed_level: 'community',
          period_type: 'half_year',
          status: 'draft',
        }),
      );
      const stored = (await admin.get(`/items/assessment_rubrics/${rubric}?fields=unit_path`)).body.data;
      expect(stored.unit_path).toBe('/320111/S01/');
      const section = await created(street.post('/items/assessment_sections', { rubric, code: '一', name: '日常工作', points: 7 }));
      items.activity = await created(
        street.post('/items/assessment_items', {
          section,
          code: '1',
          name: '工作活动记录',
          full: 2,
          rule_kind: 'at_least',
          min: 3,
          per: 0.5,
          metric: 'activity_records',
          sort: 1,
        }),
      );
      items.resolution = await created(
        street.post('/items/assessment_items', {
          section,
          code: '2',
          name: '矛盾纠纷化解率',
          full: 2,
          rule_kind: 'rate_at_least',
          threshold: 60,
          metric: 'dispute_resolution',
          sort: 2,
        }),
      );
      items.receipts = await created(
        street.post('/items/assessment_items', {
          section,
          code: '3',
          name: '及时收文',
          full: 2,
          rule_kind: 'per_occurrence',
          per: 0.5,
          metric: 'late_receipts',
          sort: 3,
        }),
      );
      items.manual = await created(
        street.post('/items/assessment_items', { section, code: '4', name: '典型案例', full: 1, rule_kind: 'manual', sort: 4 }),
      );
      // Put to use once complete: the worker scores an active rubric's closed periods on its own.
      expect((await street.patch(`/items/assessment_rubrics/${rubric}`, { status: 'active' })).status).toBe(200);
    });

    it.each([
      ['a negative cap', { cap: -1, rule_kind: 'per_occurrence', per: 0.5, metric: 'late_receipts' }, '最多扣分应为不小于0的数'],
      ['missing parameters', { rule_kind: 'at_least', metric: 'activity_records' }, '最少数量应为正整数'],
      // The integrity layer answers first where a choice or a type is wrong.
      ['a metric that does not exist', { rule_kind: 'per_occurrence', per: 1, metric: 'nothing_here' }, '“统计指标”只能是'],
      ['a rate metric for a count rule', { rule_kind: 'per_occurrence', per: 1, metric: 'dispute_resolution' }, '与评分方式不符'],
      ['a kind that is not one', { rule_kind: '__proto__' }, '“评分方式”只能是'],
      ['a number that is text', { rule_kind: 'manual', full: '1e999' }, '“满分”应为数字'],
      ['an object for a number', { rule_kind: 'at_least', min: { $gt: 1 }, per: 0.5, metric: 'activity_records' }, '最少数量'],
    ])('refuses an item with %s, in Chinese, storing nothing', async (_what, body, message) => {
      const section = (await admin.get(`/items/assessment_sections?filter[rubric][_eq]=${rubric}&fields=id`)).body.data[0].id;
      const before = await countOf('assessment_items', `filter[section][_eq]=${section}`);
      const answer = await street.post('/items/assessment_items', { section, name: '错误的考评内容', full: 1, ...body });
      expect(answer.status).toBe(400);
      expect(JSON.stringify(answer.body)).toContain(message);
      expect(await countOf('assessment_items', `filter[section][_eq]=${section}`)).toBe(before);
    });

    it('refuses a change that breaks an item, and keeps it', async () => {
      const answer = await street.patch(`/items/assessment_items/${items.activity}`, { per: 0 });
      expect(answer.status).toBe(400);
      expect((await admin.get(`/items/assessment_items/${items.activity}?fields=per`)).body.data.per).toEqual(expect.anything());
      expect(Number((await admin.get(`/items/assessment_items/${items.activity}?fields=per`)).body.data.per)).toBe(0.5);
    });

    it('scores an item by a formula over metrics, recording what it read, and refuses a formula that is not one', async () => {
      // On a draft copy of the street's rubric: the worker scores the rubric in force every minute, not a draft.
      const copied = await street.post(`/assessment/rubrics/${rubric}/copy`, {});
      expect(copied.status, JSON.stringify(copied.body)).toBe(200);
      const draft = copied.body.data.id as number;
      const db = systemDatabase();
      try {
        const section = (await admin.get(`/items/assessment_sections?filter[rubric][_eq]=${draft}&fields=id`)).body.data[0].id;
        const before = await countOf('assessment_items', `filter[section][_eq]=${section}`);
        for (const [formula, words] of [
          ['process.exit()', '只能使用函数'],
          ['full - constructor', '不是考评指标'],
          ['activity_records.length', '只能含数字'],
          ['full - nothing_here', '不是考评指标'],
          [{ a: 1 }, '“计分公式”应为文字'],
        ] as const) {
          const answer = await street.post('/items/assessment_items', { section, name: '公式', full: 2, rule_kind: 'formula', formula });
          expect(answer.status, JSON.stringify(formula)).toBe(400);
          expect(JSON.stringify(answer.body)).toContain(words);
        }
        expect(await countOf('assessment_items', `filter[section][_eq]=${section}`)).toBe(before);
        const id = await created(
          street.post('/items/assessment_items', {
            section,
            code: 'F1',
            name: '公式计分',
            full: 2,
            rule_kind: 'formula',
            formula: 'full - 0.25 * max(0, 6 - activity_records)',
          }),
        );
        const service = assessmentService(db);
        const [result] = await service.compute(await service.loadRubric(draft), parsePeriod('2018-01')!, new Date(), [units.get(C002)!]);
        const score = result!.scores.find((x) => x.item === id)!;
        const read = score.measure!.inputs!.activity_records!;
        expect(score.points).toBe(Math.max(0, Math.round((2 - 0.25 * Math.max(0, 6 - read)) * 10) / 10));
        expect(score.reason).toContain(`activity_records=${read}`);
      } finally {
        await db.destroy();
        expect((await admin.delete(`/items/assessment_rubrics/${draft}`)).status).toBe(204);
      }
    });

    it('is started from the district’s by copying, previewed on the last period before a change is saved, and put in force', async () => {
      const district = (await admin.get('/items/assessment_rubrics?filter[unit][path][_eq]=/320111/&fields=id')).body.data[0].id;
      const copied = await street.post(`/assessment/rubrics/${district}/copy`, { period_type: 'year', title: `年度细则 ${STAMP}` });
      expect(copied.status, JSON.stringify(copied.body)).toBe(200);
      const own = copied.body.data.id as number;
      try {
        const read = (
          await admin.get(`/items/assessment_rubrics/${own}?fields=unit,assessed_level,period_type,status,based_on,sections.items.id`)
        ).body.data;
        expect(read).toMatchObject({
          unit: units.get('/320111/S01/'),
          assessed_level: 'community',
          period_type: 'year',
          status: 'draft',
          based_on: district,
        });
        const source = (await admin.get(`/items/assessment_items?filter[section][rubric][_eq]=${district}&aggregate[count]=*`)).body.data[0]
          .count;
        expect(read.sections.flatMap((x: { items: unknown[] }) => x.items)).toHaveLength(Number(source));
        // Neither a community, a leader nor another street copies into, previews or activates it.
        for (const [who, answer] of [
          ['community', await community.post(`/assessment/rubrics/${district}/copy`, {})],
          ['leader', await leader.post(`/assessment/rubrics/${own}/activate`, {})],
          ['community', await community.post(`/assessment/rubrics/${own}/preview`, {})],
        ] as const) {
          expect(answer.status, who).toBe(403);
        }
        const item = (await admin.get(`/items/assessment_items?filter[section][rubric][_eq]=${own}&filter[code][_eq]=8.1&fields=id,per`))
          .body.data[0];
        // Bad previews: clear errors, nothing stored.
        for (const [body, words] of [
          [{ items: 'x' }, '应为列表'],
          [{ items: [{ id: 999999999, per: 1 }] }, '不在该细则中'],
          [{ items: [{ id: item.id, per: -1 }] }, '修改有误'],
          [{ items: [{ id: item.id, rule_kind: 'formula', formula: 'constructor' }] }, '不是考评指标'],
          [{ items: [JSON.parse('{"__proto__": {"polluted": 1}, "section": 1}')] }, '须属于该细则'],
          [{ removed: [item.id, 'x'] }, '不在该细则中'],
        ] as const) {
          const answer = await street.post(`/assessment/rubrics/${own}/preview`, body);
          expect(answer.status, JSON.stringify(body)).toBe(400);
          expect(JSON.stringify(answer.body)).toContain(words);
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        const preview = await street.post(`/assessment/rubrics/${own}/preview`, { items: [{ id: item.id, per: 3 }], removed: [] });
        expect(preview.status, JSON.stringify(preview.body)).toBe(200);
        expect(preview.body.data.period).toBe(lastClosed('year', new Date()).key);
        const rows = preview.body.data.units as { unit: number; before: number; total: number; change: number; rank: number }[];
        expect(rows.map((u) => u.unit).sort()).toEqual(['C001', 'C002', 'C003'].map((c) => units.get(`/320111/S01/${c}/`)).sort());
        for (const u of rows) expect(u.change).toBeCloseTo(u.total - u.before, 5);
        expect(Number((await admin.get(`/items/assessment_items/${item.id}?fields=per`)).body.data.per)).toBe(Number(item.per));
        const on = await street.post(`/assessment/rubrics/${own}/activate`, {});
        expect(on.status, JSON.stringify(on.body)).toBe(200);
        expect((await admin.get(`/items/assessment_rubrics/${own}?fields=status`)).body.data.status).toBe('active');
        expect((await street.post(`/assessment/rubrics/${own}/activate`, {})).status).toBe(409);
      } finally {
        await admin.patch(`/items/assessment_rubrics/${own}`, { status: 'retired' });
        const runs = (await admin.get(`/items/assessment_runs?filter[rubric][_eq]=${own}&fields=id`)).body.data ?? [];
        for (const r of runs) await admin.delete(`/items/assessment_runs/${r.id}`);
        expect((await admin.delete(`/items/assessment_rubrics/${own}`)).status).toBe(204);
      }
    });

    it('is read by the community it assesses but changed only by the street', async () => {
      expect((await community.get(`/items/assessment_rubrics/${rubric}`)).status).toBe(200);
      const section = (await admin.get(`/items/assessment_sections?filter[rubric][_eq]=${rubric}&fields=id`)).body.data[0].id;
      // The assessment hook says why (another unit's rubric); Directus's permissions refuse the rest.
      for (const answer of [
        await community.post('/items/assessment_sections', { rubric, name: '自拟项目', points: 1 }),
        await community.patch(`/items/assessment_items/${items.activity}`, { full: 100 }),
        await community.post('/items/assessment_items', { section, name: '自加分', full: 5, rule_kind: 'manual' }),
      ]) {
        expect(answer.status).toBe(400);
        expect(JSON.stringify(answer.body)).toContain('只能修改本单位制定的考评细则');
      }
      expect((await community.patch(`/items/assessment_rubrics/${rubric}`, { title: '改' })).status).toBe(403);
      expect((await leader.patch(`/items/assessment_rubrics/${rubric}`, { title: '改' })).status).toBe(403);
      expect(await countOf('assessment_sections', `filter[rubric][_eq]=${rubric}`)).toBe(1);
      expect(await countOf('assessment_items', `filter[section][_eq]=${section}`)).toBe(4);
      expect(Number((await admin.get(`/items/assessment_items/${items.activity}?fields=full`)).body.data.full)).toBe(2);
    });
  });

  describe('metrics on records made for them (January 2018, no other test writes there)', () => {
    const period = parsePeriod('2018-01')!;
    const at = (iso: string) => new Date(`${iso}+08:00`);
    let db: ReturnType<typeof systemDatabase>;
    let client: string;
    const ours = () => [C001, C002].map((path) => ({ id: units.get(path)!, path, name: path }));
    let calendar: Calendar;
    const scope = () => ({ db, client, period, under: '/320111/S01/', cutoff: period.end, calendar });
    const insert = async (table: string, row: Record<string, unknown>) => {
      const [made] = await db(table).insert(row).returning('id');
      return Number(typeof made === 'object' ? made.id : made);
    };
    const unitRow = (path: string) => ({ unit: units.get(path), unit_path: path });
    const OTHER = '/320111/S02/C004/';

    /** Matters and documents made here, taken away again so that no reminder of theirs reaches another test. */
    const made: number[] = [];
    const documents: number[] = [];
    beforeAll(async () => {
      db = systemDatabase();
      client = inject('database') === 'pg' ? 'pg' : 'sqlite3';
      calendar = await loadCalendar(db);
    });
    afterAll(async () => {
      await db('matter_steps').whereIn('matter', made).del();
      await db('matters').whereIn('id', made).del();
      await db('document_recipients').whereIn('document', documents).del();
      await db('documents').whereIn('id', documents).del();
      await db.destroy();
    });

    it('counts receipts signed late or not signed by the deadline, in the jurisdiction only', async () => {
      const doc = await insert('documents', {
        ...unitRow('/320111/'),
        title: `考评测试通知 ${STAMP}`,
        kind: 'notice',
        status: 'sent',
        sent_at: at('2018-01-08T09:00:00'),
        sign_due_at: at('2018-01-10T17:00:00'),
      });
      documents.push(doc);
      const late = await insert('document_recipients', { document: doc, ...unitRow(C001), status: 'late' });
      const unsigned = await insert('document_recipients', { document: doc, ...unitRow(`${C001}G01/`), status: 'read' });
      await insert('document_recipients', { document: doc, ...unitRow(C002), status: 'signed' });
      await insert('document_recipients', { document: doc, ...unitRow(OTHER), status: 'late' });
      const m = await measure(METRICS.late_receipts, scope(), ours());
      expect(m.get(units.get(C001)!)).toMatchObject({ value: 2, evidence: [late, unsigned].sort((a, b) => a - b) });
      expect(m.get(units.get(C002)!)).toMatchObject({ value: 0 });
    });

    it('counts matters replied after their deadline, for the unit that held them, in the jurisdiction only', async () => {
      const matter = (number: string, status: string, holder: string) =>
        insert('matters', {
          number: `KP${STAMP}${number}`,
          type: 'task',
          title: `考评测试任务 ${number}`,
          urgency: 'normal',
          status,
          ...unitRow('/320111/S01/'),
          handler_unit: units.get(holder),
          date_created: at('2018-01-05T09:00:00'),
          due_at: at('2018-01-15T17:00:00'),
          version: 1,
        }).then((id) => (made.push(id), id));
      // Closed ones: an open matter made by hand here would lack what its reminders need (the bench has open ones).
      const lateReply = await matter('1', 'closed', C001);
      const onTime = await matter('2', 'closed', C001);
      const elsewhere = await matter('3', 'closed', OTHER);
      const reply = (id: number, path: string, when: string) =>
        insert('matter_steps', { matter: id, action: 'reply', actor_unit: units.get(path), date_created: at(when) });
      await reply(lateReply, C001, '2018-01-16T09:00:00');
      await reply(onTime, C001, '2018-01-14T09:00:00');
      await reply(elsewhere, OTHER, '2018-01-16T09:00:00');
      const m = await measure(METRICS.late_feedback, scope(), ours());
      expect(m.get(units.get(C001)!)).toMatchObject({ value: 1, evidence: [lateReply] });
      expect(m.get(units.get(C002)!)).toMatchObject({ value: 0 });
      expect([...m.values()].flatMap((x) => x.evidence)).not.toContain(elsewhere);
    });

    it('rates the service objects served in the period and counts the visits overdue', async () => {
      const served = await insert('service_objects', {
        ...unitRow(C001),
        category: 'drug',
        next_visit_due: storedDate(client, '2018-01-05'),
      });
      const missed = await insert('service_objects', {
        ...unitRow(C001),
        category: 'cult',
        next_visit_due: storedDate(client, '2018-01-20'),
      });
      await insert('service_objects', { ...unitRow(OTHER), category: 'drug', next_visit_due: storedDate(client, '2018-01-20') });
      await insert('service_records', {
        ...unitRow(C001),
        service_object: served,
        served_at: at('2018-01-04T10:00:00'),
        kind: 'visit',
        content: '走访',
      });
      const rate = await measure(METRICS.service_rate, { ...scope(), under: C001 }, [ours()[0]!]);
      // Everyone under management on the period's last day: these two and any the demo placed here.
      expect(rate.get(units.get(C001)!)!.evidence).toContain(missed);
      expect(rate.get(units.get(C001)!)!.evidence).not.toContain(served);
      const overdue = await measure(METRICS.services_overdue, scope(), ours());
      expect(overdue.get(units.get(C001)!)).toMatchObject({ value: 1, evidence: [missed] });
    });
  });

  describe('a half year scored from the records', () => {
    let run: number;
    beforeAll(async () => {
      // 求雨山社区: 3 of its own and 1 of a grid under it (rolled up); 象山社区: 1; one after the half year (not counted).
      for (const day of ['2019-01-10', '2019-03-03', '2019-06-30']) records.C001!.push(await activity(community, day));
      records.C001!.push(await activity(grid, '2019-05-05'));
      records.C002!.push(await activity(sibling, '2019-02-02'));
      await activity(community, '2019-07-01'); // the next half year
      // 求雨山社区's disputes: two resolved, one not resolved → 2/3 = 66.7 % (threshold 60 %).
      for (const status of ['resolved', 'resolved', 'unresolved']) {
        const id = await created(
          community.post('/items/disputes', {
            title: `考评测试纠纷 ${STAMP}`,
            dispute_type: 'neighbourhood',
            risk_level: 'low',
            parties: '甲、乙',
            description: '测试',
            discovered_on: '2019-04-01',
          }),
        );
        const closed = await community.patch(`/items/disputes/${id}`, { status });
        expect(closed.status, JSON.stringify(closed.body)).toBe(200);
        disputes.push(id);
      }
    });

    it('is scored by the street for each of its communities, as computed by hand', async () => {
      const answer = await street.post('/assessment/runs', { rubric, period: PERIOD });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      run = answer.body.data.id;
      const table = answer.body.data.units as { unit: number; total: number; rank: number }[];
      expect(table.map((u) => u.unit).sort()).toEqual(['C001', 'C002', 'C003'].map((c) => units.get(`/320111/S01/${c}/`)).sort());
      // 求雨山社区: 4 records ≥ 3 → 2; 66.7 % ≥ 60 % → 2; no late receipts → 2; manual pending → 0.
      expect(table.find((u) => u.unit === units.get(C001))).toMatchObject({ total: 6, rank: 1 });
      // 象山社区: 1 record, 2 short × 0.5 → 1; no disputes → 2; receipts → 2.
      expect(table.find((u) => u.unit === units.get(C002))).toMatchObject({ total: 5 });
    });

    it('keeps the records behind each figure and says why in words', async () => {
      const card = (await community.get(`/assessment/runs/${run}/scorecard/${units.get(C001)}`)).body.data;
      const item = (id: number) => card.sections[0].items.find((i: { id: number }) => i.id === id);
      expect(item(items.activity)).toMatchObject({ points: 2, measure: { value: 4 } });
      expect(item(items.activity).evidence).toMatchObject({
        collection: 'activity_records',
        ids: [...records.C001!].sort((a, b) => a - b),
      });
      expect(item(items.resolution)).toMatchObject({ points: 2, measure: { value: 2, of: 3 } });
      expect(item(items.resolution).evidence.ids).toEqual([disputes[2]]);
      expect(item(items.manual)).toMatchObject({ points: 0, pending: true });
      const sibling = (await street.get(`/assessment/runs/${run}/scorecard/${units.get(C002)}`)).body.data;
      const short = sibling.sections[0].items.find((i: { id: number }) => i.id === items.activity);
      expect(short).toMatchObject({ points: 1, deducted: 1, evidence: { ids: records.C002 } });
      expect(short.reason).toContain('扣1分');
    });

    it('gives the same numbers when made again, and a later record moves it only when scored again', async () => {
      const first = (await street.get(`/assessment/runs/${run}`)).body.data.units;
      const again = await street.post('/assessment/runs', { rubric, period: PERIOD });
      expect(again.body.data.id).toBe(run);
      expect(again.body.data.units).toEqual(first);
      records.C002!.push(await activity(sibling, '2019-06-01'));
      expect((await street.get(`/assessment/runs/${run}`)).body.data.units).toEqual(first);
      await street.post('/assessment/runs', { rubric, period: PERIOD });
      const moved = (await street.get(`/assessment/runs/${run}`)).body.data.units;
      expect(moved.find((u: { unit: number }) => u.unit === units.get(C002)).total).toBe(5.5);
    });

    it('shows a community its own scorecard, not its sibling’s nor the street’s table', async () => {
      expect((await community.get(`/assessment/runs/${run}/scorecard/${units.get(C001)}`)).status).toBe(200);
      const other = await community.get(`/assessment/runs/${run}/scorecard/${units.get(C002)}`);
      expect(other.status).toBe(400);
      expect(JSON.stringify(other.body)).toContain('无权查看');
      expect((await community.get(`/assessment/runs/${run}`)).status).toBe(403);
      expect(
        (await community.get(`/items/assessment_scores?filter[run][_eq]=${run}&filter[unit][_eq]=${units.get(C002)}`)).body.data,
      ).toEqual([]);
    });

    it('gives the street its table as an .xlsx workbook, and the community none', async () => {
      const res = await fetch(`${baseUrl()}/assessment/runs/${run}/export`, { headers: { authorization: `Bearer ${street.token}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('spreadsheetml');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((await res.arrayBuffer()) as never);
      const sheet = book.worksheets[0]!;
      expect(sheet.getRow(2).values).toEqual([undefined, '名次', '单位', '总分', '日常工作（7）']);
      const names = [3, 4, 5].map((r) => sheet.getRow(r).getCell(2).value);
      expect(names.sort()).toEqual(['惠济社区', '求雨山社区', '象山社区'].sort());
      const denied = await fetch(`${baseUrl()}/assessment/runs/${run}/export`, { headers: { authorization: `Bearer ${community.token}` } });
      expect(denied.status).toBe(403);
    });

    it('is run only by the office that made the rubric, never by a community or a leader, nor written directly', async () => {
      const before = await countOf('assessment_scores', `filter[run][_eq]=${run}`);
      for (const session of [community, leader, grid])
        expect((await session.post('/assessment/runs', { rubric, period: PERIOD })).status).toBe(403);
      expect((await street.post('/items/assessment_scores', { run, unit: units.get(C002), item: items.manual, points: 1 })).status).toBe(
        403,
      );
      expect((await street.patch(`/items/assessment_runs/${run}`, { status: 'published' })).status).toBe(403);
      expect(await countOf('assessment_scores', `filter[run][_eq]=${run}`)).toBe(before);
    });

    it.each([
      [{ rubric: '1', period: PERIOD }, '请指定考评细则'],
      [{ rubric: -1, period: PERIOD }, '请指定考评细则'],
      [{ rubric: 'RUBRIC', period: '2019-13' }, '请指定考评细则'],
      [{ period: { $gt: '' } }, '请指定考评细则'],
      [{ __proto__: { rubric: 1 }, period: PERIOD }, '请指定考评细则'],
    ])('answers a malformed run request %j with a clear message', async (body, message) => {
      const answer = await street.post('/assessment/runs', body);
      expect(answer.status).toBe(400);
      expect(JSON.stringify(answer.body)).toContain(message);
    });

    it.each([
      ['a period of the wrong kind', '2019-03', '考评期应为半年度'],
      ['a period not yet begun', '2099-H1', '考评期尚未开始'],
      ['a period that is no period', 'x'.repeat(10_000), '考评期格式'],
    ])('refuses %s', async (_what, period, message) => {
      const answer = await street.post('/assessment/runs', { rubric, period });
      expect(answer.status).toBe(400);
      expect(JSON.stringify(answer.body)).toContain(message);
    });

    it('is scored by the worker on its own once the period has closed, and the district’s month made up at start', async () => {
      const runOf = async (id: number, period: string) =>
        (await admin.get(`/items/assessment_runs?filter[rubric][_eq]=${id}&filter[period][_eq]=${period}&fields=id,started_by,status`)).body
          .data as { id: number; started_by: string | null }[];
      const halfYear = lastClosed('half_year', new Date()).key;
      const [scheduled] = await waitFor(
        () => runOf(rubric, halfYear),
        (rows) => rows.length === 1,
        30_000,
      );
      expect(scheduled).toMatchObject({ started_by: null, status: 'computed' });
      expect(await countOf('assessment_scores', `filter[run][_eq]=${scheduled!.id}`)).toBe(3 * 4);
      const district = (await admin.get('/items/assessment_rubrics?filter[unit][path][_eq]=/320111/&fields=id')).body.data[0].id;
      const [month] = await waitFor(
        () => runOf(district, lastClosed('month', new Date()).key),
        (rows) => rows.length === 1,
        30_000,
      );
      // Every street on every item of the district's rubric.
      const items = (await admin.get(`/items/assessment_items?filter[section][rubric][_eq]=${district}&aggregate[count]=*`)).body.data[0]
        .count;
      expect(await countOf('assessment_scores', `filter[run][_eq]=${month!.id}`)).toBe(9 * Number(items));
    });

    it('ranks the nine demo streets with meaning: totals differ, and the posts and inspections left undone show', async () => {
      const db = systemDatabase();
      try {
        const service = assessmentService(db);
        const district = (await admin.get('/items/assessment_rubrics?filter[unit][path][_eq]=/320111/&fields=id')).body.data[0].id;
        const r = await service.loadRubric(district);
        const month = lastClosed('month', new Date());
        const results = await service.compute(r, month, month.end);
        expect(results).toHaveLength(9);
        const totals = results.map((u) => u.scores.reduce((sum, x) => sum + x.points, 0).toFixed(1));
        expect(new Set(totals).size).toBeGreaterThan(3);
        for (const code of ['7.4', '7.5']) {
          const item = r.items.find((i) => i.code === code)!.id;
          const missed = results.map((u) => u.scores.find((x) => x.item === item)!.measure!.value);
          expect(Math.min(...missed), code).toBeLessThan(Math.max(...missed));
        }
      } finally {
        await db.destroy();
      }
    });

    describe.runIf(inject('database') === 'sqlite')('in the browser', BROWSER_TESTS, () => {
      const app = appBrowser();

      it('shows the street its communities ranked, and a scorecard with the records behind a deduction', async () => {
        const page = await app.open(DESKTOP, 'street-staff@pukou.gov.cn');
        await chooseRun(page);
        const table = page.getByTestId('assessment-table');
        await eventually(() => table.locator('tr[data-unit]').count()).toBe(3);
        expect(await table.locator('tr[data-unit]').first().textContent()).toContain('求雨山社区');
        await screenshot(page, 'assessment-table-desktop');
        await table.getByRole('link', { name: '象山社区' }).click();
        const row = page.locator('tr[data-item="1"]');
        await eventually(() => row.textContent()).toContain('扣0.5分');
        await row.locator('.ant-table-row-expand-icon').click();
        await page.getByTestId('evidence').getByText(`#${records.C002![0]}`).click();
        await page.waitForURL(new RegExp(`/data/activity_records/show/${records.C002![0]}$`));
        await screenshot(page, 'assessment-evidence-desktop');
      });

      it('shows a community its own scorecard only', async () => {
        const page = await app.open(DESKTOP, 'community-staff@pukou.gov.cn');
        await chooseRun(page);
        await eventually(() => page.getByTestId('scorecard').textContent()).toContain('求雨山社区');
        expect(await page.getByTestId('assessment-table').count()).toBe(0);
        expect(await page.getByTestId('scorecard').count()).toBe(1);
        await screenshot(page, 'assessment-scorecard-desktop');
      });

      it('lets the street change an item’s rule after a preview of the last period, and a community only read the rubric', async () => {
        const page = await app.open(DESKTOP, 'street-staff@pukou.gov.cn');
        await page.goto('/app/assessment/rubrics');
        await page.getByTestId('rubric-choice').click();
        await page
          .locator('.ant-select-item-option')
          .filter({ hasText: `江浦街道社区考评细则 ${STAMP}` })
          .click();
        const row = page.getByTestId('rubric-items').locator('tr[data-item="1"]');
        await row.getByTestId('rubric-edit').click();
        await page.getByTestId('rubric-form').locator('#per').fill('1');
        await page.getByTestId('rubric-preview').click();
        const preview = page.getByTestId('rubric-preview-table');
        await eventually(() => preview.locator('tbody tr[data-row-key]').count()).toBe(3);
        expect(await preview.textContent()).toContain('求雨山社区');
        await screenshot(page, 'assessment-rubric-preview-desktop');
        await page.keyboard.press('Escape');
        // Previewed, not saved.
        expect(Number((await admin.get(`/items/assessment_items/${items.activity}?fields=per`)).body.data.per)).toBe(0.5);
        const reader = await app.open(DESKTOP, 'community-staff@pukou.gov.cn');
        await reader.goto('/app/assessment/rubrics');
        await eventually(() => reader.getByTestId('rubric-items').locator('tr[data-item]').count()).toBeGreaterThan(0);
        expect(await reader.getByTestId('rubric-edit').count()).toBe(0);
        expect(await reader.getByTestId('rubric-copy').count()).toBe(0);
      });
    });

    describe('its course: review, publish, reopen, self-assessment', () => {
      const step = (session: Session, name: string, body: Record<string, unknown> = {}) =>
        session.post(`/assessment/runs/${run}/steps/${name}`, body);
      const scoreOf = async (path: string, item: number) =>
        (
          await admin.get(
            `/items/assessment_scores?filter[run][_eq]=${run}&filter[unit][_eq]=${units.get(path)}&filter[item][_eq]=${item}&fields=id,points,pending,reason`,
          )
        ).body.data[0] as { id: number; points: string | number; pending: boolean; reason: string };
      const C003 = '/320111/S01/C003/';

      it('is reviewed by the street alone, manual items scored with a reason, then published', async () => {
        expect((await step(street, 'publish')).status).toBe(409);
        expect((await step(community, 'start_review')).status).toBe(403);
        expect((await step(street, 'start_review')).status).toBe(200);
        const manual = await scoreOf(C001, items.manual);
        // A unit never scores itself; a score above the item's points or without a reason is refused, nothing changes.
        expect((await step(community, 'adjust', { score: manual.id, points: 1, reason: '我们很好' })).status).toBe(403);
        const tooHigh = await step(street, 'adjust', { score: manual.id, points: 5, reason: '典型案例获奖' });
        expect(tooHigh.status).toBe(400);
        expect(JSON.stringify(tooHigh.body)).toContain('分数应在0到1分之间');
        expect((await step(street, 'adjust', { score: manual.id, points: 1 })).status).toBe(400);
        expect((await scoreOf(C001, items.manual)).pending).toBeTruthy();
        const pending = await step(street, 'publish');
        expect(pending.status).toBe(409);
        expect(JSON.stringify(pending.body)).toContain('待评分');
        for (const [path, points] of [
          [C001, 1],
          [C002, 0.5],
          [C003, 0],
        ] as const) {
          const answer = await step(street, 'adjust', {
            score: (await scoreOf(path, items.manual)).id,
            points,
            reason: '典型案例评比结果',
          });
          expect(answer.status, JSON.stringify(answer.body)).toBe(200);
        }
        expect((await step(street, 'publish')).status).toBe(200);
        const table = (await street.get(`/assessment/runs/${run}`)).body.data;
        expect(table.status).toBe('published');
        expect(table.units.find((u: { unit: number }) => u.unit === units.get(C001)).total).toBe(7);
      });

      it('is not moved by a later record nor scored again while published; reopened and scored again, it moves and keeps the review', async () => {
        const published = (await street.get(`/assessment/runs/${run}`)).body.data.units;
        records.C002!.push(await activity(sibling, '2019-02-14'));
        expect((await street.post('/assessment/runs', { rubric, period: PERIOD })).status).toBe(409);
        expect((await street.get(`/assessment/runs/${run}`)).body.data.units).toEqual(published);
        expect((await step(street, 'reopen')).status).toBe(400);
        expect((await step(street, 'reopen', { reason: '补录二月份活动记录' })).status).toBe(200);
        expect((await street.post('/assessment/runs', { rubric, period: PERIOD })).status).toBe(200);
        const again = (await street.get(`/assessment/runs/${run}`)).body.data;
        expect(again.status).toBe('computed');
        // 象山社区 now has 3 records → 2, with 2 + 2 and the review's 0.5 kept; 惠济社区 as it was, its 0 kept.
        expect(again.units.find((u: { unit: number }) => u.unit === units.get(C002)).total).toBe(6.5);
        expect(again.units.find((u: { unit: number }) => u.unit === units.get(C003)).total).toBe(4.5);
        expect((await scoreOf(C002, items.manual)).pending).toBeFalsy();
      });

      it('lets a community explain and appeal its own scores only, during self-assessment, each step recorded', async () => {
        const own = await scoreOf(C001, items.receipts);
        const other = await scoreOf(C002, items.receipts);
        expect((await step(community, 'explain', { score: own.id, reason: '本期无超时收文' })).status).toBe(409);
        expect((await step(street, 'open_self_assessment')).status).toBe(200);
        expect((await step(community, 'explain', { score: own.id, reason: '本期无超时收文' })).status).toBe(200);
        expect((await step(community, 'appeal', { score: other.id, reason: '替兄弟社区申诉' })).status).toBe(403);
        expect((await step(community, 'appeal', { score: own.id })).status).toBe(400);
        const card = (await community.get(`/assessment/runs/${run}/scorecard/${units.get(C001)}`)).body.data;
        const receipts = card.sections[0].items.find((i: { id: number }) => i.id === items.receipts);
        expect(receipts.notes).toEqual([expect.objectContaining({ step: 'explain', reason: '本期无超时收文' })]);
        const changes = (await admin.get(`/items/assessment_changes?filter[run][_eq]=${run}&fields=step,by,reason&sort=id&limit=-1`)).body
          .data;
        expect(changes.map((c: { step: string }) => c.step)).toEqual([
          'start_review',
          'adjust',
          'adjust',
          'adjust',
          'publish',
          'reopen',
          'open_self_assessment',
          'explain',
        ]);
        expect(changes.every((c: { by: string | null }) => typeof c.by === 'string')).toBe(true);
        // Nobody writes the record of the course directly.
        expect((await street.post('/items/assessment_changes', { run, step: 'publish', unit: units.get(C001) })).status).toBe(403);
      });
    });

    describe.runIf(inject('database') === 'sqlite')('its course in the browser', BROWSER_TESTS, () => {
      const app = appBrowser();

      it('lets the street start the review and score a manual item with a reason, and the community read its explanation', async () => {
        const page = await app.open(DESKTOP, 'street-staff@pukou.gov.cn');
        await chooseRun(page);
        await eventually(() => page.getByTestId('run-state').textContent()).toBe('单位自评');
        await page.locator('button[data-step="start_review"]').click();
        await eventually(() => page.getByTestId('run-state').textContent()).toBe('考评审核');
        await page.getByTestId('assessment-table').getByRole('link', { name: '惠济社区' }).click();
        const manual = page.locator('tr[data-item="4"]');
        await manual.locator('button[data-step="adjust"]').click();
        const dialog = page.getByRole('dialog');
        await dialog.locator('input').first().fill('0.5');
        await dialog.locator('textarea').fill('典型案例评比：入围');
        await dialog.getByRole('button', { name: '确定' }).click();
        await eventually(() => manual.textContent()).toContain('评分单位调整为0.5分：典型案例评比：入围');
        const stored = (
          await admin.get(
            `/items/assessment_scores?filter[run][_eq]=${run}&filter[unit][_eq]=${units.get('/320111/S01/C003/')}&filter[item][_eq]=${items.manual}&fields=points`,
          )
        ).body.data[0];
        expect(Number(stored.points)).toBe(0.5);
        await screenshot(page, 'assessment-review-desktop');

        const own = await app.open(DESKTOP, 'community-staff@pukou.gov.cn');
        await own.goto(`/app/assessment/${run}/units/${units.get(C001)}`);
        await eventually(() => own.locator(`tr[data-item="3"]`).textContent()).toContain('自评说明：本期无超时收文');
        // The community, in review, has no step to take on its scores.
        expect(await own.locator('button[data-step]').count()).toBe(0);
      });
    });

    it('tells a grid worker what the grid still misses this month, not a score', async () => {
      const month = periodOf('month', new Date());
      const day = localDateOf(new Date(month.start.getTime() + 12 * 3_600_000));
      const db = systemDatabase();
      try {
        const worker = (await admin.get('/users?filter[email][_eq]=grid-gridworker@pukou.gov.cn&fields=id')).body.data[0].id;
        const template = (await admin.get('/items/daily_task_templates?fields=id&limit=1')).body.data[0].id;
        const gridPath = '/320111/S01/C001/G01/';
        const [row] = await db('daily_checks')
          .insert({
            key: `assessment-${STAMP}`,
            user: worker,
            unit: units.get(gridPath),
            unit_path: gridPath,
            day: storedDate(inject('database') === 'pg' ? 'pg' : 'sqlite3', day),
            template,
            done: false,
          })
          .returning('id');
        const id = typeof row === 'object' ? row.id : row;
        const answer = await grid.get('/assessment/shortfalls');
        expect(answer.status).toBe(200);
        expect(answer.body.data.period).toBe(month.key);
        const missed = answer.body.data.shortfalls.find((s: { metric: string }) => s.metric === 'daily_checks_missed');
        // The first of the month is past only from the second on; before then nothing is missed yet.
        if (day < localDateOf(new Date())) expect(missed).toMatchObject({ collection: 'daily_checks', ids: expect.arrayContaining([id]) });
        else expect(missed).toBeUndefined();
        expect(answer.body.data.shortfalls.every((s: { count: number }) => s.count > 0)).toBe(true);
        await db('daily_checks').where({ id }).del();
      } finally {
        await db.destroy();
      }
    });

    it('scores again only the units under a change, the whole rubric once the time is up', async () => {
      // A half year no one else scores (2031): the worker's own live runs are of today's.
      const db = systemDatabase();
      const service = assessmentService(db);
      const t0 = new Date('2031-02-10T10:00:00+08:00');
      const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);
      const runOf = () => db('assessment_runs').where({ rubric, period: '2031-H1' }).first('id', 'computed_at', 'cutoff_at', 'marked_to');
      const scores = async (path: string) =>
        (await db('assessment_scores')
          .where({ run: (await runOf()).id, unit: units.get(path) })
          .orderBy('item')
          .select('id', 'item', 'measure')) as { id: number; item: number; measure: unknown }[];
      const activities = async (path: string) =>
        jsonValue<{ value: number }>((await scores(path)).find((x) => x.item === items.activity)!.measure)!.value;
      let record = 0;
      let document = 0;
      try {
        // An administrator changes the data model first: SQLite rebuilds the table, and its change-mark triggers come back.
        expect((await admin.post('/fields/activity_records', { field: `probe_${STAMP}`, type: 'string' })).status).toBe(200);
        expect((await admin.delete(`/fields/activity_records/probe_${STAMP}`)).status).toBe(204);
        if (inject('database') === 'sqlite')
          await waitFor(
            () => db('sqlite_master').where({ type: 'trigger' }).where('name', 'like', 'activity_records_assessment_mark_%').pluck('name'),
            (names) => names.length === 3,
            10_000,
          );
        expect(await service.live(rubric, t0)).toBe('sent');
        const first = await runOf();
        const before = { C001: await activities(C001), C002: await scores(C002) };
        record = await activity(community, '2031-02-09');
        await service.live(rubric, minutes(1));
        const second = await runOf();
        expect(instant(second.computed_at)).toEqual(instant(first.computed_at));
        expect(instant(second.cutoff_at)).toEqual(minutes(1));
        expect(Number(second.marked_to)).toBeGreaterThan(Number(first.marked_to));
        expect(await activities(C001)).toBe(before.C001 + 1);
        // 象山社区 was not scored again: the same rows.
        expect(await scores(C002)).toEqual(before.C002);
        // A change in another street's community moves none of these.
        const elsewhere = await created(
          admin.post('/items/activity_records', {
            unit: units.get('/320111/S02/C004/'),
            activity_type: 'meeting',
            title: `考评测试 ${STAMP}`,
            occurred_on: '2031-02-09',
          }),
        );
        const kept = await scores(C001);
        await service.live(rubric, minutes(2));
        expect(await scores(C001)).toEqual(kept);
        expect(Number((await runOf()).marked_to)).toBeGreaterThan(Number(second.marked_to));
        await admin.delete(`/items/activity_records/${elsewhere}`);
        // A receipt whose deadline passes with nothing written: scored again the minute after.
        const measureOf = async (path: string, item: number) =>
          jsonValue<{ value: number }>((await scores(path)).find((x) => x.item === item)!.measure)!.value;
        const [doc] = await db('documents')
          .insert({
            unit: units.get('/320111/'),
            unit_path: '/320111/',
            title: `考评测试通知 ${STAMP}`,
            kind: 'notice',
            urgency: 'normal',
            status: 'sent',
            sent_at: minutes(2),
            sign_due_at: new Date(t0.getTime() + 3.5 * 60_000),
          })
          .returning('id');
        document = Number(typeof doc === 'object' ? doc.id : doc);
        await db('document_recipients').insert({ document, unit: units.get(C001), unit_path: C001, status: 'unread' });
        await service.live(rubric, minutes(3));
        const onTime = await measureOf(C001, items.receipts);
        const sibling = await scores(C002);
        await service.live(rubric, minutes(4));
        expect(await measureOf(C001, items.receipts)).toBe(onTime + 1);
        expect(await scores(C002)).toEqual(sibling);
        expect(instant((await runOf()).computed_at)).toEqual(instant(first.computed_at));
        // Ten minutes on, everything is scored again (what time alone moves).
        await service.live(rubric, minutes(11));
        expect(instant((await runOf()).computed_at)).toEqual(minutes(11));
        expect((await scores(C002)).map((x) => x.id)).not.toEqual(before.C002.map((x) => x.id));
        // The half year before scored too: the table shows each unit's change and its trend.
        await service.live(rubric, new Date('2030-12-10T10:00:00+08:00'));
        const table = await service.table((await runOf()).id);
        expect(table.periods).toEqual(['2028-H2', '2029-H1', '2029-H2', '2030-H1', '2030-H2', '2031-H1']);
        const mine = table.units.find((u) => u.unit === units.get(C001))!;
        expect(mine.trend).toEqual([null, null, null, null, expect.any(Number), mine.total]);
        expect(mine.change).toBeCloseTo(mine.total - mine.trend[4]!, 5);
      } finally {
        if (record) await community.delete(`/items/activity_records/${record}`);
        if (document) {
          await db('document_recipients').where({ document }).del();
          await db('documents').where({ id: document }).del();
        }
        await db.destroy();
      }
    });

    it('keeps a rubric and its items that a run has scored with', async () => {
      const answer = await street.delete(`/items/assessment_items/${items.activity}`);
      expect(answer.status).toBe(400);
      expect(JSON.stringify(answer.body)).toContain('已用于考评结果');
      expect((await admin.get(`/items/assessment_items/${items.activity}`)).status).toBe(200);
    });
  });
});
