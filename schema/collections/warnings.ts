// 预警: the rules an office sets for the units under it (no code: the kind and its
// parameters are fields, each shown only for the kinds that use it), and the
// warnings the worker raises from them — one per episode, with the records behind
// it, and who acknowledged, handled and closed it. Rules are read by everyone and
// edited by the district's and streets' offices (schema/access.ts, warning-rules);
// warnings are read by the warned unit and the units above it, and written only by
// the worker and the /warnings endpoint.

import {
  COMPARATORS,
  KIND_PARAMS,
  SILENCE_SOURCES,
  THRESHOLD_FIGURES,
  TREND_FIGURES,
  WARNING_KINDS,
  WARNING_LEVELS,
  WATCHED_LEVELS,
  type WarningKind,
} from '../../extensions/domains/warnings/rules.ts';
import { WARNING_STATES } from '../../extensions/domains/warnings/workflow.ts';
import { FIGURES } from '../../extensions/domains/statistics/figures.ts';
import {
  booleanField,
  idField,
  integerField,
  jsonField,
  label,
  manyToOneField,
  selectField,
  stringField,
  textField,
  timestampField,
  userField,
  userStamps,
} from '../fields.ts';
import { jurisdictionFields, jurisdictionRelation } from '../jurisdiction.ts';
import type { CollectionSpec, FieldSpec } from '../types.ts';

const figureChoices = (keys: string[]) => Object.fromEntries(keys.map((k) => [k, FIGURES[k as keyof typeof FIGURES].label]));

/** A parameter's field is shown only for the kinds that read it (in Studio and in the app's forms). */
function shownFor(field: string) {
  const kinds = (Object.keys(KIND_PARAMS) as WarningKind[]).filter((k) => KIND_PARAMS[k].includes(field as never));
  return [{ name: '该预警类型不用', rule: { kind: { _nin: kinds } }, hidden: true }];
}

function numberField(field: string, zh: string, en: string, note: string): FieldSpec {
  return {
    field,
    type: 'decimal',
    schema: { numeric_precision: 10, numeric_scale: 1 },
    meta: { interface: 'input', width: 'half', note, conditions: shownFor(field), ...label(zh, en) },
  };
}

export const warningRules: CollectionSpec = {
  collection: 'warning_rules',
  keepInstead: '已产生预警信息的规则可取消“启用”',
  meta: {
    icon: 'notification_important',
    display_template: '{{name}}',
    note: '预警规则：阈值、趋势、静默、聚集、超期五类，由区、街道综治办设定，不写代码',
    sort_field: 'id',
    ...label('预警规则', 'Warning rules'),
  },
  fields: [
    idField(),
    ...jurisdictionFields().map((f) => (f.field === 'unit' ? { ...f, meta: { ...f.meta, ...label('设定单位', 'Set by') } } : f)),
    stringField('name', '规则名称', 'Name', { required: true }, { is_nullable: false, max_length: 100 }),
    selectField('kind', '预警类型', 'Kind', WARNING_KINDS, { required: true, width: 'half' }, { is_nullable: false }),
    selectField(
      'level',
      '预警等级',
      'Level',
      WARNING_LEVELS,
      { required: true, width: 'half' },
      { is_nullable: false, default_value: 'yellow' },
    ),
    selectField(
      'applies_to',
      '预警对象',
      'Watched level',
      WATCHED_LEVELS,
      { required: true, width: 'half', note: '本单位下属的哪一级单位' },
      { is_nullable: false },
    ),
    booleanField('active', '启用', 'Active', { width: 'half' }, true),
    selectField(
      'figure',
      '统计项',
      'Figure',
      figureChoices([...new Set([...THRESHOLD_FIGURES, ...TREND_FIGURES])]),
      { conditions: shownFor('figure'), note: '阈值预警可选数量或比率；趋势预警选数量' },
      { max_length: 64 },
    ),
    selectField('comparator', '比较', 'Comparison', COMPARATORS, { width: 'half', conditions: shownFor('comparator') }, { max_length: 10 }),
    numberField('threshold', '阈值', 'Bound', '比率填百分数，如85；超期预警为超期事项数，默认1'),
    integerField('window_days', '统计天数', 'Days counted', {
      width: 'half',
      note: '统计最近多少天，默认30',
      conditions: shownFor('window_days'),
    }),
    integerField('months', '对比月数', 'Months compared', {
      width: 'half',
      note: '与前几个月比较，默认6',
      conditions: shownFor('months'),
    }),
    numberField('sigma', '标准差倍数', 'Standard deviations', '超过均值加几倍标准差时预警，默认2'),
    integerField('min_base', '最少样本数', 'At least', {
      width: 'half',
      note: '比率至少多少件才判断；趋势至少多少件才预警（默认3）',
      conditions: shownFor('min_base'),
    }),
    selectField(
      'source',
      '监测内容',
      'Listens for',
      SILENCE_SOURCES,
      { width: 'half', conditions: shownFor('source') },
      { max_length: 20 },
    ),
    integerField('days', '静默天数', 'Days quiet', {
      width: 'half',
      note: '连续多少天没有记录（终端登录按工作日）',
      conditions: shownFor('days'),
    }),
    manyToOneField('category', '事项类别', 'Matter category', '{{name}}', {
      note: '不选即各类别分别统计',
      conditions: shownFor('category'),
    }),
    integerField('count', '事项数', 'Reports', { width: 'half', note: '达到多少件时预警', conditions: shownFor('count') }),
    integerField('hours', '时段（小时）', 'Within hours', { width: 'half', note: '如72', conditions: shownFor('hours') }),
    textField('note', '说明', 'Note'),
    ...userStamps(),
  ],
  relations: [
    jurisdictionRelation('warning_rules'),
    { collection: 'warning_rules', field: 'category', related_collection: 'matter_categories', schema: { on_delete: 'SET NULL' } },
    { collection: 'warning_rules', field: 'user_created', related_collection: 'directus_users' },
  ],
};

/** A warning: one episode of a rule holding for a unit, and its handling. */
export const warnings: CollectionSpec = {
  collection: 'warnings',
  meta: {
    icon: 'warning',
    display_template: '{{title}}',
    note: '预警信息：由系统按预警规则生成，被预警单位签收、处置，上级单位核销；只能通过预警接口办理',
    ...label('预警信息', 'Warnings'),
  },
  fields: [
    idField(),
    manyToOneField('rule', '预警规则', 'Rule', '{{name}}', { readonly: true }, { is_nullable: false }),
    ...jurisdictionFields().map((f) =>
      f.field === 'unit' ? { ...f, meta: { ...f.meta, ...label('被预警单位', 'Warned unit'), readonly: true, note: null } } : f,
    ),
    selectField('kind', '预警类型', 'Kind', WARNING_KINDS, { readonly: true, width: 'half' }, { is_nullable: false }),
    selectField('level', '预警等级', 'Level', WARNING_LEVELS, { readonly: true, width: 'half' }, { is_nullable: false }),
    stringField('title', '预警内容', 'Warning', { readonly: true }, { is_nullable: false, max_length: 500 }),
    selectField(
      'status',
      '状态',
      'Status',
      WARNING_STATES,
      { readonly: true, width: 'half' },
      { is_nullable: false, default_value: 'raised' },
    ),
    {
      field: 'value',
      type: 'decimal',
      schema: { numeric_precision: 12, numeric_scale: 1 },
      meta: { interface: 'input', readonly: true, width: 'half', ...label('监测值', 'Value') },
    },
    jsonField('evidence', '依据记录', 'Records behind it', { readonly: true }),
    stringField(
      'open_key',
      '持续中的预警',
      'Open episode',
      { readonly: true, hidden: true, note: '预警条件仍成立时不重复预警' },
      { is_unique: true, max_length: 120 },
    ),
    timestampField('raised_at', '预警时间', 'Raised at', { readonly: true, width: 'half' }),
    timestampField('last_seen_at', '最近一次研判成立', 'Last found', { readonly: true, width: 'half' }),
    timestampField('ended_at', '预警条件解除', 'Condition ended', { readonly: true, width: 'half' }),
    integerField('told', '通知人数', 'People told', { readonly: true, width: 'half' }),
    userField('acknowledged_by', '签收人', 'Acknowledged by', { readonly: true, width: 'half' }),
    timestampField('acknowledged_at', '签收时间', 'Acknowledged at', { readonly: true, width: 'half' }),
    userField('handled_by', '处置人', 'Handled by', { readonly: true, width: 'half' }),
    timestampField('handled_at', '处置时间', 'Handled at', { readonly: true, width: 'half' }),
    textField('handling', '处置情况', 'What was done', { readonly: true }),
    userField('closed_by', '核销人', 'Closed by', { readonly: true, width: 'half' }),
    timestampField('closed_at', '核销时间', 'Closed at', { readonly: true, width: 'half' }),
    textField('closing', '核销意见', 'Closing note', { readonly: true }),
    jsonField('history', '办理记录', 'History', { readonly: true, note: '每一步：操作、办理人、时间、说明' }),
  ],
  relations: [
    { collection: 'warnings', field: 'rule', related_collection: 'warning_rules', schema: { on_delete: 'NO ACTION' } },
    { ...jurisdictionRelation('warnings'), schema: { on_delete: 'CASCADE' } },
    ...(['acknowledged_by', 'handled_by', 'closed_by'] as const).map((field) => ({
      collection: 'warnings',
      field,
      related_collection: 'directus_users',
      schema: { on_delete: 'SET NULL' as const },
    })),
  ],
  indexes: [{ columns: ['rule', 'status'] }, { columns: ['unit_path'] }],
};

export const WARNING_COLLECTIONS = [warningRules, warnings];
