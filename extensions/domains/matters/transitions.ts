// The flow of a matter (事项) as one table: who may do what in which state, and
// where the matter goes. Pure: the endpoint looks up the facts (the actor's unit
// and job, how the target unit relates to the holder) and writes the result.
//
// A matter travels along a route of units. The first is the initiator (发起单位),
// the last is the current holder (承办单位). Handing it on (dispatch down, escalate
// up, transfer to a department) appends a unit; replying or returning removes the
// last one, so a reply always goes back to whoever handed the matter on, and
// reaches the initiator in the end: "谁发起、谁办结", down and up as often as
// needed (管理办法第十八条, R9).

export const STATUSES = [
  'pending_acceptance',
  'pending_sign',
  'handling',
  'replied',
  'pending_verification',
  'returned',
  'closed',
] as const;
export type Status = (typeof STATUSES)[number];

export const STATUS_LABELS: Record<Status, string> = {
  pending_acceptance: '待受理',
  pending_sign: '待签收',
  handling: '办理中',
  replied: '已回复待审核',
  pending_verification: '待核实办结',
  returned: '已退回',
  closed: '已办结',
};

/** 待受理、待签收: while a matter waits in these, its sign-for deadline (sign_due_at) runs. */
export const WAITING: readonly Status[] = ['pending_acceptance', 'pending_sign'];

/** How the unit a matter is handed to relates to the unit that holds it. */
export type Relation = 'child' | 'parent' | 'department' | 'other';

export const ACTIONS = [
  'accept',
  'sign_for',
  'dispatch',
  'escalate',
  'transfer',
  'reply',
  'send_back',
  'return',
  'resubmit',
  'close',
  'reopen',
  'request_extension',
  'approve_extension',
  'reject_extension',
  'pause',
  'resume',
  'co_reply',
] as const;
export type Action = (typeof ACTIONS)[number];

export const ACTION_LABELS: Record<Action, string> = {
  accept: '受理',
  sign_for: '签收',
  dispatch: '下派',
  escalate: '上报',
  transfer: '转交部门',
  reply: '回复',
  send_back: '退回重办',
  return: '退回',
  resubmit: '重新提交',
  close: '办结',
  reopen: '重新启用',
  request_extension: '申请延期',
  approve_extension: '批准延期',
  reject_extension: '驳回延期',
  pause: '暂停计时',
  resume: '恢复计时',
  co_reply: '协办反馈',
};

interface Rule {
  /** States the action may be taken in. */
  from: readonly Status[];
  /** Who acts: the current holder (the lead, 主办), the initiator, or a co-handling unit (协办). */
  by: 'holder' | 'initiator' | 'co_handler';
  /** For hand-offs: how the target must relate to the holder. */
  target?: Relation;
  /** A written reason is required. */
  opinion?: boolean;
  /** Whether an extension request must be pending (true) or not (false). */
  extension?: boolean;
}

export const RULES: Record<Action, Rule> = {
  accept: { from: ['pending_acceptance'], by: 'holder' },
  sign_for: { from: ['pending_sign'], by: 'holder' },
  // A unit reviewing a reply may also hand the matter on again.
  dispatch: { from: ['handling', 'replied'], by: 'holder', target: 'child' },
  escalate: { from: ['handling', 'replied'], by: 'holder', target: 'parent' },
  transfer: { from: ['handling', 'replied'], by: 'holder', target: 'department' },
  reply: { from: ['handling', 'replied'], by: 'holder', opinion: true },
  send_back: { from: ['replied', 'pending_verification'], by: 'holder', opinion: true },
  return: { from: ['pending_acceptance', 'pending_sign'], by: 'holder', opinion: true },
  resubmit: { from: ['returned'], by: 'initiator' },
  close: { from: ['pending_verification', 'returned'], by: 'initiator' },
  reopen: { from: ['closed'], by: 'initiator', opinion: true },
  // 延期: asked by the holder, decided by the initiator; the matter stays where it is.
  request_extension: { from: ['pending_acceptance', 'pending_sign', 'handling', 'replied'], by: 'holder', opinion: true, extension: false },
  approve_extension: {
    from: ['pending_acceptance', 'pending_sign', 'handling', 'replied', 'pending_verification'],
    by: 'initiator',
    extension: true,
  },
  reject_extension: {
    from: ['pending_acceptance', 'pending_sign', 'handling', 'replied', 'pending_verification'],
    by: 'initiator',
    opinion: true,
    extension: true,
  },
  // 暂停: the holder stops the clock with a reason (where the policy allows); nothing else moves until it resumes.
  pause: { from: ['handling'], by: 'holder', opinion: true },
  resume: { from: ['handling'], by: 'holder' },
  // 协办: units named beside the lead when it was handed on give their feedback to the lead.
  co_reply: { from: ['pending_sign', 'pending_acceptance', 'handling', 'replied'], by: 'co_handler', opinion: true },
};

export interface MatterState {
  status: Status;
  /** Unit ids from the initiator to the current holder. */
  route: number[];
  /** The unit that last replied or returned it (上一承办单位): where a send-back or resubmission goes. */
  lastHandler: number | null;
  /** Working days of extension asked for and not yet decided (待审批的延期). */
  extensionRequested?: number | null;
  /** The clock is stopped (暂停计时). */
  paused?: boolean;
  /** Units handling it beside the holder, until they give feedback (协办单位). */
  coHandlers?: number[];
}

/** Who takes a step, as the table sees them: the acting unit, and whether its user only reads. */
export interface ActingUnit {
  unit: number;
  /** Leaders read and instruct; they do not move matters. */
  readOnly: boolean;
}

/** A step asked for (the service's TransitionRequest, with the units it names looked up). */
export interface Move {
  action: Action;
  actor: ActingUnit;
  opinion?: string | null;
  target?: { unit: number; relation: Relation } | null;
  /** For request_extension: how many working days. */
  extensionDays?: number | null;
  /** For dispatch and transfer: co-handling units beside the target, related to the holder as the target is. */
  coTargets?: { unit: number; relation: Relation }[];
}

export type Outcome = { ok: true; state: MatterState; from: number; to: number } | { ok: false; status: 400 | 403 | 409; reason: string };

const refuse = (status: 400 | 403 | 409, reason: string): Outcome => ({ ok: false, status, reason });

export function holder(state: MatterState): number {
  return state.route[state.route.length - 1]!;
}

export function initiator(state: MatterState): number {
  return state.route[0]!;
}

function mayAct(state: MatterState, rule: Rule, unit: number): boolean {
  if (rule.by === 'co_handler') return (state.coHandlers ?? []).includes(unit);
  return unit === (rule.by === 'holder' ? holder(state) : initiator(state));
}

/** After a reply or return takes the last unit off: who holds it now, in which state. */
function handBack(state: MatterState, replying: boolean): MatterState {
  const route = state.route.slice(0, -1);
  const atInitiator = route.length === 1;
  const lastHandler = holder(state);
  if (replying) return { status: atInitiator ? 'pending_verification' : 'replied', route, lastHandler };
  return { status: atInitiator ? 'returned' : 'handling', route, lastHandler };
}

function next(state: MatterState, request: Move): MatterState {
  const { action, target } = request;
  switch (action) {
    case 'accept':
    case 'sign_for':
    case 'reopen':
      return { ...state, status: 'handling' };
    case 'dispatch':
    case 'transfer':
      return {
        ...state,
        status: 'pending_sign',
        route: [...state.route, target!.unit],
        coHandlers: (request.coTargets ?? []).map((c) => c.unit),
      };
    case 'escalate':
      return { ...state, status: 'pending_acceptance', route: [...state.route, target!.unit], coHandlers: [] };
    case 'reply':
      return { ...handBack(state, true), coHandlers: [] };
    case 'return':
      return { ...handBack(state, false), coHandlers: [] };
    case 'co_reply':
      return { ...state, coHandlers: (state.coHandlers ?? []).filter((u) => u !== request.actor.unit) };
    case 'send_back':
      // Back to the unit whose reply is refused: it handles the matter again.
      return { ...state, status: 'handling', route: [...state.route, state.lastHandler!] };
    case 'resubmit':
      return { ...state, status: 'pending_acceptance', route: [...state.route, state.lastHandler!] };
    case 'close':
      return { ...state, status: 'closed', extensionRequested: null };
    case 'request_extension':
      return { ...state, extensionRequested: request.extensionDays! };
    case 'approve_extension':
    case 'reject_extension':
      return { ...state, extensionRequested: null };
    case 'pause':
      return { ...state, paused: true };
    case 'resume':
      return { ...state, paused: false };
  }
}

/**
 * Decides a transition. 403: this actor may not; 409: not in this state;
 * 400: the request itself is incomplete or points at the wrong unit.
 */
export function decide(state: MatterState, request: Move): Outcome {
  // Own keys only: `constructor` or `toString` are names every object answers to.
  const rule = Object.hasOwn(RULES, request.action) ? RULES[request.action] : undefined;
  if (!rule) return refuse(400, `未知的操作“${String(request.action)}”`);
  const label = ACTION_LABELS[request.action];
  if (request.actor.readOnly) return refuse(403, `领导账号只能查阅和批示，不能${label}`);
  if (!mayAct(state, rule, request.actor.unit)) {
    const who = { holder: '只有当前承办单位', initiator: '只有发起单位', co_handler: '只有协办单位' }[rule.by];
    return refuse(403, `${who}可以${label}${rule.by === 'initiator' ? '（谁发起、谁办结）' : ''}`);
  }
  if (!rule.from.includes(state.status)) return refuse(409, `事项当前为“${STATUS_LABELS[state.status]}”，不能${label}`);
  if (state.paused && request.action !== 'resume') return refuse(409, '事项已暂停计时，请先恢复计时');
  if (!state.paused && request.action === 'resume') return refuse(409, '事项没有暂停计时');
  if (rule.opinion && !request.opinion?.trim()) return refuse(400, `${label}须填写意见或理由`);
  const pending = (state.extensionRequested ?? null) !== null;
  if (rule.extension === true && !pending) return refuse(409, '没有待审批的延期申请');
  if (rule.extension === false && pending) return refuse(409, '已有延期申请待审批');
  if (request.action === 'request_extension' && !(Number.isInteger(request.extensionDays) && request.extensionDays! > 0))
    return refuse(400, '申请延期须填写延期的工作日数');
  if ((request.action === 'send_back' || request.action === 'resubmit') && state.lastHandler === null)
    return refuse(409, '没有可退回的承办单位');
  if (rule.target) {
    if (!request.target) return refuse(400, `${label}须选择目标单位`);
    if (request.target.relation !== rule.target) {
      const expected = { child: '本单位的直属下级单位', parent: '本单位的上级单位', department: '职能部门', other: '' }[rule.target];
      return refuse(400, `${label}只能选择${expected}`);
    }
    if (state.route.includes(request.target.unit)) return refuse(400, '目标单位已在办理链中，请用回复或退回');
    for (const co of request.coTargets ?? []) {
      if (co.relation !== rule.target || co.unit === request.target.unit || state.route.includes(co.unit))
        return refuse(400, `协办单位应为与承办单位同类的其他单位`);
    }
  } else if (request.coTargets?.length) {
    return refuse(400, `${label}不能指定协办单位`);
  }
  const state2 = next(state, request);
  return { ok: true, state: state2, from: holder(state), to: holder(state2) };
}

/** The actions this actor may take now (for the UI; the endpoint decides anyway). */
export function availableActions(state: MatterState, actor: ActingUnit): Action[] {
  if (actor.readOnly) return [];
  return ACTIONS.filter((action) => {
    const rule = RULES[action];
    const pending = (state.extensionRequested ?? null) !== null;
    // While the clock is stopped, resuming is the only thing to do.
    if (Boolean(state.paused) !== (action === 'resume')) return false;
    return (
      mayAct(state, rule, actor.unit) && rule.from.includes(state.status) && (rule.extension === undefined || rule.extension === pending)
    );
  });
}
