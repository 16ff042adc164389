// The report form's values → the body of POST /matters/report, and what is
// missing or wrong, in Chinese. Pure.

import { MATTER_TEXT_LIMITS as LIMITS } from '../../../extensions/domains/matters/vocabulary.ts';
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
  if (!v.title.trim()) errors.title = '请填写标题';
  else if (v.title.length > LIMITS.title) errors.title = `标题不超过${LIMITS.title}字`;
  if (v.category === undefined) errors.category = '请选择事项分类';
  if (!v.occurred_at) errors.occurred_at = '请选择发生时间';
  else if (Number.isNaN(new Date(v.occurred_at).getTime())) errors.occurred_at = '发生时间格式不正确';
  else if (new Date(v.occurred_at).getTime() > now.getTime() + 60_000) errors.occurred_at = '发生时间不能晚于现在';
  if (!inRange(v.latitude, 90)) errors.latitude = '纬度应在 -90 到 90 之间';
  if (!inRange(v.longitude, 180)) errors.longitude = '经度应在 -180 到 180 之间';
  if (!v.description.trim()) errors.description = '请填写事件描述';
  else if (v.description.length > LIMITS.description) errors.description = `事件描述不超过${LIMITS.description}字`;
  if (v.address.length > LIMITS.address) errors.address = `不超过${LIMITS.address}字`;
  for (const field of ['people_involved', 'measures'] as const)
    if (v[field].length > LIMITS[field]) errors[field] = `不超过${LIMITS[field]}字`;
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
