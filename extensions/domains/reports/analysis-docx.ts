// The monthly analysis report as the Word file an office edits and sends up, in
// the official layout (official-docx.ts): the text in its four sections, then the
// figures in tables (the month, 环比, 同比), matters by category as a Word chart,
// the units below, and the warnings of the month.

import { levelName, type UnitLevel } from '../../kernel/unit-path.ts';
import { type Analysis, figureWords } from './analysis.ts';
import { type Block, body, chart, HEITI, heading, officialDocx, signature, table, title } from './official-docx.ts';

const signed = (x: number | null, unit: string) => (x === null ? '—' : `${x > 0 ? '+' : ''}${x}${unit}`);

/** The title an office's report carries (the draft document's too). */
export const analysisTitle = (a: Pick<Analysis, 'unit' | 'period'>) => `${a.unit.name}${a.period.label}综治形势分析研判报告`;

/** The report as a .docx: `text` is the report's text (sections separated by blank lines, each headed by its first line). */
export function analysisDocx(a: Analysis, text: string): Promise<Buffer> {
  const children: Block[] = [title(analysisTitle(a))];
  for (const section of text.split(/\n\s*\n/)) {
    const [head, ...lines] = section.split('\n').filter((l) => l.trim());
    if (!head) continue;
    if (/^[一二三四五六七八九十]+、/.test(head)) children.push(heading(head, HEITI));
    else children.push(body(head));
    for (const line of lines) children.push(body(line));
  }
  children.push(heading('附表', HEITI));
  children.push(
    table(
      ['指标', '本月', '上月', '环比', '去年同期', '同比'],
      a.figures.map((f) => {
        const unit = f.kind === 'rate' ? '个百分点' : '%';
        const number = (value: number | null) => (value === null ? '—' : figureWords({ ...f, value }));
        return [
          f.label,
          number(f.value),
          number(f.before),
          signed(f.changeBefore, unit),
          number(f.yearEarlier),
          signed(f.changeYear, unit),
        ];
      }),
    ),
  );
  if (a.categories.length)
    children.push(
      chart(
        '事项类别分布',
        a.categories.slice(0, 10).map((c) => c.name),
        '事项数',
        a.categories.slice(0, 10).map((c) => c.count),
      ),
    );
  if (a.children.length) {
    const below = a.unit.level === 'district' ? 'street' : a.unit.level === 'street' ? 'community' : 'grid';
    children.push(
      table(
        [levelName(below as UnitLevel), '事项数', '按期办结率', '超期未办结', '矛盾纠纷'],
        a.children.map((c) => [
          c.name,
          String(c.matters),
          c.closedOnTime === null ? '—' : `${c.closedOnTime}%`,
          String(c.overdue),
          String(c.disputes),
        ]),
      ),
    );
  }
  if (a.warnings.list.length)
    children.push(
      table(
        ['预警内容', '类型', '等级', '状态'],
        a.warnings.list.map((w) => [w.title, w.kind, w.level, w.state]),
      ),
    );
  children.push(...signature(a.unit.name, a.at));
  return officialDocx({ creator: a.unit.name, title: analysisTitle(a) }, children);
}
