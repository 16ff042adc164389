// A dispute's course as a timeline (矛盾纠纷): intake → mediation → outcome →
// supervision and follow-up, each step with its time and what was recorded.
// Pure; the detail page draws it.

import {
  DISPUTE_SCALES,
  DISPUTE_STATUSES,
  DISPUTE_TYPES,
  MEDIATION_METHODS,
  RISK_LEVELS,
} from '../../../../extensions/office/src/vocabulary.ts';
import { say, word } from '../../i18n/index.ts';

export interface DisputeRecord {
  dispute_type?: string | null;
  scale?: string | null;
  risk_level?: string | null;
  parties?: string | null;
  party_count?: number | null;
  discovered_on?: string | null;
  date_created?: string | null;
  mediation_due_at?: string | null;
  method?: string | null;
  mediators?: string | null;
  status?: string | null;
  agreement?: boolean | null;
  outcome?: string | null;
  resolved_at?: string | null;
  follow_up?: string | null;
  supervised_by?: { name?: string } | number | null;
  supervised_at?: string | null;
  supervision_opinion?: string | null;
}

export type StepKey = 'intake' | 'mediation' | 'outcome' | 'supervision' | 'follow_up';

export interface TimelineStep {
  key: StepKey;
  title: string;
  /** When it happened (or is due); null while it has not. */
  at: string | null;
  lines: string[];
  /** done: recorded; open: under way; overdue: past its deadline; waiting: not yet. */
  state: 'done' | 'open' | 'overdue' | 'waiting';
}

/** A vocabulary's word for a recorded value; null when none is recorded. */
const wordOf = (vocabulary: string, list: Record<string, string>, value: string | null | undefined) =>
  value ? word(vocabulary, list, value) : null;
/** `label：value` for a recorded value (label a key of dispute.lines); nothing when none is recorded. */
const line = (label: string, value: string | number | null | undefined) =>
  value === null || value === undefined || value === '' ? [] : [say('dispute.line', { label: say(`dispute.lines.${label}`), value })];
/** An instant as Beijing time, YYYY-MM-DD HH:mm. */
export const formatLocal = (at: string) => {
  const local = new Date(new Date(at).getTime() + 8 * 3_600_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)}`;
};

export function disputeTimeline(d: DisputeRecord, now: Date): TimelineStep[] {
  const resolved = d.status === 'resolved';
  const closed = resolved || d.status === 'unresolved';
  const due = d.mediation_due_at ? new Date(d.mediation_due_at) : null;
  const late = due !== null && (resolved ? Boolean(d.resolved_at) && new Date(d.resolved_at!) > due : !closed && now > due);
  const steps: TimelineStep[] = [
    {
      key: 'intake',
      title: say('dispute.steps.intake'),
      at: d.discovered_on ?? d.date_created ?? null,
      lines: [
        ...line('type', wordOf('disputeType', DISPUTE_TYPES, d.dispute_type)),
        ...line('scale', wordOf('disputeScale', DISPUTE_SCALES, d.scale)),
        ...line('risk', wordOf('risk', RISK_LEVELS, d.risk_level)),
        ...line('parties', d.parties),
        ...line('partyCount', d.party_count),
      ],
      state: 'done',
    },
    {
      key: 'mediation',
      title: say('dispute.steps.mediation'),
      at: d.mediation_due_at ?? null,
      lines: [
        ...line('due', d.mediation_due_at ? formatLocal(d.mediation_due_at) : null),
        ...line('method', wordOf('mediationMethod', MEDIATION_METHODS, d.method)),
        ...line('mediators', d.mediators),
      ],
      state: closed ? 'done' : late ? 'overdue' : 'open',
    },
    {
      key: 'outcome',
      title: closed ? wordOf('disputeStatus', DISPUTE_STATUSES, d.status)! : say('dispute.steps.outcome'),
      at: d.resolved_at ?? null,
      lines: closed
        ? [
            ...(d.agreement ? [say('dispute.agreement')] : []),
            ...line('outcome', d.outcome),
            ...(resolved && late ? [say('dispute.resolvedLate')] : []),
          ]
        : [say('dispute.stillMediating')],
      state: closed ? (late ? 'overdue' : 'done') : 'waiting',
    },
  ];
  if (d.supervised_at) {
    // A unit below does not read its superiors' records: their name comes only to those who may.
    const unit = typeof d.supervised_by === 'object' && d.supervised_by?.name ? d.supervised_by.name : say('dispute.superiorOffice');
    steps.push({
      key: 'supervision',
      title: say('dispute.steps.supervision'),
      at: d.supervised_at,
      lines: [...line('supervisor', unit), ...line('opinion', d.supervision_opinion)],
      state: 'done',
    });
  }
  if (d.follow_up) steps.push({ key: 'follow_up', title: say('dispute.steps.follow_up'), at: null, lines: [d.follow_up], state: 'done' });
  // Supervision comes before the outcome unless the outcome was recorded first.
  const [intake, mediation, outcome, ...after] = steps;
  const supervision = after.find((s) => s.key === 'supervision');
  if (supervision && !(outcome!.at && new Date(outcome!.at) < new Date(supervision.at!)))
    return [intake!, mediation!, supervision, outcome!, ...after.filter((s) => s !== supervision)];
  return steps;
}
