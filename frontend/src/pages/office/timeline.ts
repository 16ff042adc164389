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

const word = (list: Record<string, string>, value: string | null | undefined) => (value ? (list[value] ?? value) : null);
const line = (label: string, value: string | number | null | undefined) =>
  value === null || value === undefined || value === '' ? [] : [`${label}：${value}`];
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
      title: '排查登记',
      at: d.discovered_on ?? d.date_created ?? null,
      lines: [
        ...line('类型', word(DISPUTE_TYPES, d.dispute_type)),
        ...line('规模', word(DISPUTE_SCALES, d.scale)),
        ...line('风险等级', word(RISK_LEVELS, d.risk_level)),
        ...line('当事人', d.parties),
        ...line('涉及人数', d.party_count),
      ],
      state: 'done',
    },
    {
      key: 'mediation',
      title: '调解',
      at: d.mediation_due_at ?? null,
      lines: [
        ...line('调解时限', d.mediation_due_at ? formatLocal(d.mediation_due_at) : null),
        ...line('调解方式', word(MEDIATION_METHODS, d.method)),
        ...line('调解人员', d.mediators),
      ],
      state: closed ? 'done' : late ? 'overdue' : 'open',
    },
    {
      key: 'outcome',
      title: closed ? (word(DISPUTE_STATUSES, d.status) ?? '结果') : '化解结果',
      at: d.resolved_at ?? null,
      lines: closed
        ? [...(d.agreement ? ['达成调解协议'] : []), ...line('结果', d.outcome), ...(resolved && late ? ['超过调解时限化解'] : [])]
        : ['尚在调解中'],
      state: closed ? (late ? 'overdue' : 'done') : 'waiting',
    },
  ];
  if (d.supervised_at) {
    // A unit below does not read its superiors' records: their name comes only to those who may.
    const unit = typeof d.supervised_by === 'object' && d.supervised_by?.name ? d.supervised_by.name : '上级综治办';
    steps.push({
      key: 'supervision',
      title: '上级督办',
      at: d.supervised_at,
      lines: [...line('督办单位', unit), ...line('督办意见', d.supervision_opinion)],
      state: 'done',
    });
  }
  if (d.follow_up) steps.push({ key: 'follow_up', title: '回访', at: null, lines: [d.follow_up], state: 'done' });
  // Supervision comes before the outcome unless the outcome was recorded first.
  const [intake, mediation, outcome, ...after] = steps;
  const supervision = after.find((s) => s.key === 'supervision');
  if (supervision && !(outcome!.at && new Date(outcome!.at) < new Date(supervision.at!)))
    return [intake!, mediation!, supervision, outcome!, ...after.filter((s) => s !== supervision)];
  return steps;
}
