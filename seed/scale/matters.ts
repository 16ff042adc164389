// 事项 at Pukou's scale: about two million matters over three years (1.2 a grid a
// day, busier grids and later years more), about five steps each. Each matter
// follows a course (accepted and replied at the community, escalated to the
// street, transferred to a department, returned, sent back, extended …), and
// every step is taken through the workflow's own rules: decide() says whether it
// may be taken and where the matter goes, deadlinesAfter() what its clocks read,
// as POST /matters/:id/transition would. The pace of each step is drawn against
// the matter's deadlines (most on time, some late, a few stalled); steps that
// would come after the run date are not taken, so recent matters are open, in
// every state, and the stalled ones overdue.

import { deadlinesAfter, type DeadlinePolicy } from '../../extensions/domains/matters/deadlines.ts';
import { yellowAt } from '../../extensions/domains/matters/lights.ts';
import { milestoneKey, milestonesOf, type MilestoneKind } from '../../extensions/domains/matters/milestones.ts';
import { participantPaths } from '../../extensions/domains/matters/participant-paths.ts';
import { matterNumber, dayCounterKey } from '../../extensions/domains/matters/report.ts';
import {
  decide,
  holder,
  initiator,
  RULES,
  type Action,
  type MatterState,
  type Relation,
  type Status,
} from '../../extensions/domains/matters/transitions.ts';
import { MATTER_TYPES, type MatterType, type Urgency } from '../../extensions/domains/matters/vocabulary.ts';
import { addDuration, localDateOf, type Calendar } from '../../extensions/kernel/working-days.ts';
import { personName, ROADS } from '../registries-generator.ts';
import { between, countOf, integerBetween, pick, spread, stream, weighted, type Random } from './draw.ts';
import { hourOfDay, instantInWindow, MINUTE, officeInstant, type Window } from './time.ts';
import type { ScaleUnit } from './tree.ts';

/** Matters per grid at full size: 2,000,000 over 1,500 grids in three years. */
export const MATTERS_PER_GRID = 1333;

/** Who raises a matter and to whom it goes, relative to the grid it is about. */
export const COURSE_KINDS = {
  /** 事件上报 by the grid worker to the community */
  grid_report: 0.78,
  /** 求助 by the grid worker to the community */
  grid_help: 0.04,
  /** 任务 from the community to the grid */
  community_task: 0.09,
  /** 任务 from the street to the community */
  street_task: 0.03,
  /** 请示 from the community to the street */
  community_request: 0.03,
  /** 部门交办 from the street to a department */
  street_assignment: 0.03,
} as const;
type CourseKind = keyof typeof COURSE_KINDS;

const TYPE_OF: Record<CourseKind, MatterType> = {
  grid_report: 'event_report',
  grid_help: 'help',
  community_task: 'task',
  street_task: 'task',
  community_request: 'request',
  street_assignment: 'department_assignment',
};

/** How long a step takes after the one before, against the matter's deadlines. */
type Pace = 'sign' | 'hand_on' | 'handle' | 'relay' | 'close' | 'ask_extension' | 'decide';

interface PlannedStep {
  action: Action;
  pace: Pace;
  /** For hand-ons: which unit the holder hands the matter to. */
  to?: Relation;
}

const s = (action: Action, pace: Pace, to?: Relation): PlannedStep => ({ action, pace, to });
const CLOSE = s('close', 'close');
const EXTENDED = [s('request_extension', 'ask_extension'), s('approve_extension', 'decide')];

/** The courses a matter may take, by who raised it, with their shares. */
export const COURSES: Record<CourseKind, [share: number, steps: PlannedStep[]][]> = {
  grid_report: [
    [0.53, [s('accept', 'sign'), s('reply', 'handle'), CLOSE]],
    [
      0.15,
      [s('accept', 'sign'), s('escalate', 'hand_on', 'parent'), s('accept', 'sign'), s('reply', 'handle'), s('reply', 'relay'), CLOSE],
    ],
    [
      0.05,
      [
        s('accept', 'sign'),
        s('escalate', 'hand_on', 'parent'),
        s('accept', 'sign'),
        s('transfer', 'hand_on', 'department'),
        s('sign_for', 'sign'),
        s('reply', 'handle'),
        s('reply', 'relay'),
        s('reply', 'relay'),
        CLOSE,
      ],
    ],
    [0.06, [s('return', 'sign'), CLOSE]],
    [0.04, [s('return', 'sign'), s('resubmit', 'relay'), s('accept', 'sign'), s('reply', 'handle'), CLOSE]],
    [0.07, [s('accept', 'sign'), ...EXTENDED, s('reply', 'handle'), CLOSE]],
    [0.1, [s('accept', 'sign'), s('reply', 'handle'), s('send_back', 'relay'), s('reply', 'relay'), CLOSE]],
  ],
  grid_help: [[1, [s('accept', 'sign'), s('reply', 'handle'), CLOSE]]],
  community_task: [
    [0.75, [s('sign_for', 'sign'), s('reply', 'handle'), CLOSE]],
    [0.12, [s('sign_for', 'sign'), s('reply', 'handle'), s('send_back', 'relay'), s('reply', 'relay'), CLOSE]],
    [0.05, [s('return', 'sign'), CLOSE]],
    [0.08, [s('sign_for', 'sign'), ...EXTENDED, s('reply', 'handle'), CLOSE]],
  ],
  street_task: [
    [
      0.5,
      [s('sign_for', 'sign'), s('dispatch', 'hand_on', 'child'), s('sign_for', 'sign'), s('reply', 'handle'), s('reply', 'relay'), CLOSE],
    ],
    [0.5, [s('sign_for', 'sign'), s('reply', 'handle'), CLOSE]],
  ],
  community_request: [
    [0.9, [s('accept', 'sign'), s('reply', 'handle'), CLOSE]],
    [0.1, [s('return', 'sign'), CLOSE]],
  ],
  street_assignment: [
    [0.85, [s('sign_for', 'sign'), s('reply', 'handle'), CLOSE]],
    [0.15, [s('sign_for', 'sign'), ...EXTENDED, s('reply', 'handle'), CLOSE]],
  ],
};

export const URGENCY_SHARES: Record<Urgency, number> = { normal: 0.85, urgent: 0.12, extra_urgent: 0.03 };

/** Shares of the completion time the main handling takes: most on time, some late, a few stalled. */
export const HANDLING = { on_time: 0.86, late: 0.11, stalled: 0.03 } as const;

const CATEGORY_SHARES = { MDJF: 0.25, ZAYH: 0.12, AQYH: 0.22, XFWT: 0.06, QTSJ: 0.01, GGAQ: 0.08, MSFW: 0.2, QT: 0.06 } as const;
type CategoryCode = keyof typeof CATEGORY_SHARES;
const TITLES: Record<CategoryCode, string[]> = {
  MDJF: ['邻里因噪音发生争吵', '楼上漏水引发邻里纠纷', '物业收费争议', '停车位归属纠纷', '家庭赡养纠纷', '装修扰民投诉'],
  ZAYH: ['夜间有人聚集滋事', '电动车被盗', '可疑人员在小区徘徊', '出租屋人员频繁更换', '沿街商铺存在赌博迹象'],
  AQYH: ['电动车楼道违规充电', '楼道堆放杂物堵塞消防通道', '出租屋群租存在消防隐患', '燃气管道老化', '广告牌松动存在坠落风险'],
  XFWT: ['反映拆迁补偿问题', '反映物业管理不到位', '反映社保待遇问题', '反映工程欠薪问题'],
  QTSJ: ['工地工人聚集讨薪', '业主聚集反映房屋质量问题'],
  GGAQ: ['独居老人家中燃气泄漏报警', '路面塌陷存在安全隐患', '河道护栏损坏', '学校周边交通秩序混乱'],
  MSFW: ['路灯损坏影响夜间出行', '小区垃圾清运不及时', '下水道堵塞', '困难家庭申请救助', '公共健身器材损坏'],
  QT: ['流浪人员需要救助', '宠物扰民', '占道经营'],
};
const DETAILS = ['经网格员现场核实，情况属实', '群众来电反映，需尽快处理', '涉及多户居民，影响较大', '已进行初步劝导，需相关部门介入'];
const OPINIONS: Partial<Record<Action, string[]>> = {
  reply: [
    '已到现场核实处理，情况已消除，请审核',
    '已协调相关部门处理完毕，请审核',
    '经调解双方达成一致，请审核',
    '已落实整改，附整改情况说明',
  ],
  return: ['经核实不属于本单位受理范围，请补充材料后重新提交', '反映情况不清，请核实后重新上报'],
  send_back: ['处理结果不满意，请继续办理', '整改不到位，请重新办理'],
  request_extension: ['涉及多个部门协调，需延长办理时限', '需等待专业检测结果，申请延期'],
};

export interface MatterRow {
  id: number;
  number: string;
  type: MatterType;
  title: string;
  category: number;
  source: string | null;
  urgency: Urgency;
  occurred_at: Date;
  address: string;
  grid: number;
  people_involved: string | null;
  description: string;
  unit: number;
  unit_path: string;
  /** The units it passed through (extensions/domains/matters/participant-paths.ts). */
  participant_paths: string;
  initiator: string | null;
  handler_unit: number;
  status: Status;
  co_handlers: string;
  route: string;
  last_handler: number | null;
  sign_due_at: Date | null;
  due_at: Date | null;
  yellow_at: Date | null;
  closed_at: Date | null;
  paused_at: Date | null;
  extension_requested_days: number | null;
  version: number;
  to_dalianqin: boolean;
  user_created: string | null;
  date_created: Date;
  date_updated: Date | null;
}

export interface StepRow {
  matter: number;
  action: Action | 'report';
  actor: string | null;
  actor_unit: number;
  from_unit: number;
  to_unit: number;
  opinion: string | null;
  extension_days: number | null;
  attachments: string;
  status_after: Status;
  date_created: Date;
}

export interface ParticipantRow {
  matter: number;
  unit: number;
  unit_path: string;
}

/** A reminder already sent (matter_reminders): one per milestone of an open matter that has passed. */
export interface ReminderRow {
  key: string;
  matter: number;
  kind: MilestoneKind;
  due_at: Date;
  unit: number;
  sent_at: Date;
  recipients: number;
}

export interface MatterContext {
  window: Window;
  calendar: Calendar;
  /** The deadline policy (时限标准) of a type and urgency. */
  policy: (type: MatterType, urgency: Urgency) => DeadlinePolicy;
  /** Category ids by code. */
  categories: Readonly<Record<string, number>>;
  units: ReadonlyMap<number, ScaleUnit>;
  /** The grids of each community (by the community's id). */
  gridsOf: ReadonlyMap<number, readonly ScaleUnit[]>;
  departments: readonly ScaleUnit[];
  /** The user who acts for a unit (null: nobody known; the step is recorded without an actor). */
  actorOf: (unit: number) => string | null;
  /** The last number given out per day counter key (SJ-20261126 …); advanced as numbers are given. */
  counters: Map<string, number>;
  scale: number;
  seed: number;
}

export interface GridMatters {
  matters: MatterRow[];
  steps: StepRow[];
  participants: ParticipantRow[];
  reminders: ReminderRow[];
}

/** The first unit of `route`-relation `to` from the holder: its parent, a department, a grid below it not yet on the route. */
function targetOf(ctx: MatterContext, rnd: Random, holderUnit: ScaleUnit, to: Relation, route: number[]): ScaleUnit | null {
  if (to === 'parent') return holderUnit.parent === null ? null : (ctx.units.get(holderUnit.parent) ?? null);
  if (to === 'department') return ctx.departments.length ? pick(rnd, ctx.departments) : null;
  const below = (ctx.gridsOf.get(holderUnit.id) ?? []).filter((g) => !route.includes(g.id));
  return below.length ? pick(rnd, below) : null;
}

/**
 * Milliseconds the step takes after the previous one, as shares of the allowed
 * times. Work on working-day deadlines waits for office hours besides (officeInstant),
 * so its shares are smaller: the same share of matters ends up late either way.
 */
function paceOf(
  rnd: Random,
  pace: Pace,
  allowed: { sign: number; complete: number },
  handling: keyof typeof HANDLING,
  office: boolean,
): number {
  const { sign, complete } = allowed;
  const k = office ? 0.45 : 1;
  switch (pace) {
    case 'sign':
      return sign * (rnd() < 0.92 ? k * between(rnd, 0.03, 0.7) : between(rnd, 1, 2.5));
    case 'hand_on':
      return complete * k * between(rnd, 0.02, 0.1);
    case 'handle':
      return (
        complete *
        (handling === 'on_time' ? k * between(rnd, 0.15, 0.65) : handling === 'late' ? between(rnd, 0.9, 1.6) : between(rnd, 3, 12))
      );
    case 'relay':
      return complete * k * between(rnd, 0.01, 0.05);
    case 'close':
      return complete * k * between(rnd, 0.01, 0.08);
    case 'ask_extension':
      return complete * k * between(rnd, 0.25, 0.55);
    case 'decide':
      return complete * k * between(rnd, 0.01, 0.04);
  }
}

/** Who raises the matter and who first gets it, for a course kind about `grid`. */
function partiesOf(ctx: MatterContext, rnd: Random, kind: CourseKind, grid: ScaleUnit): { from: ScaleUnit; to: ScaleUnit } | null {
  const community = ctx.units.get(grid.parent!)!;
  const street = ctx.units.get(community.parent!)!;
  switch (kind) {
    case 'grid_report':
    case 'grid_help':
      return { from: grid, to: community };
    case 'community_task':
      return { from: community, to: grid };
    case 'street_task':
      return { from: street, to: community };
    case 'community_request':
      return { from: community, to: street };
    case 'street_assignment':
      return ctx.departments.length ? { from: street, to: pick(rnd, ctx.departments) } : null;
  }
}

/**
 * The matters about one grid over the window, with their steps and the units they
 * passed through. `nextId` gives the matters' ids in turn.
 */
export function mattersOfGrid(ctx: MatterContext, grid: ScaleUnit, nextId: () => number): GridMatters {
  const rnd = stream(ctx.seed, 'matters', grid.id);
  const count = countOf(rnd, MATTERS_PER_GRID * spread(rnd, 0.35) * ctx.scale);
  const end = ctx.window.end.getTime();
  const created = Array.from({ length: count }, () => hourOfDay(rnd, instantInWindow(rnd, ctx.window).getTime(), ctx.calendar))
    .filter((t) => t >= ctx.window.start.getTime() && t < end)
    .sort((a, b) => a - b);
  const out: GridMatters = { matters: [], steps: [], participants: [], reminders: [] };
  const road = pick(rnd, ROADS);

  for (const at of created) {
    const kind = weighted(rnd, COURSE_KINDS);
    const parties = partiesOf(ctx, rnd, kind, grid);
    if (!parties) continue;
    const type = TYPE_OF[kind];
    const urgency = weighted(rnd, URGENCY_SHARES);
    const policy = ctx.policy(type, urgency);
    const category = weighted(rnd, CATEGORY_SHARES);
    const id = nextId();
    const createdAt = new Date(at);
    const localDay = localDateOf(createdAt);
    const counterKey = dayCounterKey(type, localDay);
    const sequence = (ctx.counters.get(counterKey) ?? 0) + 1;
    ctx.counters.set(counterKey, sequence);

    const status: Status = MATTER_TYPES[type].direction === 'up' ? 'pending_acceptance' : 'pending_sign';
    let state: MatterState = {
      status,
      route: [parties.from.id, parties.to.id],
      lastHandler: null,
      extensionRequested: null,
      coHandlers: [],
    };
    let clocks = {
      created: createdAt,
      sign_due_at: addDuration(ctx.calendar, createdAt, policy.sign) as Date | null,
      due_at: addDuration(ctx.calendar, createdAt, policy.complete) as Date | null,
      paused_at: null as Date | null,
    };
    let yellow = yellowAt(
      {
        status,
        created: createdAt,
        received: createdAt,
        sign_due_at: clocks.sign_due_at,
        due_at: clocks.due_at,
        sign_unit: policy.sign.unit,
        complete_unit: policy.complete.unit,
        paused: false,
      },
      ctx.calendar,
    );
    let closedAt: Date | null = null;
    const initiatorUser = ctx.actorOf(parties.from.id);
    const known = new Set<number>([parties.from.id, parties.to.id]);
    const paths = [parties.from.path, parties.to.path];
    for (const unit of [parties.from, parties.to]) out.participants.push({ matter: id, unit: unit.id, unit_path: unit.path });
    out.steps.push({
      matter: id,
      action: 'report',
      actor: initiatorUser,
      actor_unit: parties.from.id,
      from_unit: parties.from.id,
      to_unit: parties.to.id,
      opinion: null,
      extension_days: null,
      attachments: '[]',
      status_after: status,
      date_created: createdAt,
    });

    // The course, its steps taken in turn until the run date.
    const course = weightedCourse(rnd, COURSES[kind]);
    const handling = weighted(rnd, HANDLING);
    const office = policy.complete.unit === 'working_days';
    const allowed = {
      sign: clocks.sign_due_at!.getTime() - at,
      complete: clocks.due_at!.getTime() - at,
    };
    let now = at;
    let transitions = 0;
    let lastAt = at;
    let skipExtension = false;
    for (const planned of course) {
      if (skipExtension && planned.action === 'approve_extension') continue;
      let t = now + Math.max(2 * MINUTE, Math.floor(paceOf(rnd, planned.pace, allowed, handling, office)));
      if (office) t = Math.max(t, officeInstant(rnd, ctx.calendar, t));
      if (t > end) break;
      const holderUnit = ctx.units.get(holder(state))!;
      // The unit the rule says acts: the initiator (close, resubmit, decide on an extension) or the holder.
      const actingUnit = RULES[planned.action].by === 'initiator' ? initiator(state) : holder(state);
      let target: ScaleUnit | null = null;
      if (planned.to) {
        target = targetOf(ctx, rnd, holderUnit, planned.to, state.route);
        if (!target) break;
      }
      const extensionDays =
        planned.action === 'request_extension' ? integerBetween(rnd, 1, Math.max(1, Math.min(5, policy.maxExtensionDays))) : null;
      const opinion = OPINIONS[planned.action] ? pick(rnd, OPINIONS[planned.action]!) : null;
      const outcome = decide(state, {
        action: planned.action,
        actor: { unit: actingUnit, readOnly: false },
        opinion,
        target: target ? { unit: target.id, relation: planned.to! } : null,
        extensionDays,
      });
      if (!outcome.ok) throw new Error(`seed:scale: course ${kind} refused at ${planned.action}: ${outcome.reason}`);
      const stepAt = new Date(t);
      const clockOutcome = deadlinesAfter(
        {
          action: planned.action,
          status: outcome.state.status,
          extensionDays: planned.action === 'approve_extension' ? state.extensionRequested : extensionDays,
        },
        clocks,
        policy,
        ctx.calendar,
        stepAt,
      );
      if (!clockOutcome.ok) {
        // Too late to ask for more time (or not allowed): the holder handles it without.
        if (planned.action === 'request_extension') {
          skipExtension = true;
          continue;
        }
        throw new Error(`seed:scale: course ${kind} refused at ${planned.action}: ${clockOutcome.reason}`);
      }
      if (clockOutcome.sign_due_at !== undefined) clocks = { ...clocks, sign_due_at: clockOutcome.sign_due_at };
      if (clockOutcome.due_at !== undefined) clocks = { ...clocks, due_at: clockOutcome.due_at };
      if (clockOutcome.paused_at !== undefined) clocks = { ...clocks, paused_at: clockOutcome.paused_at };
      if (clockOutcome.yellow_at !== undefined) yellow = clockOutcome.yellow_at;
      if (clockOutcome.sign_due_at) allowed.sign = clockOutcome.sign_due_at.getTime() - t;
      closedAt = outcome.state.status === 'closed' ? stepAt : null;
      state = outcome.state;
      transitions++;
      now = t;
      lastAt = t;
      if (!known.has(outcome.to)) {
        known.add(outcome.to);
        paths.push(ctx.units.get(outcome.to)!.path);
        out.participants.push({ matter: id, unit: outcome.to, unit_path: ctx.units.get(outcome.to)!.path });
      }
      out.steps.push({
        matter: id,
        action: planned.action,
        actor: ctx.actorOf(actingUnit),
        actor_unit: actingUnit,
        from_unit: outcome.from,
        to_unit: outcome.to,
        opinion,
        extension_days:
          planned.action === 'request_extension'
            ? extensionDays
            : planned.action === 'approve_extension'
              ? (state.extensionRequested ?? null)
              : null,
        attachments: '[]',
        status_after: state.status,
        date_created: stepAt,
      });
    }

    // The reminders of the milestones an open matter has passed were sent then (the reminder
    // engine's own milestones and keys): the worker does not send them all at its first scan.
    const milestones = milestonesOf(
      {
        id,
        status: state.status,
        created: createdAt,
        sign_due_at: clocks.sign_due_at,
        due_at: clocks.due_at,
        complete_unit: policy.complete.unit,
        paused: clocks.paused_at !== null,
      },
      ctx.calendar,
    );
    for (const m of milestones) {
      if (m.at.getTime() > end) continue;
      const holderUnit = ctx.units.get(holder(state))!;
      out.reminders.push({
        key: milestoneKey(m),
        matter: id,
        kind: m.kind,
        due_at: m.at,
        unit: m.audience === 'superior' && holderUnit.parent !== null ? holderUnit.parent : holderUnit.id,
        sent_at: new Date(m.at.getTime() + Math.floor(between(rnd, 0.1, 30) * 1000)),
        recipients: 1,
      });
    }

    const title = pick(rnd, TITLES[category]);
    out.matters.push({
      id,
      number: matterNumber(type, localDay, sequence),
      type,
      title,
      category: ctx.categories[category] ?? ctx.categories.QT!,
      source:
        kind === 'grid_report'
          ? weighted(rnd, { grid_worker: 0.8, hotline_12345: 0.12, visit: 0.08 })
          : kind === 'grid_help'
            ? 'grid_worker'
            : kind === 'community_request'
              ? null
              : 'superior',
      urgency,
      occurred_at: new Date(at - Math.floor(between(rnd, 0, 3) * 3_600_000)),
      address: `南京市浦口区${road}${integerBetween(rnd, 1, 300)}号`,
      grid: grid.id,
      people_involved: category === 'MDJF' ? `${personName(rnd)}、${personName(rnd)}` : null,
      description: `${grid.name}：${title}。${pick(rnd, DETAILS)}。`,
      unit: parties.from.id,
      unit_path: parties.from.path,
      participant_paths: participantPaths(paths),
      initiator: initiatorUser,
      handler_unit: holder(state),
      status: state.status,
      co_handlers: '[]',
      route: JSON.stringify(state.route),
      last_handler: state.lastHandler,
      sign_due_at: clocks.sign_due_at,
      due_at: clocks.due_at,
      yellow_at: yellow,
      closed_at: closedAt,
      paused_at: clocks.paused_at,
      extension_requested_days: state.extensionRequested ?? null,
      version: 1 + transitions,
      to_dalianqin: false,
      user_created: initiatorUser,
      date_created: createdAt,
      date_updated: transitions ? new Date(lastAt) : null,
    });
  }
  return out;
}

function weightedCourse(rnd: Random, courses: [number, PlannedStep[]][]): PlannedStep[] {
  let r = rnd() * courses.reduce((sum, [share]) => sum + share, 0);
  for (const [share, steps] of courses) if ((r -= share) < 0) return steps;
  return courses[courses.length - 1]![1];
}
