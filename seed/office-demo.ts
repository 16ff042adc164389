// A month of plausible office and field work for the demo (and the tests'
// demo data): activity records of every demo unit, documents the district and
// 江浦街道 sent with their receipts, terminals with holders and agreements,
// logins, each grid worker's daily must-do (每日必办) with some items missed, a grid's patrols, disputes, an incident, a campaign and an assessment — so that the
// assessment step has something realistic to score. Small (a few hundred rows in
// a dozen requests); written once, when no document exists yet. Dates are the
// 30 days before the seeding.

import { createItems, readItems, readUsers } from '@directus/sdk';
import type { AdminClient } from '../scripts/lib/directus.ts';
import { isWorkingDay, makeCalendar } from '../extensions/kernel/working-days.ts';
import { checkKey } from '../extensions/office/src/daily.ts';
import { CALENDAR_2026 } from './calendar-2026.ts';
import { ALL_DEMO_USERS } from './demo-users.ts';
import { flattenUnits, PUKOU } from './pukou.ts';
import { seededRandom } from './random.ts';

const DAY = 86_400_000;
const STREET_NAMES = new Map(flattenUnits(PUKOU).map((u) => [u.path, u.name]));
const TITLES: Record<string, string[]> = {
  meeting: ['综治工作例会', '矛盾纠纷排查调度会', '平安建设推进会'],
  patrol: ['夜间治安巡逻', '重点区域巡查', '校园周边护学巡逻'],
  visit: ['走访重点人员', '走访出租房屋', '走访独居老人'],
  publicity: ['平安建设宣传', '反诈宣传进小区', '法治宣传进社区'],
  training: ['网格员业务培训', '综治信息系统操作培训'],
};
const TYPES = Object.keys(TITLES);

const date = (at: number) => new Date(at + 8 * 3_600_000).toISOString().slice(0, 10);
const weekday = (at: number) => ![0, 6].includes(new Date(at + 8 * 3_600_000).getUTCDay());

export async function seedOfficeDemo(client: AdminClient, ids: Map<string, number>, now = new Date()): Promise<boolean> {
  if (((await client.request(readItems('documents', { fields: ['id'], limit: 1 }))) as unknown[]).length) return false;
  const next = seededRandom(20261127);
  const pick = <T>(list: T[]): T => list[Math.floor(next() * list.length)]!;
  const paths = [...ids.keys()];
  const offices = paths.filter((p) => p.split('/').length <= 6 && !/\/(GAJ|SFJ|XFJ|MZJ|WJW|ZJJ|CGJ)\//.test(p));
  const communities = paths.filter((p) => /^\/320111\/S\d\d\/C\d{3}\/$/.test(p));
  const streets = paths.filter((p) => /^\/320111\/S\d\d\/$/.test(p));
  const start = now.getTime() - 30 * DAY;
  const days = Array.from({ length: 30 }, (_, i) => start + i * DAY).filter(weekday);

  // Activity records: about ten a month for communities (some fall short), fewer for grids and streets.
  const records: Record<string, unknown>[] = [];
  for (const path of offices) {
    const level = path.split('/').length - 2; // 1 district, 2 street, 3 community, 4 grid
    const count = level === 3 ? 8 + Math.floor(next() * 5) : level === 4 ? 3 + Math.floor(next() * 4) : 4 + Math.floor(next() * 3);
    records.push({
      unit: ids.get(path),
      activity_type: 'meeting',
      regular_meeting: true,
      occurred_on: date(days[1]!),
      title: '月度综治例会',
      place: '综治中心',
      participant_count: 6 + Math.floor(next() * 6),
      minutes: '通报上月工作，部署本月矛盾纠纷排查和平安宣传。',
      decisions: '一、每周开展一次夜间巡逻；二、月底前完成出租房信息更新。',
    });
    for (let i = 1; i < count; i++) {
      const type = pick(TYPES);
      records.push({
        unit: ids.get(path),
        activity_type: type,
        occurred_on: date(pick(days)),
        title: pick(TITLES[type]!),
        place: pick(['社区活动室', '网格服务站', '小区广场', '沿街商铺', '学校周边']),
        participant_count: 2 + Math.floor(next() * 10),
        content: '按计划开展，情况已记录。',
        ...(type === 'training' ? { training_kind: 'regular' } : {}),
      });
    }
  }
  for (let i = 0; i < records.length; i += 200) await client.request(createItems('activity_records', records.slice(i, i + 200)));

  // Documents: the district to every street, 江浦街道 to its communities; signed mostly on time.
  const sent = (at: number) => ({ sent_at: new Date(at).toISOString(), sign_due_at: new Date(at + DAY).toISOString() });
  const documents = [
    {
      unit: ids.get('/320111/'),
      kind: 'notice',
      title: '关于开展冬季矛盾纠纷大排查大化解的通知',
      reference_number: '浦综治〔2026〕31号',
      body: '各街道：请于收文后组织开展冬季矛盾纠纷大排查，并按时报送排查情况。',
      reply_required: true,
      ...sent(days[2]!),
      reply_due_at: new Date(days[2]! + 7 * DAY).toISOString(),
      to: streets,
    },
    {
      unit: ids.get('/320111/'),
      kind: 'briefing',
      title: '综治信息简报（第11期）',
      body: '本期通报各街道综治信息系统应用情况。',
      reply_required: false,
      ...sent(days[8]!),
      reply_due_at: null,
      to: streets,
    },
    // Every street to its communities.
    ...streets.map((street, i) => ({
      unit: ids.get(street),
      kind: 'plan_summary',
      title: `${STREET_NAMES.get(street) ?? '街道'}2026年综治工作总结提纲`,
      body: '各社区：请参照提纲撰写年度总结。',
      reply_required: true,
      ...sent(days[12 - (i % 4)]!),
      reply_due_at: new Date(days[12 - (i % 4)]! + 5 * DAY).toISOString(),
      to: communities.filter((p) => p.startsWith(street)),
    })),
  ];
  for (const { to, ...doc } of documents) {
    const [created] = (await client.request(
      createItems('documents', [{ ...doc, status: 'sent', urgency: 'normal', recipient_count: to.length }], { fields: ['id'] }),
    )) as { id: number }[];
    const sentAt = Date.parse(doc.sent_at);
    await client.request(
      createItems(
        'document_recipients',
        to.map((path) => {
          const r = next();
          const status = r < 0.75 ? 'signed' : r < 0.9 ? 'late' : 'read';
          const signedAt = status === 'signed' ? sentAt + 3 * 3_600_000 : status === 'late' ? sentAt + 2 * DAY : null;
          const replied = doc.reply_required && signedAt && next() < 0.8;
          return {
            document: created!.id,
            unit: ids.get(path),
            status,
            read_at: new Date(sentAt + 2 * 3_600_000).toISOString(),
            signed_at: signedAt ? new Date(signedAt).toISOString() : null,
            reply_status: !doc.reply_required ? 'not_required' : replied ? 'submitted' : 'pending',
            replied_at: replied ? new Date(sentAt + 4 * DAY).toISOString() : null,
            reply_text: replied ? '已按要求完成，情况如下：共排查矛盾纠纷若干起，均已落实化解责任人。' : null,
            // Past deadlines: their reminders belong to the past too.
            reminded_at: new Date(sentAt + 18 * 3_600_000).toISOString(),
            chased_at: new Date(sentAt + DAY).toISOString(),
            ...(doc.reply_required
              ? { reply_reminded_at: new Date(sentAt + 5 * DAY).toISOString(), reply_chased_at: doc.reply_due_at }
              : {}),
          };
        }),
      ),
    );
  }

  // Terminals of the demo staff, agreements for all but one, and their logins on working days.
  const users = (await client.request(
    readUsers({ fields: ['id', 'email', 'unit'], filter: { email: { _in: ALL_DEMO_USERS.map((u) => u.email) } }, limit: -1 }),
  )) as { id: string; email: string; unit: number }[];
  const staff = users.filter((u) => !/leader/.test(u.email));
  await client.request(
    createItems(
      'terminals',
      staff.map((u, i) => ({
        unit: u.unit,
        kind: /grid/.test(u.email) ? 'phone' : 'pc',
        asset_number: `PK-${String(i + 1).padStart(3, '0')}`,
        model: /grid/.test(u.email) ? '华为 nova 12' : '联想 启天 M437',
        holder: u.id,
        assigned_on: date(start),
        status: 'in_use',
      })),
    ),
  );
  await client.request(
    createItems(
      'confidentiality_agreements',
      staff.slice(1).map((u) => ({ unit: u.unit, signer: u.id, signed_on: date(start) })),
    ),
  );
  const logins = staff.flatMap((u) =>
    days
      .filter(() => next() < 0.9)
      .map((at) => {
        const channel = /grid/.test(u.email) ? 'phone' : 'pc';
        const login = new Date(`${date(at)}T08:50:00+08:00`).toISOString();
        return {
          key: `${u.id}.${date(at)}.${channel}`,
          user: u.id,
          unit: u.unit,
          day: date(at),
          channel,
          first_at: login,
          last_at: login,
          logins: 1,
        };
      }),
  );
  for (let i = 0; i < logins.length; i += 200) await client.request(createItems('login_days', logins.slice(i, i + 200)));

  // Patrols of every community's first grid: a route and a patrol on about every third working day.
  for (const community of communities) {
    const gridPath = `${community}G01/`;
    if (!ids.has(gridPath)) continue;
    const [route] = (await client.request(
      createItems(
        'patrol_routes',
        [
          {
            unit: ids.get(gridPath),
            name: '第一网格日常巡逻线',
            schedule: '每日19:00—21:00',
            checkpoints: '小区东门\n菜市场\n社区公园\n学校后门',
          },
        ],
        { fields: ['id'] },
      ),
    )) as { id: number }[];
    await client.request(
      createItems(
        'patrol_records',
        days
          .filter((_, i) => i % 3 === 0)
          .map((at) => ({
            unit: ids.get(gridPath),
            route: route!.id,
            patrollers: '网格员、平安志愿者2名',
            started_at: new Date(`${date(at)}T19:00:00+08:00`).toISOString(),
            ended_at: new Date(`${date(at)}T20:40:00+08:00`).toISOString(),
            checkpoints_visited: '小区东门、菜市场、社区公园、学校后门',
            findings: next() < 0.2 ? '公园路灯损坏一处，已告知物业。' : '未发现异常',
          })),
      ),
    );
  }

  // Field work: disputes (most resolved), an incident, a campaign, an assessment.
  const disputes = communities.flatMap((path, i) =>
    [0, 1].map((k) => {
      const found = days[(i * 2 + k) % days.length]!;
      const resolved = next() < 0.9;
      return {
        unit: ids.get(path),
        title: pick(['楼上漏水引发邻里纠纷', '物业费收缴纠纷', '拖欠工资纠纷', '宅基地界址纠纷']),
        dispute_type: pick(['neighbourhood', 'property_management', 'labour', 'land']),
        risk_level: pick(['low', 'medium']),
        parties: '当事人甲、当事人乙',
        description: '网格员排查发现，已登记。',
        discovered_on: date(found),
        status: resolved ? 'resolved' : 'mediating',
        method: 'people',
        agreement: resolved,
        outcome: resolved ? '经调解达成协议' : null,
        mediators: '社区人民调解委员会',
      };
    }),
  );
  await client.request(createItems('disputes', disputes));
  await client.request(
    createItems('petition_incidents', [
      {
        unit: ids.get('/320111/S01/'),
        kind: 'petition_problem',
        title: '老旧小区加装电梯意见分歧',
        discovered_at: new Date(days[4]!).toISOString(),
        description: '部分低层住户反对加装电梯，有集体上访苗头。',
        control_measures: '街道、社区包案，分层座谈',
        status: 'controlled',
        reported_up: true,
      },
    ]),
  );
  await client.request(
    createItems('rectification_campaigns', [
      {
        unit: ids.get('/320111/S01/'),
        problem: '江浦老街电动车盗窃多发',
        area: '江浦老街',
        participating_units: '浦口公安分局江浦派出所、求雨山社区',
        measures: '增设视频监控，组织夜间巡逻',
        starts_on: date(days[3]!),
        due_on: date(now.getTime() + 30 * DAY),
        cases_handled: 4,
      },
    ]),
  );
  // Its own generator, so that the rest of the month stays as it was seeded before.
  await seedDailyChecks(client, ids, start, now, seededRandom(20261128));
  await client.request(
    createItems('stability_assessments', [
      {
        unit: ids.get('/320111/S01/'),
        subject: '江浦老街改造项目',
        subject_kind: 'project',
        assessed_on: date(days[6]!),
        risk_points: '拆迁补偿标准、施工扰民',
        risk_level: 'medium',
        measures: '公示补偿方案，设立接待点',
        conclusion: 'proceed_with_measures',
        reviewers: '街道综治办、司法所、城建科',
      },
    ]),
  );
  return true;
}

/** What a community asks of its grid workers every working day (每日必办). */
export const DAILY_ITEMS = [
  { title: '巡查网格责任区', kind: 'patrol', instructions: '沿网格巡逻线巡查一遍，记录发现的问题。' },
  { title: '走访重点人员', kind: 'visit', instructions: '走访本网格登记的独居老人和社区矫正对象，了解近况。' },
  { title: '检查消防通道和重点场所', kind: 'check', instructions: '检查小区消防通道是否堵塞、沿街商铺消防器材。' },
  { title: '采集更新实有人口信息', kind: 'report', instructions: '核对新增出租房屋和流动人口，当天上报。' },
];
const DAILY_NOTES = ['网格内无异常', '已走访，情况稳定', '消防通道畅通', '已采集更新2户信息', '发现问题已上报'];

/**
 * The communities of the demo grid workers define the checklist, and every grid
 * worker has its items on each working day before today: most done during the
 * day, about one in eight missed, so that "not done by the end of the day" has
 * something to show the community the next morning. Today's list is left to be
 * made when the worker first opens it.
 */
async function seedDailyChecks(client: AdminClient, ids: Map<string, number>, start: number, now: Date, next: () => number): Promise<void> {
  const paths = new Map([...ids].map(([path, id]) => [id, path]));
  const workers = (
    (await client.request(
      readUsers({ fields: ['id', 'unit'], filter: { job: { _eq: 'grid_worker' }, status: { _eq: 'active' } }, limit: -1 }),
    )) as { id: string; unit: number }[]
  ).filter((w) => paths.has(w.unit));
  const communityOf = (unit: number) => paths.get(unit)!.replace(/[^/]+\/$/, '');
  const communities = [...new Set(workers.map((w) => communityOf(w.unit)))];
  const templates = new Map<string, { id: number; title: string }[]>();
  for (const community of communities) {
    const created = (await client.request(
      createItems(
        'daily_task_templates',
        DAILY_ITEMS.map((item, sort) => ({ ...item, unit: ids.get(community), sort })),
        { fields: ['id', 'title'] },
      ),
    )) as { id: number; title: string }[];
    templates.set(community, created);
  }
  const calendar = makeCalendar(CALENDAR_2026);
  const today = date(now.getTime());
  const days = Array.from({ length: 30 }, (_, i) => date(start + i * DAY)).filter((d) => d < today && isWorkingDay(calendar, d));
  const checks = workers.flatMap((w) =>
    days.flatMap((day) =>
      templates.get(communityOf(w.unit))!.map((t) => {
        const done = next() >= 0.12;
        const at = new Date(
          `${day}T${String(9 + Math.floor(next() * 8)).padStart(2, '0')}:${String(Math.floor(next() * 60)).padStart(2, '0')}:00+08:00`,
        );
        return {
          key: checkKey(w.id, day, t.id),
          user: w.id,
          unit: w.unit,
          day,
          template: t.id,
          done,
          done_at: done ? at.toISOString() : null,
          note: done ? DAILY_NOTES[Math.floor(next() * DAILY_NOTES.length)] : null,
        };
      }),
    ),
  );
  for (let i = 0; i < checks.length; i += 200) await client.request(createItems('daily_checks', checks.slice(i, i + 200)));
}
