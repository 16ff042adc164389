import { describe, expect, it } from 'vitest';
import {
  ACTIONS,
  availableActions,
  decide,
  STATUSES,
  type Action,
  type MatterState,
  type Relation,
  type Move,
  type Status,
} from './transitions.ts';

// Units of a small tree: grid G under community C under street S; C2 another
// community of S; D a department; X a unit with nothing to do with it.
const G = 4,
  C = 3,
  S = 2,
  C2 = 5,
  D = 9,
  X = 7;

function act(state: MatterState, unit: number, action: Action, target?: [number, Relation], opinion = '意见'): MatterState {
  const outcome = decide(state, {
    action,
    actor: { unit, readOnly: false },
    opinion,
    target: target ? { unit: target[0], relation: target[1] } : null,
  });
  if (!outcome.ok) throw new Error(`${action} by ${unit}: ${outcome.reason}`);
  return outcome.state;
}

describe('a grid report travelling up and down and back (谁发起、谁办结)', () => {
  it('ends where it started, closed by the initiator only', () => {
    // The grid reports to its community.
    let m: MatterState = { status: 'pending_acceptance', route: [G, C], lastHandler: null };
    m = act(m, C, 'accept');
    expect(m).toMatchObject({ status: 'handling', route: [G, C] });
    m = act(m, C, 'escalate', [S, 'parent']);
    expect(m).toMatchObject({ status: 'pending_acceptance', route: [G, C, S] });
    m = act(m, S, 'accept');
    m = act(m, S, 'dispatch', [C2, 'child']);
    expect(m).toMatchObject({ status: 'pending_sign', route: [G, C, S, C2] });
    m = act(m, C2, 'sign_for');
    m = act(m, C2, 'reply');
    expect(m).toMatchObject({ status: 'replied', route: [G, C, S], lastHandler: C2 });
    m = act(m, S, 'send_back');
    expect(m).toMatchObject({ status: 'handling', route: [G, C, S, C2] });
    m = act(m, C2, 'reply');
    m = act(m, S, 'transfer', [D, 'department']);
    expect(m).toMatchObject({ status: 'pending_sign', route: [G, C, S, D] });
    m = act(m, D, 'sign_for');
    m = act(m, D, 'reply');
    m = act(m, S, 'reply');
    expect(m).toMatchObject({ status: 'replied', route: [G, C], lastHandler: S });
    m = act(m, C, 'reply');
    expect(m).toMatchObject({ status: 'pending_verification', route: [G], lastHandler: C });

    const byCommunity = decide(m, { action: 'close', actor: { unit: C, readOnly: false } });
    expect(byCommunity).toEqual({ ok: false, status: 403, reason: '只有发起单位可以办结（谁发起、谁办结）' });
    m = act(m, G, 'send_back');
    expect(m).toMatchObject({ status: 'handling', route: [G, C] });
    m = act(m, C, 'reply');
    m = act(m, G, 'close');
    expect(m).toMatchObject({ status: 'closed', route: [G] });
    m = act(m, G, 'reopen');
    expect(m).toMatchObject({ status: 'handling', route: [G] });
  });

  it('returns a matter to the initiator, who resubmits or withdraws it', () => {
    let m: MatterState = { status: 'pending_acceptance', route: [G, C], lastHandler: null };
    m = act(m, C, 'return', undefined, '信息不全，请补充现场照片');
    expect(m).toMatchObject({ status: 'returned', route: [G], lastHandler: C });
    m = act(m, G, 'resubmit');
    expect(m).toMatchObject({ status: 'pending_acceptance', route: [G, C], lastHandler: C });
    m = act(m, C, 'return', undefined, '不属于本社区');
    expect(act(m, G, 'close').status).toBe('closed');
  });

  it('returns a dispatched task to the unit that dispatched it, not to the initiator', () => {
    const m = act({ status: 'pending_sign', route: [S, C], lastHandler: null }, C, 'return', undefined, '不属于本社区辖区');
    expect(m).toMatchObject({ status: 'returned', route: [S], lastHandler: C });
    const deeper = act({ status: 'pending_sign', route: [S, C, G], lastHandler: null }, G, 'return', undefined, '不在本网格');
    expect(deeper).toMatchObject({ status: 'handling', route: [S, C], lastHandler: G });
  });
});

/**
 * Who may take each action in which state; everything else is refused.
 * holder: the unit holding the matter; initiator: the unit that started it.
 */
const ALLOWED: [Action, Status, 'holder' | 'initiator'][] = [
  ['accept', 'pending_acceptance', 'holder'],
  ['sign_for', 'pending_sign', 'holder'],
  ['dispatch', 'handling', 'holder'],
  ['dispatch', 'replied', 'holder'],
  ['escalate', 'handling', 'holder'],
  ['escalate', 'replied', 'holder'],
  ['transfer', 'handling', 'holder'],
  ['transfer', 'replied', 'holder'],
  ['reply', 'handling', 'holder'],
  ['reply', 'replied', 'holder'],
  ['send_back', 'replied', 'holder'],
  ['send_back', 'pending_verification', 'holder'],
  ['return', 'pending_acceptance', 'holder'],
  ['return', 'pending_sign', 'holder'],
  ['resubmit', 'returned', 'initiator'],
  ['close', 'pending_verification', 'initiator'],
  ['close', 'returned', 'initiator'],
  ['reopen', 'closed', 'initiator'],
  ...(['pending_acceptance', 'pending_sign', 'handling', 'replied'] as const).map((s): [Action, Status, 'holder'] => [
    'request_extension',
    s,
    'holder',
  ]),
  ['pause', 'handling', 'holder'],
  ['resume', 'handling', 'holder'],
  ...(['pending_acceptance', 'pending_sign', 'handling', 'replied', 'pending_verification'] as const).flatMap(
    (s): [Action, Status, 'initiator'][] => [
      ['approve_extension', s, 'initiator'],
      ['reject_extension', s, 'initiator'],
    ],
  ),
];

const TARGETS: Partial<Record<Action, [number, Relation]>> = {
  dispatch: [C2, 'child'],
  escalate: [S, 'parent'],
  transfer: [D, 'department'],
};

/**
 * A matter in the given state, held by C and started by G (held by G where only
 * the initiator holds it); with an extension request pending where the action decides one.
 */
function matterIn(status: Status, action?: Action): MatterState {
  const atInitiator = status === 'pending_verification' || status === 'returned' || status === 'closed';
  const decidesExtension = action === 'approve_extension' || action === 'reject_extension';
  return {
    status,
    route: atInitiator ? [G] : [G, C],
    lastHandler: C,
    extensionRequested: decidesExtension ? 3 : null,
    paused: action === 'resume',
  };
}

describe('rights table', () => {
  const cases = ACTIONS.flatMap((action) =>
    STATUSES.flatMap((status) =>
      (['holder', 'initiator', 'other', 'leader'] as const).map((who) => {
        const m = matterIn(status, action);
        const unit = who === 'holder' || who === 'leader' ? m.route[m.route.length - 1]! : who === 'initiator' ? G : X;
        const permittedActor = ALLOWED.some(
          ([a, , by]) =>
            a === action &&
            (who === by ||
              (by === 'holder' && who === 'initiator' && m.route.length === 1) ||
              (by === 'initiator' && who === 'holder' && m.route.length === 1)),
        );
        const allowed =
          who !== 'leader' &&
          ALLOWED.some(([a, s, by]) => a === action && s === status && unit === (by === 'holder' ? m.route[m.route.length - 1] : G));
        return { action, status, who, unit, allowed, permittedActor };
      }),
    ),
  );

  it.each(cases)('$action in $status by $who → $allowed', ({ action, status, who, unit, allowed, permittedActor }) => {
    const request: Move = {
      action,
      actor: { unit, readOnly: who === 'leader' },
      opinion: '理由',
      extensionDays: 3,
      target: TARGETS[action] ? { unit: TARGETS[action]![0], relation: TARGETS[action]![1] } : null,
    };
    const outcome = decide(matterIn(status, action), request);
    expect(outcome.ok).toBe(allowed);
    if (!outcome.ok) expect(outcome.status).toBe(who === 'leader' || who === 'other' || !permittedActor ? 403 : 409);
  });

  it('offers exactly the allowed actions', () => {
    expect(availableActions(matterIn('handling'), { unit: C, readOnly: false })).toEqual([
      'dispatch',
      'escalate',
      'transfer',
      'reply',
      'request_extension',
      'pause',
    ]);
    expect(availableActions(matterIn('handling', 'resume'), { unit: C, readOnly: false })).toEqual(['resume']);
    expect(availableActions(matterIn('pending_verification'), { unit: G, readOnly: false })).toEqual(['send_back', 'close']);
    expect(availableActions(matterIn('handling', 'approve_extension'), { unit: G, readOnly: false })).toEqual([
      'approve_extension',
      'reject_extension',
    ]);
    expect(availableActions(matterIn('handling'), { unit: C, readOnly: true })).toEqual([]);
    expect(availableActions(matterIn('handling'), { unit: X, readOnly: false })).toEqual([]);
  });
});

describe('extensions (延期)', () => {
  const ask = (state: MatterState, days: number | null, opinion = '涉及多个部门，需协调') =>
    decide(state, { action: 'request_extension', actor: { unit: C, readOnly: false }, opinion, extensionDays: days });

  it('are asked by the holder with a reason and decided by the initiator, one at a time', () => {
    const asked = ask(matterIn('handling'), 3);
    if (!asked.ok) throw new Error(asked.reason);
    expect(asked.state).toMatchObject({ status: 'handling', route: [G, C], extensionRequested: 3 });
    expect(ask(asked.state, 2)).toEqual({ ok: false, status: 409, reason: '已有延期申请待审批' });
    expect(decide(asked.state, { action: 'approve_extension', actor: { unit: C, readOnly: false } })).toMatchObject({
      ok: false,
      status: 403,
    });
    const approved = decide(asked.state, { action: 'approve_extension', actor: { unit: G, readOnly: false } });
    expect(approved).toMatchObject({ ok: true, state: { status: 'handling', extensionRequested: null } });
    expect(decide(matterIn('handling'), { action: 'reject_extension', actor: { unit: G, readOnly: false }, opinion: '不同意' })).toEqual({
      ok: false,
      status: 409,
      reason: '没有待审批的延期申请',
    });
  });

  it.each([
    [null, '涉及多个部门', '申请延期须填写延期的工作日数'],
    [0, '涉及多个部门', '申请延期须填写延期的工作日数'],
    [1.5, '涉及多个部门', '申请延期须填写延期的工作日数'],
    [3, ' ', '申请延期须填写意见或理由'],
  ])('refuses %j days with reason %j', (days, opinion, reason) => {
    expect(ask(matterIn('handling'), days, opinion)).toEqual({ ok: false, status: 400, reason });
  });
});

describe('joint handling (主办、协办)', () => {
  it('names co-handling units beside the lead; each gives feedback once; the lead replies', () => {
    const handling: MatterState = { status: 'handling', route: [G, S], lastHandler: null };
    const sent = decide(handling, {
      action: 'dispatch',
      actor: { unit: S, readOnly: false },
      target: { unit: C, relation: 'child' },
      coTargets: [{ unit: C2, relation: 'child' }],
    });
    if (!sent.ok) throw new Error(sent.reason);
    expect(sent.state).toMatchObject({ status: 'pending_sign', route: [G, S, C], coHandlers: [C2] });
    expect(decide(sent.state, { action: 'co_reply', actor: { unit: D, readOnly: false }, opinion: '无' })).toEqual({
      ok: false,
      status: 403,
      reason: '只有协办单位可以协办反馈',
    });
    const fed = act(sent.state, C2, 'co_reply', undefined, '已排查本社区相关人员');
    expect(fed).toMatchObject({ status: 'pending_sign', route: [G, S, C], coHandlers: [] });
    expect(decide(fed, { action: 'co_reply', actor: { unit: C2, readOnly: false }, opinion: '再次反馈' })).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(availableActions(sent.state, { unit: C2, readOnly: false })).toEqual(['co_reply']);
  });

  it('refuses co-handlers of the wrong kind, the target itself, or without a hand-off', () => {
    const handling: MatterState = { status: 'handling', route: [G, S], lastHandler: null };
    const dispatch = (coTargets: { unit: number; relation: Relation }[]) =>
      decide(handling, { action: 'dispatch', actor: { unit: S, readOnly: false }, target: { unit: C, relation: 'child' }, coTargets });
    expect(dispatch([{ unit: D, relation: 'department' }])).toEqual({
      ok: false,
      status: 400,
      reason: '协办单位应为与承办单位同类的其他单位',
    });
    expect(dispatch([{ unit: C, relation: 'child' }])).toMatchObject({ ok: false, status: 400 });
    expect(
      decide(handling, {
        action: 'reply',
        actor: { unit: S, readOnly: false },
        opinion: '已办',
        coTargets: [{ unit: C2, relation: 'child' }],
      }),
    ).toEqual({ ok: false, status: 400, reason: '回复不能指定协办单位' });
  });
});

describe('pausing the clock (暂停计时)', () => {
  it('stops everything but resuming, and needs a reason', () => {
    const paused = act(matterIn('handling'), C, 'pause', undefined, '等待司法鉴定结果');
    expect(paused.paused).toBe(true);
    expect(decide(paused, { action: 'reply', actor: { unit: C, readOnly: false }, opinion: '已办' })).toEqual({
      ok: false,
      status: 409,
      reason: '事项已暂停计时，请先恢复计时',
    });
    expect(act(paused, C, 'resume').paused).toBe(false);
    expect(decide(matterIn('handling'), { action: 'resume', actor: { unit: C, readOnly: false } })).toEqual({
      ok: false,
      status: 409,
      reason: '事项没有暂停计时',
    });
    expect(decide(matterIn('handling'), { action: 'pause', actor: { unit: C, readOnly: false }, opinion: '' })).toMatchObject({
      ok: false,
      status: 400,
    });
  });
});

describe('bad requests', () => {
  const handling = matterIn('handling');
  it.each([
    [{ action: 'dispatch', target: { unit: S, relation: 'parent' } }, 400, '下派只能选择本单位的直属下级单位'],
    [{ action: 'escalate', target: { unit: C2, relation: 'other' } }, 400, '上报只能选择本单位的上级单位'],
    [{ action: 'transfer', target: { unit: C2, relation: 'child' } }, 400, '转交部门只能选择职能部门'],
    [{ action: 'dispatch', target: null }, 400, '下派须选择目标单位'],
    [{ action: 'dispatch', target: { unit: G, relation: 'child' } }, 400, '目标单位已在办理链中，请用回复或退回'],
    [{ action: 'reply', opinion: '  ' }, 400, '回复须填写意见或理由'],
    [{ action: 'fly' }, 400, '未知的操作“fly”'],
  ])('refuses %j', (partial, status, reason) => {
    const outcome = decide(handling, { actor: { unit: C, readOnly: false }, ...(partial as Partial<Move>) } as Move);
    expect(outcome).toEqual({ ok: false, status, reason });
  });
});
