// The course of a run (考评流程): computed → self-assessment (the units assessed
// explain, add evidence, appeal single deductions) → review (the assessing level
// scores the manual items and adjusts with a reason) → published → locked. Who may
// take which step, from which state, and what a step needs. Pure; the service
// keeps the loads and the transaction.

export const RUN_STATES = {
  computed: '已计算',
  self_assessment: '单位自评',
  review: '考评审核',
  published: '已发布',
  locked: '已锁定',
} as const;
export type RunState = keyof typeof RUN_STATES;

/** Who acts: the office that made the rubric, or a unit it assesses (for its own scores only). */
export type Side = 'assessing' | 'assessed';

export interface Step {
  label: string;
  from: readonly RunState[];
  /** The state after; a step on a score leaves the run's state as it is. */
  to?: RunState;
  by: Side;
  /** A reason (or text) is required. */
  reason: boolean;
  /** The step is on one score, not on the run. */
  onScore?: boolean;
}

export const RUN_STEPS = {
  open_self_assessment: { label: '启动自评', from: ['computed'], to: 'self_assessment', by: 'assessing', reason: false },
  explain: { label: '自评说明', from: ['self_assessment'], by: 'assessed', reason: true, onScore: true },
  appeal: { label: '申诉', from: ['self_assessment'], by: 'assessed', reason: true, onScore: true },
  start_review: { label: '开始审核', from: ['computed', 'self_assessment'], to: 'review', by: 'assessing', reason: false },
  send_back: { label: '退回自评', from: ['review'], to: 'self_assessment', by: 'assessing', reason: true },
  adjust: { label: '评分调整', from: ['review'], by: 'assessing', reason: true, onScore: true },
  publish: { label: '发布', from: ['review'], to: 'published', by: 'assessing', reason: false },
  reopen: { label: '撤回发布', from: ['published'], to: 'computed', by: 'assessing', reason: true },
  lock: { label: '锁定', from: ['published'], to: 'locked', by: 'assessing', reason: false },
} as const satisfies Record<string, Step>;
export type RunStep = keyof typeof RUN_STEPS;

export interface StepRequest {
  step: RunStep;
  reason: string | null;
  /** adjust: the points given. */
  points?: number;
}

export const REASON_MAX = 1000;

/** A step request from a body, or the reasons it is refused (Chinese). */
export function parseStep(step: unknown, body: unknown): { ok: true; request: StepRequest } | { ok: false; problems: string[] } {
  if (typeof step !== 'string' || !Object.hasOwn(RUN_STEPS, step))
    return {
      ok: false,
      problems: [
        `操作应为以下之一：${Object.values(RUN_STEPS)
          .map((s) => s.label)
          .join('、')}`,
      ],
    };
  const rule = RUN_STEPS[step as RunStep];
  const b = (body && typeof body === 'object' ? body : {}) as { reason?: unknown; points?: unknown };
  const problems: string[] = [];
  const reason = typeof b.reason === 'string' ? b.reason.trim() : null;
  if (b.reason !== undefined && b.reason !== null && typeof b.reason !== 'string') problems.push('理由应为文字');
  else if (rule.reason && (!reason || reason.length < 2)) problems.push(`${rule.label}须说明理由`);
  else if (reason && reason.length > REASON_MAX) problems.push(`理由不超过${REASON_MAX}字`);
  if (step === 'adjust' && (typeof b.points !== 'number' || !Number.isFinite(b.points))) problems.push('分数应为数字');
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    request: { step: step as RunStep, reason: reason || null, ...(step === 'adjust' ? { points: b.points as number } : {}) },
  };
}

/** Why the step may not be taken now by this side, or null when it may. */
export function refusal(step: RunStep, state: RunState, side: Side): { status: 403 | 409; reason: string } | null {
  const rule: Step = RUN_STEPS[step];
  if (rule.by !== side)
    return { status: 403, reason: rule.by === 'assessing' ? `只有考评单位可以${rule.label}` : `只有被考评单位可以${rule.label}` };
  if (!rule.from.includes(state)) return { status: 409, reason: `考评结果当前为“${RUN_STATES[state]}”，不能${rule.label}` };
  return null;
}
