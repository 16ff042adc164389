// What the 大联勤 platform may send us, checked before anything is looked up:
// a matter for a unit of ours (`unit` is the unit's path), with its own id.

import { MAX_OPINION } from '../../domains/matters/transition-request.ts';

export interface Inbound {
  externalId: string;
  unitPath: string;
  categoryCode: string;
  /** The rest, in the shape of a report (checked again by parseReport). */
  fields: Record<string, unknown>;
}

const ALLOWED = [
  'id',
  'unit',
  'category',
  'title',
  'description',
  'urgency',
  'occurred_at',
  'address',
  'latitude',
  'longitude',
  'people_involved',
  'measures',
];

export function parseInbound(body: unknown): { ok: true; inbound: Inbound } | { ok: false; problems: string[] } {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { ok: false, problems: ['请求内容应为一个对象'] };
  const input = body as Record<string, unknown>;
  const problems = Object.keys(input)
    .filter((k) => !ALLOWED.includes(k))
    .map((k) => `字段“${k}”不在接口约定中`);
  if (typeof input.id !== 'string' || !/^[A-Za-z0-9:._-]{1,64}$/.test(input.id))
    problems.push('id 应为大联勤平台的事项编号（字母、数字、-_.:，最长64位）');
  if (typeof input.unit !== 'string' || !/^\/([A-Z0-9]+\/)+$/.test(input.unit))
    problems.push('unit 应为承办单位的路径，如 /320111/S01/C001/');
  if (typeof input.category !== 'string' || input.category === '') problems.push('category 应为事项分类编码，如 ZAYH');
  if (problems.length) return { ok: false, problems };
  const { id, unit, category, ...fields } = input;
  return { ok: true, inbound: { externalId: id as string, unitPath: unit as string, categoryCode: category as string, fields } };
}

/** What the platform may do to a matter it initiated. */
export const INBOUND_ACTIONS = ['close', 'send_back', 'reopen', 'resubmit'] as const;

/** What the platform does to a matter it initiated: one of INBOUND_ACTIONS, with an opinion in words. */
export function parseInboundTransition(
  body: unknown,
): { ok: true; request: { action: (typeof INBOUND_ACTIONS)[number]; opinion?: string } } | { ok: false; problem: string } {
  const input = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  if (!INBOUND_ACTIONS.includes(input.action as never)) return { ok: false, problem: `大联勤平台只能${INBOUND_ACTIONS.join('、')}` };
  const action = input.action as (typeof INBOUND_ACTIONS)[number];
  if (input.opinion === undefined || input.opinion === null) return { ok: true, request: { action } };
  if (typeof input.opinion !== 'string' || [...input.opinion].length > MAX_OPINION || input.opinion.includes('\u0000'))
    return { ok: false, problem: `opinion 应为不超过${MAX_OPINION}字的文字` };
  return { ok: true, request: { action, opinion: input.opinion } };
}
