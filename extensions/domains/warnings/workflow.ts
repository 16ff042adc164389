// The course of a warning (预警处置): raised by the worker → acknowledged (签收) →
// handled (处置, with what was done) → closed (核销) by a unit above the one warned,
// which may instead send it back to be handled again. Who may take which step, from
// which state, and what a step needs. Pure; the service keeps the loads and the
// transaction.

export const WARNING_STATES = {
  raised: '待签收',
  acknowledged: '处置中',
  handled: '待核销',
  closed: '已核销',
} as const;
export type WarningState = keyof typeof WARNING_STATES;

/** Who acts: the warned unit itself, or a unit above it (its superiors up to the district). */
export type Side = 'own' | 'above';

interface Step {
  label: string;
  from: readonly WarningState[];
  to: WarningState;
  by: readonly Side[];
  /** A note is required. */
  note: boolean;
}

export const WARNING_STEPS = {
  acknowledge: { label: '签收', from: ['raised'], to: 'acknowledged', by: ['own', 'above'], note: false },
  handle: { label: '处置', from: ['raised', 'acknowledged'], to: 'handled', by: ['own', 'above'], note: true },
  send_back: { label: '退回重办', from: ['handled'], to: 'acknowledged', by: ['above'], note: true },
  close: { label: '核销', from: ['handled'], to: 'closed', by: ['above'], note: false },
} as const satisfies Record<string, Step>;
export type WarningStep = keyof typeof WARNING_STEPS;

export const NOTE_MAX = 2000;

/** A step and its note from a request, or the reasons it is refused (Chinese). */
export function parseWarningStep(
  step: unknown,
  body: unknown,
): { ok: true; step: WarningStep; note: string | null } | { ok: false; problems: string[] } {
  if (typeof step !== 'string' || !Object.hasOwn(WARNING_STEPS, step))
    return {
      ok: false,
      problems: [
        `操作应为以下之一：${Object.values(WARNING_STEPS)
          .map((s) => s.label)
          .join('、')}`,
      ],
    };
  const rule: Step = WARNING_STEPS[step as WarningStep];
  const raw = body && typeof body === 'object' && !Array.isArray(body) ? (body as { note?: unknown }).note : undefined;
  if (raw !== undefined && raw !== null && typeof raw !== 'string') return { ok: false, problems: ['说明应为文字'] };
  const note = typeof raw === 'string' ? raw.trim() : '';
  if (rule.note && note.length < 2) return { ok: false, problems: [`${rule.label}须填写说明（至少2个字）`] };
  if (note.length > NOTE_MAX) return { ok: false, problems: [`说明不超过${NOTE_MAX}字`] };
  return { ok: true, step: step as WarningStep, note: note || null };
}

/** Why the step may not be taken now by this side, or null when it may. */
export function warningRefusal(step: WarningStep, state: WarningState, side: Side): { status: 403 | 409; reason: string } | null {
  const rule: Step = WARNING_STEPS[step];
  if (!rule.by.includes(side)) return { status: 403, reason: `只有被预警单位的上级单位可以${rule.label}` };
  if (!rule.from.includes(state)) return { status: 409, reason: `预警当前为“${WARNING_STATES[state]}”，不能${rule.label}` };
  return null;
}
