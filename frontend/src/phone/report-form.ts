// The report form's values → the body of POST /matters/report, and what is
// missing or wrong, in the user's language. Pure.

import { MATTER_TEXT_LIMITS as LIMITS } from '../../../extensions/domains/matters/vocabulary.ts';
import { say } from '../i18n/index.ts';
import type { Identity } from '../providers/auth-provider.ts';

export interface ReportValues {
  title: string;
  category?: number;
  urgency: string;
  /** <input type="datetime-local">: YYYY-MM-DDTHH:mm, local time. */
  occurred_at: string;
  address: string;
  latitude: string;
  longitude: string;
  people_involved: string;
  description: string;
  measures: string;
}

export type ReportErrors = Partial<Record<keyof ReportValues, string>>;

/** The value format of <input type="datetime-local"> for a moment. */
export function localMinute(d: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
}

export const emptyReport = (now: Date): ReportValues => ({
  title: '',
  urgency: 'normal',
  occurred_at: localMinute(now),
  address: '',
  latitude: '',
  longitude: '',
  people_involved: '',
  description: '',
  measures: '',
});

const inRange = (text: string, limit: number) => text.trim() === '' || (Number.isFinite(Number(text)) && Math.abs(Number(text)) <= limit);

export function reportErrors(v: ReportValues, now: Date): ReportErrors {
  const errors: ReportErrors = {};
  const tooLong = (max: number) => say('phone.errors.tooLong', { max });
  if (!v.title.trim()) errors.title = say('phone.errors.title');
  else if (v.title.length > LIMITS.title) errors.title = say('phone.errors.titleLong', { max: LIMITS.title });
  if (v.category === undefined) errors.category = say('phone.errors.category');
  if (!v.occurred_at) errors.occurred_at = say('phone.errors.occurredAt');
  else if (Number.isNaN(new Date(v.occurred_at).getTime())) errors.occurred_at = say('phone.errors.occurredAtInvalid');
  else if (new Date(v.occurred_at).getTime() > now.getTime() + 60_000) errors.occurred_at = say('phone.errors.occurredAtFuture');
  if (!inRange(v.latitude, 90)) errors.latitude = say('phone.errors.latitude');
  if (!inRange(v.longitude, 180)) errors.longitude = say('phone.errors.longitude');
  if (!v.description.trim()) errors.description = say('phone.errors.description');
  else if (v.description.length > LIMITS.description) errors.description = say('phone.errors.descriptionLong', { max: LIMITS.description });
  for (const field of ['address', 'people_involved', 'measures'] as const)
    if (v[field].length > LIMITS[field]) errors[field] = tooLong(LIMITS[field]);
  return errors;
}

const number = (text: string) => (text.trim() === '' ? null : Number(text));

/** The event report as the server takes it; the grid preselected for a grid worker. */
export function reportBody(v: ReportValues, me: Identity | null): Record<string, unknown> {
  return {
    type: 'event_report',
    source: 'grid_worker',
    title: v.title.trim(),
    category: v.category,
    urgency: v.urgency || 'normal',
    occurred_at: new Date(v.occurred_at).toISOString(),
    address: v.address.trim() || null,
    latitude: number(v.latitude),
    longitude: number(v.longitude),
    grid: me?.unit?.level === 'grid' ? me.unit.id : null,
    people_involved: v.people_involved.trim() || null,
    description: v.description.trim(),
    measures: v.measures.trim() || null,
  };
}
