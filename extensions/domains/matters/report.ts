// What a new matter must contain, checked before anything is looked up or
// stored. Fields the server decides (number, status, initiator, unit, handler,
// deadlines, version) are refused when a client sends them.

import { dateProblem, shown } from '../../kernel/integrity.ts';
import { isOwnKey, keyOf, isUuid } from '../../kernel/keys.ts';
import { MATTER_TEXT_LIMITS as LIMITS, MATTER_TYPES, SOURCES, URGENCIES, type MatterType, type Urgency } from './vocabulary.ts';
import { CLIENT_REF, CLIENT_REF_PROBLEM } from '../../kernel/submission.ts';
import { type AdminField, adminValues, filesOf } from './admin-fields.ts';

export interface Report {
  type: MatterType;
  title: string;
  category: number;
  urgency: Urgency;
  source: keyof typeof SOURCES | null;
  occurred_at: string | null;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  grid: number | null;
  people_involved: string | null;
  description: string;
  measures: string | null;
  attachments: string[];
  /** The unit a task or department assignment goes to. */
  target_unit: number | null;
  /** Also send it to the 大联勤 platform. */
  to_dalianqin: boolean;
  /** The phone's own id for a report it may send twice (offline outbox): the same id raises one matter. */
  client_ref: string | null;
  /** The fields an administrator added to matters (admin-fields.ts), column → value as stored; stored with the matter. */
  extra: Record<string, unknown>;
}

const FIELDS = [
  'type',
  'title',
  'category',
  'urgency',
  'source',
  'occurred_at',
  'address',
  'latitude',
  'longitude',
  'grid',
  'people_involved',
  'description',
  'measures',
  'attachments',
  'target_unit',
  'to_dalianqin',
  'client_ref',
];
/** The most files one report carries (its attachments and the administrator's file fields together). */
const MAX_ATTACHMENTS = 20;
const TOO_MANY_ATTACHMENTS = `附件最多${MAX_ATTACHMENTS}个`;

/** A report may be entered a little after the fact but not dated in the future. */
const CLOCK_SKEW_MS = 5 * 60_000;

export type Parsed = { ok: true; report: Report } | { ok: false; problems: string[] };

/**
 * A report as submitted → what is stored. `admin`: the fields an administrator added that a
 * report may fill (admin-fields.ts, from the live schema); every other key is refused.
 * `accountability`: for validation rules naming `$CURRENT_USER` or `$CURRENT_ROLE`.
 */
export function parseReport(
  body: unknown,
  now: Date,
  admin: readonly AdminField[] = [],
  accountability: Parameters<typeof adminValues>[2] = null,
): Parsed {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { ok: false, problems: ['请求内容应为一个对象'] };
  const input = body as Record<string, unknown>;
  const problems: string[] = [];
  const adminNames = new Set(admin.map((f) => f.field));
  for (const key of Object.keys(input)) if (!FIELDS.includes(key) && !adminNames.has(key)) problems.push(`字段“${key}”不能由提交方填写`);

  const text = (key: string, label: string, max: number, required: boolean): string | null => {
    const value = input[key];
    if (value === undefined || value === null || value === '') {
      if (required) problems.push(`${label}不能为空`);
      return null;
    }
    if (typeof value !== 'string') problems.push(`${label}应为文字`);
    else if (value.trim() === '' && required) problems.push(`${label}不能为空`);
    else if ([...value].length > max) problems.push(`${label}不能超过${max}字`);
    else if (value.includes('\u0000')) problems.push(`${label}含有不允许的控制字符`);
    return typeof value === 'string' ? value.trim() : null;
  };
  const id = (key: string, label: string, required: boolean): number | null => {
    const value = input[key];
    if (value === undefined || value === null) {
      if (required) problems.push(`请选择${label}`);
      return null;
    }
    if (keyOf(value) === null || typeof value !== 'number') problems.push(`${label}应为有效编号`);
    return value as number;
  };
  const number = (key: string, label: string, min: number, max: number): number | null => {
    const value = input[key];
    if (value === undefined || value === null) return null;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) problems.push(`${label}应在${min}到${max}之间`);
    return value as number;
  };
  const oneOf = <T extends string>(key: string, label: string, table: Record<T, unknown>, fallback: T | null): T | null => {
    const value = input[key];
    if (value === undefined || value === null) {
      if (fallback === null && key === 'type') problems.push(`请选择${label}`);
      return fallback;
    }
    if (!isOwnKey(table, value)) problems.push(`${label}“${shown(value)}”无效，可选：${Object.keys(table).join('、')}`);
    return value as T;
  };

  const type = oneOf('type', '事项类型', MATTER_TYPES, null);
  const report: Report = {
    type: type as MatterType,
    title: text('title', '标题', LIMITS.title, true)!,
    category: id('category', '事项分类', true)!,
    urgency: oneOf('urgency', '紧急程度', URGENCIES, 'normal')!,
    source: oneOf<keyof typeof SOURCES>('source', '来源', SOURCES, null),
    occurred_at: null,
    address: text('address', '发生地点', LIMITS.address, false),
    latitude: number('latitude', '纬度', -90, 90),
    longitude: number('longitude', '经度', -180, 180),
    grid: id('grid', '所在网格', false),
    people_involved: text('people_involved', '涉及人员', LIMITS.people_involved, false),
    description: text('description', '事件描述', LIMITS.description, true)!,
    measures: text('measures', '已采取措施或建议', LIMITS.measures, false),
    attachments: [],
    target_unit: id('target_unit', '承办单位', isOwnKey(MATTER_TYPES, type) && MATTER_TYPES[type].direction !== 'up'),
    to_dalianqin: input.to_dalianqin === true,
    client_ref: null,
    extra: {},
  };
  if (input.client_ref !== undefined && input.client_ref !== null) {
    if (typeof input.client_ref !== 'string' || !CLIENT_REF.test(input.client_ref)) problems.push(CLIENT_REF_PROBLEM);
    else report.client_ref = input.client_ref;
  }
  if (input.to_dalianqin !== undefined && typeof input.to_dalianqin !== 'boolean') problems.push('报送大联勤应为是或否');

  if (input.occurred_at !== undefined && input.occurred_at !== null) {
    const when = typeof input.occurred_at === 'string' ? new Date(input.occurred_at) : new Date(NaN);
    if (Number.isNaN(when.getTime()) || !/T\d{2}:\d{2}/.test(String(input.occurred_at)) || dateProblem('', input.occurred_at, 'timestamp'))
      problems.push('发生时间应为真实的带时区日期时间（1900年至今），如 2026-11-26T09:30:00+08:00');
    else if (when.getTime() > now.getTime() + CLOCK_SKEW_MS) problems.push('发生时间不能晚于现在');
    else report.occurred_at = when.toISOString();
  }
  if (input.attachments !== undefined) {
    const list = input.attachments;
    if (!Array.isArray(list) || !list.every(isUuid)) problems.push('附件应为已上传文件的编号列表');
    else if (list.length > MAX_ATTACHMENTS) problems.push(TOO_MANY_ATTACHMENTS);
    else report.attachments = [...new Set(list as string[])];
  }
  if (isOwnKey(MATTER_TYPES, report.type) && MATTER_TYPES[report.type].direction === 'up' && input.target_unit !== undefined)
    problems.push('上报类事项自动送达上级单位，不能指定承办单位');
  if (admin.length) {
    const extra = adminValues(input, admin, accountability);
    problems.push(...extra.problems);
    report.extra = extra.values;
    // A file in a field of its own is also an attachment: the same checks, and seen by whoever sees the matter.
    const files = filesOf(extra.values, admin);
    if (files.length) {
      report.attachments = [...new Set([...report.attachments, ...files])];
      if (report.attachments.length > MAX_ATTACHMENTS) problems.push(TOO_MANY_ATTACHMENTS);
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, report };
}

/** `SJ-20261126`: the type's prefix and the local date; matters of one type and day are counted under it. */
export function dayCounterKey(type: MatterType, localDate: string): string {
  return `${MATTER_TYPES[type].prefix}-${localDate.replaceAll('-', '')}`;
}

/** `SJ-20261126-0042`: the day's counter key and the number within the day, at least four digits. */
export const numberInDay = (counterKey: string, sequence: number): string => `${counterKey}-${String(sequence).padStart(4, '0')}`;

/** `SJ-20261126-0042`: the type's prefix, the local date, a number within the day. */
export function matterNumber(type: MatterType, localDate: string, sequence: number): string {
  return numberInDay(dayCounterKey(type, localDate), sequence);
}
