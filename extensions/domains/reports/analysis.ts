// The monthly analysis report (分析研判报告, 管理办法第二十五条): at the start of
// each month every office (区、街道、社区综治办) states the month's figures with
// their change, what stands out by category and by the units below it, the
// warnings raised, and what it judges should be done. The figures are the
// statistics' own (statisticsService.figuresOf: the same queries, the same
// jurisdiction), the warnings those of its jurisdiction. This module gathers them
// and writes the draft text (pure: `analysisText`), which the office edits before
// sending it up; analysis-docx.ts lays the figures out as the attached Word file.

import type { Knex } from 'knex';
import { jsonValue } from '../../kernel/db-values.ts';
import type { Period } from '../assessment/period.ts';
import type { FigureKey } from '../statistics/figures.ts';
import { parseSpan } from '../statistics/span.ts';
import { numberOf, statisticsService } from '../statistics/statistics.ts';
import { WARNING_KINDS, WARNING_LEVELS } from '../warnings/rules.ts';
import { WARNING_STATES } from '../warnings/workflow.ts';

/** The figures the report states, in its order. */
export const ANALYSIS_FIGURES = [
  'matters',
  'matters_signed_on_time',
  'matters_closed_on_time',
  'matters_handling_hours',
  'matters_overdue',
  'disputes',
  'dispute_resolution',
  'petition_incidents',
  'receipts_on_time',
  'activity_records',
  'login_days_rate',
] as const satisfies readonly FigureKey[];
type AnalysisFigureKey = (typeof ANALYSIS_FIGURES)[number];

/** One figure of the month: its number (a count, a rate in percent, a median in hours) and its changes. */
export interface AnalysisFigure {
  key: AnalysisFigureKey;
  label: string;
  kind: 'count' | 'rate' | 'duration';
  value: number | null;
  before: number | null;
  yearEarlier: number | null;
  /** A count's change in percent, a rate's in points. */
  changeBefore: number | null;
  changeYear: number | null;
}

export interface AnalysisChild {
  name: string;
  matters: number;
  overdue: number;
  disputes: number;
  /** 按期办结率 in percent; null when nothing was closed. */
  closedOnTime: number | null;
}

export interface AnalysisWarning {
  title: string;
  kind: string;
  level: string;
  state: string;
}

export interface Analysis {
  unit: { id: number; name: string; level: string };
  period: Period;
  figures: AnalysisFigure[];
  /** Matters by category and disputes by type, most first (named as the app names them). */
  categories: { name: string; count: number }[];
  disputeTypes: { name: string; count: number }[];
  children: AnalysisChild[];
  warnings: { raised: number; open: number; byKind: { name: string; count: number }[]; list: AnalysisWarning[] };
  at: Date;
}

/** How many warnings the report lists one by one. */
const LISTED_WARNINGS = 10;

const ranked = (counts: Record<string, number> | undefined, name: (key: string) => string) =>
  Object.entries(counts ?? {})
    .filter(([, n]) => n > 0)
    .map(([key, count]) => ({ name: name(key), count }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'zh-CN'));

/** A dropdown's words for its values, as Studio holds them (an administrator's new choice included). */
async function choiceWords(db: Knex, collection: string, field: string): Promise<Map<string, string>> {
  const row = (await db('directus_fields').where({ collection, field }).first('options')) as { options: unknown } | undefined;
  const choices = (jsonValue(row?.options) as { choices?: { value: unknown; text: unknown }[] } | null)?.choices ?? [];
  return new Map(choices.map((c) => [String(c.value), String(c.text)]));
}

/** The figures, breakdowns and warnings of an office's month. */
export async function gatherAnalysis(
  db: Knex,
  unit: { id: number; name: string; path: string; level: string },
  period: Period,
  now: Date,
): Promise<Analysis> {
  const span = parseSpan(period.key);
  if (!span) throw new Error(`analysis: not a month: ${period.key}`);
  const stats = await statisticsService(db).figuresOf(unit, span, ANALYSIS_FIGURES, now);
  const byKey = new Map(stats.figures.map((f) => [f.key, f]));
  const figures: AnalysisFigure[] = ANALYSIS_FIGURES.map((key) => {
    const f = byKey.get(key)!;
    return {
      key,
      label: f.label,
      kind: f.kind,
      value: numberOf(f.total),
      before: f.before,
      yearEarlier: f.year_earlier,
      changeBefore: f.change_before,
      changeYear: f.change_year,
    };
  });

  const categoryNames = new Map(
    ((await db('matter_categories').select('id', 'name')) as { id: unknown; name: string }[]).map((c) => [String(c.id), c.name]),
  );
  const disputeWords = await choiceWords(db, 'disputes', 'dispute_type');
  const matters = byKey.get('matters')!;
  const closedOnTime = byKey.get('matters_closed_on_time')!;
  const overdue = byKey.get('matters_overdue')!;
  const disputes = byKey.get('disputes')!;
  const children: AnalysisChild[] = matters.children.map((c, i) => ({
    name: c.name,
    matters: c.value,
    overdue: overdue.children[i]!.value,
    disputes: disputes.children[i]!.value,
    closedOnTime: closedOnTime.children[i]!.rate ?? null,
  }));

  const raised = (await db('warnings')
    .where('unit_path', 'like', `${unit.path}%`)
    .where('raised_at', '>=', period.start)
    .where('raised_at', '<', period.end)
    .orderBy([{ column: 'raised_at', order: 'desc' }, 'id'])
    .select('title', 'kind', 'level', 'status')) as { title: string; kind: string; level: string; status: string }[];
  const open = (await db('warnings')
    .where('unit_path', 'like', `${unit.path}%`)
    .where('raised_at', '<', period.end)
    .whereNot('status', 'closed')
    .count({ n: '*' })) as { n: unknown }[];
  const kinds: Record<string, number> = {};
  for (const w of raised) kinds[w.kind] = (kinds[w.kind] ?? 0) + 1;
  const word = <T extends Record<string, string>>(words: T, key: string) => (Object.hasOwn(words, key) ? words[key as keyof T]! : key);

  return {
    unit: { id: unit.id, name: unit.name, level: unit.level },
    period,
    figures,
    categories: ranked(matters.total.groups?.category, (id) => categoryNames.get(id) ?? '未分类'),
    disputeTypes: ranked(disputes.total.groups?.dispute_type, (code) => disputeWords.get(code) ?? code),
    children,
    warnings: {
      raised: raised.length,
      open: Number(open[0]?.n ?? 0),
      byKind: ranked(kinds, (k) => word(WARNING_KINDS, k)),
      list: raised.slice(0, LISTED_WARNINGS).map((w) => ({
        title: w.title,
        kind: word(WARNING_KINDS, w.kind),
        level: word(WARNING_LEVELS, w.level),
        state: word(WARNING_STATES, w.status),
      })),
    },
    at: now,
  };
}

/** A figure's number in words: 12件, 87.5%, 36.2小时; 无 when nothing was counted. */
export function figureWords(f: Pick<AnalysisFigure, 'kind' | 'value' | 'key'>): string {
  if (f.value === null) return '无';
  if (f.kind === 'rate') return `${f.value}%`;
  if (f.kind === 'duration') return `${f.value}小时`;
  const unit = f.key === 'activity_records' ? '条' : f.key.startsWith('matters') ? '件' : '起';
  return `${f.value}${unit}`;
}

/** A change in words: 环比上升12.5%, 同比下降3个百分点, 环比持平; empty when there is nothing to compare. */
export function changeWords(kind: AnalysisFigure['kind'], change: number | null, which: '环比' | '同比'): string {
  if (change === null) return '';
  if (change === 0) return `${which}持平`;
  const size = Math.abs(change);
  return `${which}${change > 0 ? '上升' : '下降'}${size}${kind === 'rate' ? '个百分点' : '%'}`;
}

const sentence = (f: AnalysisFigure) =>
  [
    `${f.label.replace(/（.*）$/, '')}${figureWords(f)}`,
    changeWords(f.kind, f.changeBefore, '环比'),
    changeWords(f.kind, f.changeYear, '同比'),
  ]
    .filter(Boolean)
    .join('，');

/** The bounds the judgement is written against: the rubric's 85 % on time, a rise of a fifth. */
export const JUDGED = { onTime: 85, rise: 20 } as const;

/** The draft text of the report, section by section, for the office to edit. Pure. */
export function analysisText(a: Analysis): string {
  const f = Object.fromEntries(a.figures.map((x) => [x.key, x])) as Record<AnalysisFigureKey, AnalysisFigure>;
  const sections: string[] = [];
  sections.push(
    `一、基本情况\n${a.period.label}，${a.unit.name}${[
      sentence(f.matters),
      sentence(f.matters_signed_on_time),
      sentence(f.matters_closed_on_time),
      `截至统计时点超期未办结事项${figureWords(f.matters_overdue)}`,
    ].join('；')}。${[sentence(f.disputes), sentence(f.dispute_resolution), sentence(f.petition_incidents)].join('；')}。${[
      sentence(f.receipts_on_time),
      sentence(f.activity_records),
      sentence(f.login_days_rate),
    ].join('；')}。`,
  );
  const features: string[] = [];
  if (a.categories.length)
    features.push(
      `事项类别居前的是${a.categories
        .slice(0, 3)
        .map((c) => `${c.name}（${c.count}件）`)
        .join('、')}`,
    );
  if (a.disputeTypes.length)
    features.push(
      `矛盾纠纷以${a.disputeTypes
        .slice(0, 3)
        .map((c) => `${c.name}（${c.count}起）`)
        .join('、')}为主`,
    );
  const busiest = [...a.children].sort((x, y) => y.matters - x.matters)[0];
  if (busiest && busiest.matters > 0) features.push(`下级单位中${busiest.name}事项最多（${busiest.matters}件）`);
  const slow = a.children.filter((c) => c.closedOnTime !== null && c.closedOnTime < JUDGED.onTime);
  if (slow.length) features.push(`${slow.map((c) => `${c.name}（${c.closedOnTime}%）`).join('、')}按期办结率低于${JUDGED.onTime}%`);
  const late = a.children.filter((c) => c.overdue > 0);
  if (late.length) features.push(`${late.map((c) => `${c.name}${c.overdue}件`).join('、')}事项超期未办结`);
  sections.push(`二、主要特点\n${features.length ? `${features.join('；')}。` : '本月各项数据平稳，无突出变化。'}`);
  sections.push(
    `三、预警情况\n${
      a.warnings.raised
        ? `本月产生预警${a.warnings.raised}条（${a.warnings.byKind.map((k) => `${k.name}${k.count}条`).join('、')}），` +
          `截至月末尚未核销${a.warnings.open}条。主要有：${a.warnings.list
            .slice(0, 5)
            .map((w) => `${w.title}（${w.level}，${w.state}）`)
            .join('；')}。`
        : `本月未产生预警${a.warnings.open ? `，此前的预警尚未核销${a.warnings.open}条` : ''}。`
    }`,
  );
  const advice: string[] = [];
  if ((f.matters.changeBefore ?? 0) >= JUDGED.rise) advice.push('事项数量环比明显上升，要分析上升原因，加强源头排查');
  if ((f.disputes.changeBefore ?? 0) >= JUDGED.rise) advice.push('矛盾纠纷环比上升，要加大排查化解力度，防止矛盾激化');
  if (f.matters_closed_on_time.value !== null && f.matters_closed_on_time.value < JUDGED.onTime)
    advice.push(`按期办结率低于${JUDGED.onTime}%，要督促承办单位在时限内办结`);
  if ((f.matters_overdue.value ?? 0) > 0) advice.push('对超期未办结事项逐件督办，限期办结');
  if ((f.petition_incidents.value ?? 0) > 0) advice.push('对信访突出问题和群体性事件落实专人稳控，及时报告');
  if (a.warnings.open) advice.push('对未核销的预警逐条落实处置措施，处置后及时核销');
  sections.push(
    `四、研判和建议\n${advice.length ? `${advice.map((s, i) => `${i + 1}. ${s}。`).join('\n')}` : '本月辖区综治形势总体平稳，要继续做好日常排查和信息报送。'}`,
  );
  return sections.join('\n\n');
}
