// Field work at Pukou's scale, working day by working day: the activity records
// (工作活动记录) of the street, community and grid offices — a monthly regular
// meeting (例会) with minutes, and visits, patrols, publicity, trainings between —
// the grid workers' patrols (巡查) of their grids on the routes each grid defines,
// and the 每日必办 checks of the grid workers on the days they opened the system on
// their phones, from the checklist their community defines (daily_task_templates).
// Less of it early in the window (the system taken up office by office), more later.

import { isWorkingDay, type Calendar } from '../../extensions/kernel/working-days.ts';
import { checkKey } from '../../extensions/office/src/daily.ts';
import type { DAILY_TASK_KINDS } from '../../extensions/office/src/vocabulary.ts';
import type { ACTIVITY_TYPES, TRAINING_KINDS } from '../../schema/collections/activity-records.ts';
import { DAILY_ITEMS } from '../office-demo.ts';
import { between, countOf, integerBetween, pick, spread, stream, weighted, type Random } from './draw.ts';
import { DAY, dayOf, GROWTH, HOUR, localMidnight, MINUTE, type Window } from './time.ts';
import type { ScaleUnit } from './tree.ts';

type ActivityType = keyof typeof ACTIVITY_TYPES;
type TaskKind = keyof typeof DAILY_TASK_KINDS;
type ActiveLevel = 'street' | 'community' | 'grid';

export interface FieldWorkContext {
  window: Window;
  calendar: Calendar;
  /** The working days generated over, in order (those of the login days). */
  days: readonly string[];
  actorOf: (unit: number) => string | null;
  seed: number;
}

/** How much of the full work is done on a day: rising linearly from 1/GROWTH at the window's start to all of it at its end. */
export function uptake(window: Window, day: string): number {
  const start = window.start.getTime();
  const x = Math.min(1, Math.max(0, (Date.parse(`${day}T12:00:00+08:00`) - start) / (window.end.getTime() - start)));
  return (1 + (GROWTH - 1) * x) / GROWTH;
}

const midnightOf = (day: string) => localMidnight(Date.parse(`${day}T12:00:00+08:00`));

/** The first working day of the month of `day`. */
export function firstWorkingDay(calendar: Calendar, day: string): string {
  let t = midnightOf(`${day.slice(0, 8)}01`);
  while (!isWorkingDay(calendar, dayOf(t))) t += DAY;
  return dayOf(t);
}

// ---------------------------------------------------------------- activity records

/** Activity records a working day per office at the end of the window (besides the monthly meeting), by level. */
export const ACTIVITIES_PER_DAY: Record<ActiveLevel, number> = { street: 0.3, community: 0.5, grid: 0.2 };

/** The kinds of activity, by level: the offices meet and train, the grids visit and patrol. */
export const ACTIVITY_SHARES: Record<ActiveLevel, Partial<Record<ActivityType, number>>> = {
  street: { meeting: 0.3, training: 0.12, publicity: 0.2, visit: 0.18, patrol: 0.1, other: 0.1 },
  community: { meeting: 0.12, training: 0.05, publicity: 0.23, visit: 0.3, patrol: 0.22, other: 0.08 },
  grid: { visit: 0.45, patrol: 0.3, publicity: 0.2, other: 0.05 },
};

/** The share of months whose regular meeting (例会) a street or community office holds, at full uptake. */
export const REGULAR_MEETING_SHARE = 0.95;

const TRAINING_SHARES: Record<keyof typeof TRAINING_KINDS, number> = { regular: 0.6, guidance: 0.3, pre_job: 0.1 };

const ACTIVITY_TITLES: Record<ActivityType, readonly string[]> = {
  meeting: ['矛盾纠纷排查研判会', '平安建设工作推进会', '重点人员服务管理分析会', '安全生产形势分析会'],
  patrol: ['夜间治安联防巡逻', '重点部位安全巡查', '校园周边护学巡逻', '节假日前消防安全巡查'],
  visit: ['走访独居老人', '走访社区矫正对象', '走访出租房屋', '走访沿街商户', '走访困难家庭'],
  publicity: ['防范电信网络诈骗宣传', '禁毒知识宣传', '消防安全宣传', '法治宣传进小区', '扫黑除恶常态化宣传'],
  training: ['网格员业务能力培训', '综治信息平台操作培训', '人民调解业务培训', '安全生产知识培训'],
  other: ['平安志愿者招募', '重点场所联合检查', '综治中心规范化建设自查'],
};
const ACTIVITY_CONTENT: Record<ActivityType, string> = {
  meeting: '通报近期辖区治安形势和矛盾纠纷排查情况，研究部署下一阶段重点工作。',
  patrol: '按巡逻线路对重点部位进行巡查，提醒群众注意防范，情况已登记。',
  visit: '上门了解生活和思想状况，宣传有关政策，收集意见建议。',
  publicity: '发放宣传资料，现场讲解典型案例，解答群众咨询。',
  training: '讲解业务知识和信息系统操作要点，结合案例交流工作经验。',
  other: '按计划开展，情况已记录。',
};
const PLACES: Record<ActiveLevel, readonly string[]> = {
  street: ['街道综治中心', '街道会议室', '街道便民服务中心', '辖区广场'],
  community: ['社区综治中心', '社区活动室', '小区广场', '社区党群服务中心', '农贸市场'],
  grid: ['网格服务站', '小区广场', '沿街商铺', '学校周边', '居民楼栋'],
};
const PEOPLE = ['综治专干', '网格员', '社区民警', '人民调解员', '楼栋长', '平安志愿者', '物业负责人'];
/** How many take part, by kind of activity (low, high); a street's meetings and trainings twice that. */
const PARTICIPANTS: Record<ActivityType, [number, number]> = {
  meeting: [5, 15],
  patrol: [2, 6],
  visit: [1, 3],
  publicity: [3, 12],
  training: [10, 40],
  other: [2, 8],
};

export interface ActivityRow {
  unit: number;
  unit_path: string;
  activity_type: ActivityType;
  occurred_on: string;
  title: string;
  place: string;
  participants: string;
  content: string;
  participant_count: number;
  regular_meeting: boolean;
  minutes: string | null;
  decisions: string | null;
  training_kind: keyof typeof TRAINING_KINDS | null;
  user_created: string | null;
  date_created: Date;
}

/** The columns of an activity record written (COPY's order). */
export const ACTIVITY_COLUMNS = [
  'unit',
  'unit_path',
  'activity_type',
  'occurred_on',
  'title',
  'place',
  'participants',
  'content',
  'participant_count',
  'regular_meeting',
  'minutes',
  'decisions',
  'training_kind',
  'user_created',
  'date_created',
] as const satisfies readonly (keyof ActivityRow)[];

const isActive = (unit: ScaleUnit): unit is ScaleUnit & { level: ActiveLevel } =>
  unit.kind === 'office' && Object.hasOwn(ACTIVITIES_PER_DAY, unit.level);

/** The activity records of one street, community or grid office over the days (none for other units). */
export function activitiesOf(ctx: FieldWorkContext, unit: ScaleUnit): ActivityRow[] {
  if (!isActive(unit)) return [];
  const level = unit.level;
  const rnd = stream(ctx.seed, 'activities', unit.id);
  // Some offices are busier than others.
  const busy = spread(rnd, 0.35);
  const rows: ActivityRow[] = [];
  const end = ctx.window.end.getTime();
  const meetingDays = new Map<string, string>();
  for (const day of ctx.days) {
    const share = uptake(ctx.window, day);
    const record = (type: ActivityType, regular: boolean) => {
      const row = activityRow(rnd, ctx, unit, level, day, type, regular);
      if (row.date_created.getTime() <= end) rows.push(row);
    };
    // The regular meeting on the first working day of the month.
    if (level !== 'grid') {
      const month = day.slice(0, 7);
      if (!meetingDays.has(month)) meetingDays.set(month, firstWorkingDay(ctx.calendar, day));
      if (day === meetingDays.get(month) && rnd() < REGULAR_MEETING_SHARE * share) record('meeting', true);
    }
    for (let n = countOf(rnd, ACTIVITIES_PER_DAY[level] * busy * share); n > 0; n--)
      record(weighted(rnd, ACTIVITY_SHARES[level] as Record<ActivityType, number>), false);
  }
  return rows;
}

function activityRow(
  rnd: Random,
  ctx: FieldWorkContext,
  unit: ScaleUnit,
  level: ActiveLevel,
  day: string,
  type: ActivityType,
  regular: boolean,
): ActivityRow {
  const [low, high] = PARTICIPANTS[type];
  const twice = level === 'street' && (type === 'meeting' || type === 'training') ? 2 : 1;
  const people = [...new Set(Array.from({ length: integerBetween(rnd, 2, 4) }, () => pick(rnd, PEOPLE)))];
  return {
    unit: unit.id,
    unit_path: unit.path,
    activity_type: type,
    occurred_on: day,
    title: regular ? `${day.slice(5, 7).replace(/^0/, '')}月份综治工作例会` : pick(rnd, ACTIVITY_TITLES[type]),
    place: pick(rnd, PLACES[level]),
    participants: people.join('、'),
    content: ACTIVITY_CONTENT[type],
    participant_count: integerBetween(rnd, low * twice, high * twice),
    regular_meeting: regular,
    minutes: type === 'meeting' ? '通报上月综治工作开展情况，分析辖区矛盾纠纷和治安形势，部署本月重点工作。' : null,
    decisions: regular ? '一、每周开展一次夜间联防巡逻；二、月底前完成出租房屋和流动人口信息核查；三、重点人员每月走访不少于一次。' : null,
    training_kind: type === 'training' ? weighted(rnd, TRAINING_SHARES) : null,
    user_created: ctx.actorOf(unit.id),
    // Entered the same afternoon or evening.
    date_created: new Date(midnightOf(day) + Math.floor(between(rnd, 14, 21) * HOUR)),
  };
}

// ---------------------------------------------------------------- patrols

/**
 * The chance a grid's worker patrols its day route on a working day (at full uptake, for a worker
 * of average diligence), and that the grid's evening route (where it has one) is patrolled too.
 */
export const PATROL_RATES = { day: 0.88, evening: 0.25 } as const;
/** The share of grids with an evening route besides the day one. */
export const EVENING_ROUTE_SHARE = 0.4;
/** The share of patrols that find something (the rest: 未发现异常). */
export const FINDINGS_SHARE = 0.12;

const CHECKPOINTS = [
  '小区东门',
  '小区西门',
  '农贸市场',
  '社区公园',
  '学校后门',
  '幼儿园门口',
  '沿街商铺',
  '地下车库',
  '电动车集中充电点',
  '建筑工地',
  '河道沿线',
  '公交站台',
  '老旧小区楼道',
  '出租房屋集中区',
];
const FINDINGS = [
  '楼道堆放杂物堵塞消防通道，已督促清理',
  '路灯损坏一处，已告知物业维修',
  '电动车飞线充电一处，已劝导整改',
  '井盖松动，已报城管部门',
  '发现可疑人员徘徊，已告知社区民警',
  '邻里因停车发生口角，已现场劝解',
];
const DAY_SCHEDULES = [
  { label: '工作日09:00—11:00', start: 9 },
  { label: '工作日14:30—16:30', start: 14.5 },
];
const EVENING_SCHEDULE = { label: '工作日19:00—21:00', start: 19 };

export interface PatrolRouteRow {
  id: number;
  unit: number;
  unit_path: string;
  name: string;
  schedule: string;
  checkpoints: string;
  active: true;
  user_created: string | null;
  date_created: Date;
}

export const PATROL_ROUTE_COLUMNS = [
  'id',
  'unit',
  'unit_path',
  'name',
  'schedule',
  'checkpoints',
  'active',
  'user_created',
  'date_created',
] as const satisfies readonly (keyof PatrolRouteRow)[];

export interface PatrolRow {
  unit: number;
  unit_path: string;
  route: number;
  patrollers: string;
  started_at: Date;
  ended_at: Date;
  checkpoints_visited: string;
  findings: string;
  user_created: string | null;
  date_created: Date;
}

export const PATROL_COLUMNS = [
  'unit',
  'unit_path',
  'route',
  'patrollers',
  'started_at',
  'ended_at',
  'checkpoints_visited',
  'findings',
  'user_created',
  'date_created',
] as const satisfies readonly (keyof PatrolRow)[];

export interface GridPatrols {
  routes: PatrolRouteRow[];
  patrols: PatrolRow[];
}

/** One grid's patrol routes (a day route, some an evening one too) and its worker's patrols on them. */
export function patrolsOfGrid(ctx: FieldWorkContext, grid: ScaleUnit, nextId: () => number): GridPatrols {
  const rnd = stream(ctx.seed, 'patrols', grid.id);
  const worker = ctx.actorOf(grid.id);
  const route = (name: string, schedule: { label: string; start: number }) => {
    const points = [...new Set(Array.from({ length: integerBetween(rnd, 4, 7) }, () => pick(rnd, CHECKPOINTS)))];
    const row: PatrolRouteRow = {
      id: nextId(),
      unit: grid.id,
      unit_path: grid.path,
      name: `${grid.name}${name}`,
      schedule: schedule.label,
      checkpoints: points.join('\n'),
      active: true,
      user_created: worker,
      date_created: ctx.window.start,
    };
    return { row, points, start: schedule.start };
  };
  const routes = [route('日常巡查线路', pick(rnd, DAY_SCHEDULES))];
  if (rnd() < EVENING_ROUTE_SHARE) routes.push(route('夜间巡逻线路', EVENING_SCHEDULE));
  const diligence = between(rnd, 0.85, 1.08);
  const end = ctx.window.end.getTime();
  const patrols: PatrolRow[] = [];
  for (const day of ctx.days) {
    const share = uptake(ctx.window, day);
    for (const [i, r] of routes.entries()) {
      const rate = i === 0 ? Math.min(0.98, PATROL_RATES.day * diligence) : PATROL_RATES.evening;
      if (rnd() >= rate * share) continue;
      const started = midnightOf(day) + r.start * HOUR + Math.floor(between(rnd, -20, 30)) * MINUTE;
      const ended = started + Math.floor(between(rnd, 50, 130)) * MINUTE;
      const entered = ended + Math.floor(between(rnd, 3, 45)) * MINUTE;
      if (entered > end) continue;
      // Now and then a point left out.
      const skipped = rnd() < 0.1 ? Math.floor(rnd() * r.points.length) : -1;
      const visited = r.points.filter((_, k) => k !== skipped);
      patrols.push({
        unit: grid.id,
        unit_path: grid.path,
        route: r.row.id,
        patrollers: i === 0 ? (rnd() < 0.3 ? '网格员、楼栋长' : '网格员') : `网格员、平安志愿者${integerBetween(rnd, 2, 5)}名`,
        started_at: new Date(started),
        ended_at: new Date(ended),
        checkpoints_visited: visited.join('、'),
        findings: rnd() < FINDINGS_SHARE ? pick(rnd, FINDINGS) : '未发现异常',
        user_created: worker,
        date_created: new Date(entered),
      });
    }
  }
  return { routes: routes.map((r) => r.row), patrols };
}

// ---------------------------------------------------------------- 每日必办

/**
 * The share of a day's checklist items a grid worker ticks off: most are diligent, some sloppy
 * (each worker's share drawn between the bounds given), about 97 % done in all.
 */
export const DAILY_DONE = { diligent: [0.98, 0.999], sloppy: [0.8, 0.95], sloppyShare: 0.15 } as const;

export interface TemplateRef {
  id: number;
  unit_path: string;
  kind: TaskKind;
}

export interface TemplateRow extends TemplateRef {
  unit: number;
  title: string;
  instructions: string;
  active: true;
  sort: number;
  user_created: string | null;
  date_created: Date;
}

export const TEMPLATE_COLUMNS = [
  'id',
  'unit',
  'unit_path',
  'title',
  'kind',
  'instructions',
  'active',
  'sort',
  'user_created',
  'date_created',
] as const satisfies readonly (keyof TemplateRow)[];

export interface DailyCheckRow {
  key: string;
  user: string;
  unit: number;
  unit_path: string;
  day: string;
  template: number;
  done: boolean;
  done_at: Date | null;
  note: string | null;
}

export const DAILY_CHECK_COLUMNS = [
  'key',
  'user',
  'unit',
  'unit_path',
  'day',
  'template',
  'done',
  'done_at',
  'note',
] as const satisfies readonly (keyof DailyCheckRow)[];

const NOTES: Record<TaskKind, readonly string[]> = {
  patrol: ['已巡查，网格内无异常', '已巡查，发现问题已上报'],
  visit: ['已走访，情况稳定', '已电话联系并上门走访，无异常'],
  check: ['消防通道畅通', '已检查，督促商户整改一处'],
  report: ['已采集更新2户信息', '已核对新增出租房屋信息'],
  other: ['已完成'],
};

/**
 * The checklist (每日必办事项) a community defines, the demo's items, unless an item already
 * applies to its grids (defined by it, by a unit above it, or by one of its grids).
 */
export function templatesOf(
  community: ScaleUnit,
  existing: readonly TemplateRef[],
  nextId: () => number,
  actor: string | null,
  at: Date,
): TemplateRow[] {
  if (existing.some((t) => community.path.startsWith(t.unit_path) || t.unit_path.startsWith(community.path))) return [];
  return DAILY_ITEMS.map((item, sort) => ({
    id: nextId(),
    unit: community.id,
    unit_path: community.path,
    title: item.title,
    kind: item.kind as TaskKind,
    instructions: item.instructions,
    active: true,
    sort,
    user_created: actor,
    date_created: at,
  }));
}

/**
 * A grid worker's 每日必办 on the days given (those they logged in on their phone: the checklist is
 * made when first opened): every item that applies to their unit (daily.ts appliesTo: the item's
 * unit at or above theirs), ticked off during the day or left undone (DAILY_DONE).
 */
export function dailyChecksOf(
  ctx: FieldWorkContext,
  worker: { id: string; unit: number; unit_path: string },
  templates: readonly TemplateRef[],
  days: readonly string[],
): DailyCheckRow[] {
  const rnd = stream(ctx.seed, 'daily-checks', worker.id);
  const items = templates.filter((t) => worker.unit_path.startsWith(t.unit_path));
  const [low, high] = rnd() < DAILY_DONE.sloppyShare ? DAILY_DONE.sloppy : DAILY_DONE.diligent;
  const doneShare = between(rnd, low, high);
  const end = ctx.window.end.getTime();
  const rows: DailyCheckRow[] = [];
  for (const day of days)
    for (const item of items) {
      const at = midnightOf(day) + Math.floor(between(rnd, 8.5, 17.5) * HOUR);
      const done = rnd() < doneShare && at <= end;
      rows.push({
        key: checkKey(worker.id, day, item.id),
        user: worker.id,
        unit: worker.unit,
        unit_path: worker.unit_path,
        day,
        template: item.id,
        done,
        done_at: done ? new Date(at) : null,
        note: done ? pick(rnd, NOTES[item.kind] ?? NOTES.other) : null,
      });
    }
  return rows;
}
