// What a transition request must contain, checked before anything is looked
// up: every field of its kind, the action one of the table's own (not a name
// every object answers to, such as `constructor`).

import { shown } from '../../kernel/integrity.ts';
import type { TransitionRequest } from './service.ts';
import { ACTION_LABELS, ACTIONS, type Action } from './transitions.ts';
import { MATTER_TEXT_LIMITS } from './vocabulary.ts';
import { isUuid } from '../../kernel/keys.ts';
import { CLIENT_REF, CLIENT_REF_PROBLEM } from '../../kernel/submission.ts';

const FIELDS = ['action', 'version', 'opinion', 'target_unit', 'co_units', 'extension_days', 'attachments', 'client_ref'];
export const MAX_OPINION = MATTER_TEXT_LIMITS.opinion;

export const isAction = (value: unknown): value is Action => typeof value === 'string' && (ACTIONS as readonly string[]).includes(value);

const isKey = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) > 0;

export type ParsedTransition = { ok: true; request: TransitionRequest } | { ok: false; problems: string[] };

export function parseTransition(body: unknown): ParsedTransition {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { ok: false, problems: ['请求内容应为一个对象'] };
  const input = body as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(input)) if (!FIELDS.includes(key)) problems.push(`字段“${key}”不能由提交方填写`);
  const request: TransitionRequest = {};
  const present = (key: string) => input[key] !== undefined && input[key] !== null;

  if (!isAction(input.action))
    problems.push(`未知的操作“${shown(input.action)}”，可选：${ACTIONS.map((a) => ACTION_LABELS[a]).join('、')}`);
  else request.action = input.action;
  if (!isKey(input.version)) problems.push('请提交事项的当前版本号（version），以免覆盖他人的办理');
  else request.version = input.version;
  if (present('opinion')) {
    if (typeof input.opinion !== 'string') problems.push('意见应为文字');
    else if ([...input.opinion].length > MAX_OPINION) problems.push(`意见不能超过${MAX_OPINION}字`);
    else if (input.opinion.includes('\u0000')) problems.push('意见含有不允许的控制字符');
    else request.opinion = input.opinion;
  }
  if (present('target_unit')) {
    if (!isKey(input.target_unit)) problems.push('目标单位应为单位编号');
    else request.target_unit = input.target_unit;
  }
  if (present('co_units')) {
    const list = input.co_units;
    if (!Array.isArray(list) || list.length > 10 || !list.every(isKey)) problems.push('协办单位应为最多10个单位编号');
    else request.co_units = list;
  }
  if (present('extension_days')) {
    if (!isKey(input.extension_days) || (input.extension_days as number) > 365) problems.push('延期的工作日数应为1到365之间的整数');
    else request.extension_days = input.extension_days;
  }
  if (present('attachments')) {
    const list = input.attachments;
    if (!Array.isArray(list) || !list.every(isUuid)) problems.push('附件应为已上传文件的编号列表');
    else if (list.length > 20) problems.push('附件最多20个');
    else request.attachments = [...new Set(list as string[])];
  }
  if (present('client_ref')) {
    if (typeof input.client_ref !== 'string' || !CLIENT_REF.test(input.client_ref)) problems.push(CLIENT_REF_PROBLEM);
    else request.client_ref = input.client_ref;
  }
  return problems.length ? { ok: false, problems } : { ok: true, request };
}
