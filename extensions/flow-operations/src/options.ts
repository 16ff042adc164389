// What each of our flow operations is given, checked before anything is looked up or
// written. Pure: a flow's options arrive with Directus's {{ }} already filled in from
// the flow's data, so a value may be a number, a numeric string, a list, or the
// trigger's own data (`{{$trigger}}`: { collection, key | keys, payload }). Every
// refusal is a Chinese sentence naming the operation, which the flow's log shows.

import { isOwnKey, keyOf } from '../../kernel/keys.ts';
import { JOB_LABELS, type Job, LEVEL_LABELS, type UnitLevel } from '../../kernel/unit-path.ts';
import { MATTER_TEXT_LIMITS, MATTER_TYPES, URGENCIES, type Urgency } from '../../domains/matters/vocabulary.ts';
import { WARNING_LEVELS, type WarningLevel } from '../../domains/warnings/rules.ts';

/** The operations' ids (as flows store them) and their names in Studio. */
export const OPERATION_NAMES = {
  'workday-deadline': '工作日期限',
  'notify-unit': '通知单位',
  'dispatch-matter': '派发事项',
  'raise-warning': '预警',
} as const;
export type OperationId = keyof typeof OPERATION_NAMES;

/** The longest deadline a flow may ask for, in working days (about a year). */
export const MAX_WORKING_DAYS = 250;
/** The longest subject and message of a notice (a phone message is read on a small screen). */
export const SUBJECT_MAX = 100;
export const MESSAGE_MAX = 500;
/** How many units one run may tell (a flow is not a broadcast to the whole district). */
export const MAX_UNITS = 200;
/** The matter types a flow may raise: those routed down to a unit or across to a department. */
export const DISPATCH_TYPES = ['task', 'department_assignment'] as const;
export type DispatchType = (typeof DISPATCH_TYPES)[number];

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: string[] };

/** Records named by the flow's data: the trigger of an item event, or rows read by an earlier operation. */
export interface RecordRef {
  collection: string;
  keys: number[];
}

/** Where the units to tell come from: ids given, rows carrying a `unit`, or records whose `unit` is read. */
export type UnitSource = { kind: 'ids'; ids: number[] } | { kind: 'records'; ref: RecordRef };

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
const shown = (v: unknown) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v))).slice(0, 60);

/** A key given as a number or a numeric string (Directus fills {{ }} in strings). */
export function idOf(value: unknown): number | null {
  if (typeof value === 'string' && /^\d{1,10}$/.test(value.trim())) return keyOf(Number(value.trim()));
  return typeof value === 'number' ? keyOf(value) : null;
}

/** A collection name as Directus spells them (no quotes, no dots): checked again against the schema by the adapter. */
const COLLECTION = /^[a-z][a-z0-9_]{0,63}$/;

/** The trigger of an item event ({ collection, key | keys, payload }), or null when the value is not one. */
export function recordRef(value: unknown): RecordRef | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.collection !== 'string' || !COLLECTION.test(v.collection)) return null;
  const raw = Array.isArray(v.keys) ? v.keys : v.key !== undefined ? [v.key] : [];
  const keys = raw.map(idOf);
  if (!keys.length || keys.some((k) => k === null)) return null;
  return { collection: v.collection, keys: keys as number[] };
}

/**
 * The units to tell: an id, a list of ids, a row or rows with a `unit` (an earlier
 * operation's read), or the trigger of an item event (its records' `unit`). Null and
 * a list that is empty mean nobody, which is not an error (a key person without an
 * assistance group); anything else that is not one of these is.
 */
export function unitSource(value: unknown, label: string): Parsed<UnitSource> {
  if (value === undefined || value === null || value === '') return { ok: false, problems: [`请填写${label}`] };
  const ref = recordRef(value);
  if (ref) return { ok: true, value: { kind: 'records', ref } };
  const list = Array.isArray(value) ? value : [value];
  if (list.length > MAX_UNITS) return { ok: false, problems: [`${label}一次最多${MAX_UNITS}个`] };
  const ids: number[] = [];
  for (const item of list) {
    const id = item && typeof item === 'object' && !Array.isArray(item) ? idOf((item as Record<string, unknown>).unit) : idOf(item);
    if (id === null) return { ok: false, problems: [`${label}“${shown(item)}”不是有效的单位编号，也不是带“所属单位”的记录`] };
    ids.push(id);
  }
  return { ok: true, value: { kind: 'ids', ids: [...new Set(ids)] } };
}

function text(problems: string[], value: unknown, label: string, max: number, required: boolean): string | null {
  if (blank(value)) {
    if (required) problems.push(`请填写${label}`);
    return null;
  }
  if (typeof value !== 'string' && typeof value !== 'number') {
    problems.push(`${label}应为文字`);
    return null;
  }
  const s = String(value).trim();
  if (s.includes('undefined')) problems.push(`${label}引用了流程数据中不存在的值（出现“undefined”），请检查 {{ }} 中的路径`);
  if ([...s].length > max) problems.push(`${label}不能超过${max}字`);
  if (s.includes('\u0000')) problems.push(`${label}含有不允许的控制字符`);
  return s;
}

function oneOf<T extends string>(
  problems: string[],
  value: unknown,
  label: string,
  table: Record<T, string>,
  fallback: T | null,
): T | null {
  if (blank(value)) return fallback;
  if (!isOwnKey(table, value)) {
    problems.push(
      `${label}“${shown(value)}”无效，可选：${Object.entries(table)
        .map(([k, v]) => `${k}（${v}）`)
        .join('、')}`,
    );
    return fallback;
  }
  return value as T;
}

function flag(problems: string[], value: unknown, label: string, fallback: boolean): boolean {
  if (blank(value)) return fallback;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  problems.push(`${label}应为“是”或“否”`);
  return fallback;
}

const done = <T>(problems: string[], value: T): Parsed<T> => (problems.length ? { ok: false, problems } : { ok: true, value });

// ─── 工作日期限 ───────────────────────────────────────────────────────────────

export interface DeadlineOptions {
  /** From when (default now). */
  start: Date | null;
  days: number;
}

/** An instant given as ISO text with its zone (or epoch ms); a date alone is the start of that day in China Standard Time. */
export function instantOf(value: unknown): Date | null {
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value !== 'string') return null;
  const s = value.trim();
  const date = /^\d{4}-\d{2}-\d{2}$/.test(s) ? new Date(`${s}T00:00:00+08:00`) : /[zZ]|[+-]\d\d:?\d\d$/.test(s) ? new Date(s) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
}

export function parseDeadline(options: Record<string, unknown>): Parsed<DeadlineOptions> {
  const problems: string[] = [];
  let start: Date | null = null;
  if (!blank(options.start)) {
    start = instantOf(options.start);
    if (!start)
      problems.push(`起算时间“${shown(options.start)}”无效，应为带时区的时间（如 2026-12-01T09:00:00+08:00）或日期（2026-12-01）`);
  }
  const days = typeof options.days === 'string' && /^\d+$/.test(options.days.trim()) ? Number(options.days) : options.days;
  if (blank(options.days)) problems.push('请填写工作日数');
  else if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > MAX_WORKING_DAYS)
    problems.push(`工作日数应为1到${MAX_WORKING_DAYS}之间的整数，而不是“${shown(options.days)}”`);
  return done(problems, { start, days: days as number });
}

// ─── 通知单位 ─────────────────────────────────────────────────────────────────

export interface NotifyOptions {
  units: UnitSource;
  /** Tell the office at this level above (or at) each unit instead of the unit itself. */
  level: UnitLevel | null;
  /** Only users of these jobs; everyone when empty. */
  jobs: Job[];
  subject: string;
  message: string;
  phone: boolean;
  /** What the notice links to; by default the records named, else nothing of ours. */
  about: { collection: string; item: string } | null;
}

function jobsOf(problems: string[], value: unknown): Job[] {
  if (blank(value)) return [];
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[,，、\s]+/).filter(Boolean) : [value];
  const bad = list.filter((j) => !isOwnKey(JOB_LABELS, j));
  if (bad.length)
    problems.push(
      `岗位“${bad.map(shown).join('、')}”无效，可选：${Object.entries(JOB_LABELS)
        .map(([k, v]) => `${k}（${v}）`)
        .join('、')}`,
    );
  return [...new Set(list.filter((j) => isOwnKey(JOB_LABELS, j)))] as Job[];
}

export function parseNotify(options: Record<string, unknown>): Parsed<NotifyOptions> {
  const problems: string[] = [];
  const units = unitSource(options.unit, '通知的单位');
  if (!units.ok) problems.push(...units.problems);
  const level = oneOf(problems, options.level, '单位层级', LEVEL_LABELS, null);
  const jobs = jobsOf(problems, options.jobs);
  const subject = text(problems, options.subject, '通知标题', SUBJECT_MAX, true);
  const message = text(problems, options.message, '通知内容', MESSAGE_MAX, true);
  const phone = flag(problems, options.phone, '同时发送短信', true);
  let about: NotifyOptions['about'] = null;
  if (!blank(options.about_collection) || !blank(options.about_item)) {
    const collection = options.about_collection;
    const item = options.about_item;
    if (typeof collection !== 'string' || !COLLECTION.test(collection)) problems.push(`关联集合“${shown(collection)}”无效`);
    else if (blank(item) || (typeof item !== 'string' && typeof item !== 'number') || String(item).includes('undefined'))
      problems.push('填写了关联集合时，请同时填写关联记录编号');
    else about = { collection, item: String(item) };
  } else if (units.ok && units.value.kind === 'records' && units.value.ref.keys.length === 1)
    about = { collection: units.value.ref.collection, item: String(units.value.ref.keys[0]) };
  if (!units.ok) return { ok: false, problems };
  return done(problems, { units: units.value, level, jobs, subject: subject!, message: message!, phone, about });
}

// ─── 派发事项 ─────────────────────────────────────────────────────────────────

export interface DispatchOptions {
  type: DispatchType;
  /** The unit that handles it (承办单位). */
  unit: UnitSource;
  /** The unit that raises it (发起单位); by default the handling unit's superior office. */
  from: number | null;
  /** 事项分类: its id, or its code (MDJF …). */
  category: number | string;
  title: string;
  description: string;
  urgency: Urgency;
}

export function parseDispatch(options: Record<string, unknown>): Parsed<DispatchOptions> {
  const problems: string[] = [];
  const types = Object.fromEntries(DISPATCH_TYPES.map((t) => [t, MATTER_TYPES[t].label])) as Record<DispatchType, string>;
  const type = oneOf(problems, options.type, '事项类型', types, 'task')!;
  const unit = unitSource(options.unit, '承办单位');
  if (!unit.ok) problems.push(...unit.problems);
  else if (unit.value.kind === 'ids' && unit.value.ids.length !== 1) problems.push('承办单位只能是一个单位');
  else if (unit.value.kind === 'records' && unit.value.ref.keys.length !== 1) problems.push('承办单位只能取自一条记录');
  let from: number | null = null;
  if (!blank(options.from_unit)) {
    from = idOf(options.from_unit);
    if (from === null) problems.push(`发起单位“${shown(options.from_unit)}”不是有效的单位编号`);
  }
  let category: number | string = 0;
  if (blank(options.category)) problems.push('请填写事项分类（编号或代码，如 MDJF）');
  else {
    const id = idOf(options.category);
    if (id !== null) category = id;
    else if (typeof options.category === 'string' && /^[A-Z0-9]{1,20}$/.test(options.category.trim())) category = options.category.trim();
    else problems.push(`事项分类“${shown(options.category)}”无效，应为分类编号或代码（如 MDJF）`);
  }
  const title = text(problems, options.title, '事项标题', MATTER_TEXT_LIMITS.title, true);
  const description = text(problems, options.description, '事项内容', MATTER_TEXT_LIMITS.description, true);
  const urgency = oneOf(problems, options.urgency, '紧急程度', URGENCIES, 'normal')!;
  if (!unit.ok) return { ok: false, problems };
  return done(problems, { type, unit: unit.value, from, category, title: title!, description: description!, urgency });
}

// ─── 预警 ─────────────────────────────────────────────────────────────────────

export interface WarningOptions {
  /** The warning rule it is raised under (a warning always belongs to a rule). */
  rule: number;
  unit: UnitSource;
  /** By default the rule's level. */
  level: WarningLevel | null;
  summary: string;
}

export const SUMMARY_MAX = 400;

export function parseWarning(options: Record<string, unknown>): Parsed<WarningOptions> {
  const problems: string[] = [];
  const rule = idOf(options.rule);
  if (blank(options.rule)) problems.push('请选择预警规则（预警总是归属于一条规则）');
  else if (rule === null) problems.push(`预警规则“${shown(options.rule)}”不是有效的规则编号`);
  const unit = unitSource(options.unit, '被预警单位');
  if (!unit.ok) problems.push(...unit.problems);
  else if (unit.value.kind === 'ids' && unit.value.ids.length !== 1) problems.push('被预警单位只能是一个单位');
  else if (unit.value.kind === 'records' && unit.value.ref.keys.length !== 1) problems.push('被预警单位只能取自一条记录');
  const level = oneOf<WarningLevel>(problems, options.level, '预警等级', WARNING_LEVELS, null);
  const summary = text(problems, options.summary, '预警内容', SUMMARY_MAX, true);
  if (!unit.ok) return { ok: false, problems };
  return done(problems, { rule: rule!, unit: unit.value, level, summary: summary! });
}

// ─── shared by the adapters ───────────────────────────────────────────────────

/** The paths of a unit and every unit above it, the district first: `/320111/S03/C012/` → [`/320111/`, `/320111/S03/`, `/320111/S03/C012/`]. */
export function pathsUpFrom(path: string): string[] {
  const codes = path.split('/').filter(Boolean);
  return codes.map((_, i) => `/${codes.slice(0, i + 1).join('/')}/`);
}

/** The deadline as the flow's later operations read it: the instant, the last working day, and a sentence. */
export function deadlineResult(start: Date, deadline: Date, days: number) {
  // A working-day deadline falls at 24:00 of its last day (00:00 of the next) or at the close of office hours.
  const last = new Date(deadline.getTime() - 1);
  const local = new Date(last.getTime() + 8 * 3_600_000);
  const date = local.toISOString().slice(0, 10);
  const [y, m, d] = date.split('-').map(Number);
  const weekday = '日一二三四五六'[local.getUTCDay()];
  return {
    start: start.toISOString(),
    days,
    deadline: deadline.toISOString(),
    date,
    text: `${y}年${m}月${d}日（星期${weekday}）`,
  };
}

/** The refusal a flow's log shows: the operation's name and every problem. */
export const refusal = (id: OperationId, problems: string[]) => `${OPERATION_NAMES[id]}：${problems.join('；')}`;
