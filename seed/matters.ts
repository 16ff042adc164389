// Reference data for matters: the category tree, deadline policies modelled on
// the 12345 hotline practice (domain.md), and the 2026 working-day calendar.
// Seeded once; afterwards administrators edit them in Studio.

import { DEFAULT_CATEGORIES, MATTER_TYPES, URGENCIES } from '../extensions/matters/src/vocabulary.ts';
import type { Duration } from '../extensions/matters/src/working-days.ts';

export { CALENDAR_2026 } from './calendar-2026.ts';

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
