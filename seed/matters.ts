// Reference data for matters: the category tree, deadline policies modelled on
// the 12345 hotline practice (docs/rules.md, Deadlines), and the 2026 working-day calendar.
// Seeded once; afterwards administrators edit them in Studio.

import { DEFAULT_CATEGORIES, MATTER_TYPES, type URGENCIES } from '../extensions/domains/matters/vocabulary.ts';
import type { Duration } from '../extensions/kernel/working-days.ts';

export { CALENDAR_2026 } from './calendar-2026.ts';

/** The wording of reminders; administrators rewrite them in Studio. */
export const REMINDER_TEMPLATES = [
  { kind: 'sign_due', subject: '事项待签收', body: '【综治】事项{{number}}“{{title}}”已到签收时限，请{{unit}}尽快签收。' },
  { kind: 'half', subject: '办理时限过半', body: '【综治】事项{{number}}“{{title}}”办理时限已过半，请{{unit}}抓紧办理。' },
  {
    kind: 'three_quarters',
    subject: '办理即将到期',
    body: '【综治】事项{{number}}“{{title}}”办理时限已过75%，即将到期，请{{unit}}及时办结或申请延期。',
  },
  { kind: 'due', subject: '办理已到期', body: '【综治】事项{{number}}“{{title}}”已到办结时限，请{{unit}}立即办结并回复。' },
  { kind: 'chase', subject: '逾期催办', body: '【综治】催办：事项{{number}}“{{title}}”已逾期，请{{unit}}当日办结，并抄送分管领导。' },
  { kind: 'escalate', subject: '逾期督办', body: '【综治】督办：{{unit}}承办的事项{{number}}“{{title}}”逾期已超过5个工作日，请督促办理。' },
];

export const CATEGORIES = DEFAULT_CATEGORIES.map(([code, name], i) => ({ code, name, sort: i + 1 }));

/** 特急 sign 30 min / complete 2 h; 紧急 2 h / 24 h; 一般 1 / 5 working days; extensions up to 10 working days. */
const BY_URGENCY: Record<keyof typeof URGENCIES, { sign: Duration; complete: Duration }> = {
  extra_urgent: { sign: { amount: 30, unit: 'minutes' }, complete: { amount: 2, unit: 'hours' } },
  urgent: { sign: { amount: 2, unit: 'hours' }, complete: { amount: 24, unit: 'hours' } },
  normal: { sign: { amount: 1, unit: 'working_days' }, complete: { amount: 5, unit: 'working_days' } },
};

export const DEADLINE_POLICIES = (Object.keys(MATTER_TYPES) as (keyof typeof MATTER_TYPES)[]).flatMap((matter_type) =>
  (Object.keys(BY_URGENCY) as (keyof typeof URGENCIES)[]).map((urgency) => ({
    matter_type,
    urgency,
    sign_amount: BY_URGENCY[urgency].sign.amount,
    sign_unit: BY_URGENCY[urgency].sign.unit,
    complete_amount: BY_URGENCY[urgency].complete.amount,
    complete_unit: BY_URGENCY[urgency].complete.unit,
    max_extension_days: 10,
    pausable: false,
  })),
);
