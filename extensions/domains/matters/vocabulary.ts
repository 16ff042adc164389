// The words of the matters domain (事项), defined once: the schema takes its
// choices from here and the endpoint its rules.

import type { DurationUnit } from '../../kernel/working-days.ts';

/** Which way a type of matter travels when it is raised. */
export type Direction = 'up' | 'down' | 'department';

export const MATTER_TYPES = {
  event_report: { label: '事件上报', prefix: 'SJ', direction: 'up' },
  task: { label: '任务分派', prefix: 'RW', direction: 'down' },
  request: { label: '请示', prefix: 'QS', direction: 'up' },
  help: { label: '求助', prefix: 'QZ', direction: 'up' },
  department_assignment: { label: '部门交办', prefix: 'JB', direction: 'department' },
} as const satisfies Record<string, { label: string; prefix: string; direction: Direction }>;
export type MatterType = keyof typeof MATTER_TYPES;

export const URGENCIES = { extra_urgent: '特急', urgent: '紧急', normal: '一般' } as const;
export type Urgency = keyof typeof URGENCIES;

export const SOURCES = {
  grid_worker: '网格员上报',
  hotline_12345: '12345热线',
  visit: '群众来访',
  superior: '上级交办',
  dalianqin: '大联勤',
  department: '职能部门',
} as const;

export const DURATION_UNIT_LABELS: Record<DurationUnit, string> = { minutes: '分钟', hours: '小时', working_days: '工作日' };

/** The category tree seeded at first start; administrators edit it in Studio. */
export const DEFAULT_CATEGORIES: [code: string, name: string][] = [
  ['MDJF', '矛盾纠纷'],
  ['ZAYH', '治安隐患'],
  ['AQYH', '安全隐患'],
  ['XFWT', '信访问题'],
  ['QTSJ', '群体性事件'],
  ['GGAQ', '公共安全'],
  ['MSFW', '民生服务'],
  ['QT', '其他'],
];

/**
 * The longest texts a matter and its steps take, in characters: the schema's
 * max_length, the server's parsing and the forms (office and phone) read them
 * here, so a report written offline is never refused for a limit the form did not show.
 */
export const MATTER_TEXT_LIMITS = {
  title: 200,
  address: 255,
  people_involved: 2000,
  description: 5000,
  measures: 5000,
  /** A transition's opinion (意见) and a reply. */
  opinion: 5000,
} as const;

/** The extension days a deadline policy allows when it says nothing (its default in the schema). */
export const DEFAULT_MAX_EXTENSION_DAYS = 10;

export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'video/mp4', 'video/quicktime'];
export const MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024;

export function labels<T extends Record<string, string | { label: string }>>(table: T): Record<keyof T & string, string> {
  return Object.fromEntries(Object.entries(table).map(([k, v]) => [k, typeof v === 'string' ? v : v.label])) as Record<
    keyof T & string,
    string
  >;
}
