// The supervision bulletin as the Word file an office edits and prints, in the
// layout of official documents (GB/T 9704): A4 with its margins, the title in 小标宋,
// the body in 仿宋 三号 on a fixed 28-point line, headings in 黑体 and 楷体, tables whose
// header row repeats on each page, page numbers as “— 1 —”, and Word's own charts
// (editable in Word, no picture rendered here). Made with the `docx` package.

import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { ChartRun } from 'docx/charts';
import { levelName, type UnitLevel } from '../../kernel/unit-path.ts';
import { BULLETIN_ITEMS, type Bulletin } from './bulletin.ts';

const MM = 56.7; // twips per millimetre
const BODY = 32; // 三号, in half-points
const SMALL = 24; // 小四, for tables
const FANGSONG = '仿宋_GB2312';
const HEITI = '黑体';
const KAITI = '楷体_GB2312';
const TITLE_FONT = '方正小标宋简体';
const LINE = { line: 560, lineRule: LineRuleType.EXACT }; // 28 pt
const ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

const run = (text: string, font = FANGSONG, size = BODY, bold = false) =>
  new TextRun({ text, font: { eastAsia: font, ascii: font, hAnsi: font }, size, bold });

const body = (text: string) => new Paragraph({ children: [run(text)], indent: { firstLine: 2 * BODY * 10 }, spacing: LINE });
const heading = (text: string, font: string) =>
  new Paragraph({ children: [run(text, font)], indent: { firstLine: 2 * BODY * 10 }, spacing: LINE });

function cell(text: string, header = false) {
  return new TableCell({
    children: [new Paragraph({ children: [run(text, header ? HEITI : FANGSONG, SMALL)], alignment: AlignmentType.CENTER })],
    verticalAlign: VerticalAlign.CENTER,
  });
}

/** A table whose first row is its header, repeated at the top of each page it runs onto. */
function table(head: string[], rows: string[][]) {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: head.map((h) => cell(h, true)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c) => cell(c)) })),
    ],
  });
}

const chart = (title: string, categories: string[], name: string, values: number[]) =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [
      new ChartRun({
        type: 'column',
        title,
        categories,
        series: [{ name, values }],
        legend: false,
        dataLabels: { value: true },
        font: { name: FANGSONG },
        transformation: { width: 560, height: 300 },
      }),
    ],
  });

const chineseDate = (at: Date) => {
  const local = new Date(at.getTime() + 8 * 3_600_000);
  return `${local.getUTCFullYear()}年${local.getUTCMonth() + 1}月${local.getUTCDate()}日`;
};

/** The shortfalls of a unit in one item, in words (empty: none). */
const shortfallsOf = (b: Bulletin['units'][number], item: string) =>
  Object.values(b.items[item] ?? {})
    .map((m) => m.short)
    .filter((s): s is string => s !== null);

/** The bulletin as a .docx file. */
export async function bulletinDocx(b: Bulletin): Promise<Buffer> {
  const level = b.issuer.level === 'district' ? 'street' : 'community';
  const kindWord = levelName(level as UnitLevel);
  const whole = b.issuer.level === 'district' ? '全区' : `${b.issuer.name}`;
  const counts = b.units.map((u) => BULLETIN_ITEMS.reduce((n, item) => n + shortfallsOf(u, item.key).length, 0));
  const withProblems = counts.filter((n) => n > 0).length;
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 560 },
      children: [run(`关于${b.period.label}${whole}综治信息系统运行情况的督查通报`, TITLE_FONT, 44)],
    }),
    new Paragraph({ children: [run(`各${kindWord}综治办：`)], spacing: LINE }),
    body(
      `根据综治信息系统督查通报制度，${b.issuer.name}对${b.period.label}${b.units.length}个${kindWord}的综治信息系统运行情况进行了督查。` +
        `${withProblems}个${kindWord}存在问题，共${counts.reduce((a, n) => a + n, 0)}项；${b.units.length - withProblems}个${kindWord}各项均达到要求。现将有关情况通报如下。`,
    ),
    heading('一、总体情况', HEITI),
    body(
      `督查依据系统记录的数据，覆盖首页待办、数据录入和服务、事项办理、手机终端、安全保密、公文流转、模块运用、工作记录和研判八个方面。各${kindWord}存在问题的项数如下图。`,
    ),
  ];
  if (b.units.length)
    children.push(
      chart(
        `各${kindWord}存在问题项数`,
        b.units.map((u) => u.name),
        '问题项数',
        counts,
      ),
    );
  children.push(heading('二、督查发现的问题', HEITI));
  BULLETIN_ITEMS.forEach((item, i) => {
    children.push(heading(`（${ORDINALS[i]}）${item.title}`, KAITI));
    children.push(
      table(
        [kindWord, ...item.measures.map((m) => m.head)],
        b.units.map((u) => [u.name, ...item.measures.map((m) => u.items[item.key]?.[m.key]?.cell ?? '—')]),
      ),
    );
    const named = b.units.map((u) => [u.name, shortfallsOf(u, item.key)] as const).filter(([, s]) => s.length);
    children.push(
      named.length
        ? body(`存在问题：${named.map(([name, s]) => `${name}${s.join('，')}`).join('；')}。`)
        : body(`各${kindWord}均达到要求。`),
    );
  });
  const assessed = b.units.filter((u) => u.assessment);
  if (assessed.length) {
    children.push(heading('三、考评扣分情况', HEITI));
    children.push(
      chart(
        `各${kindWord}考评得分`,
        assessed.map((u) => u.name),
        '得分',
        assessed.map((u) => u.assessment!.total),
      ),
    );
    children.push(
      table(
        [kindWord, '得分', '扣分项目'],
        assessed.map((u) => [
          u.name,
          String(u.assessment!.total),
          u.assessment!.deductions.map((d) => `${d.code ?? ''} ${d.name}（扣${d.deducted}分）`).join('；') || '无',
        ]),
      ),
    );
  }
  children.push(heading(`${ORDINALS[assessed.length ? 3 : 2]}、工作要求`, HEITI));
  children.push(
    body(
      `各${kindWord}要对照通报的问题逐项整改，于下月10日前将整改情况报${b.issuer.name}综治办；每日登录系统办理待办事项，按时签收公文、反馈事项，确保信息录入及时、准确、完整，严格执行保密制度。`,
    ),
  );
  children.push(new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 560, ...LINE }, children: [run(b.issuer.name)] }));
  children.push(new Paragraph({ alignment: AlignmentType.RIGHT, spacing: LINE, children: [run(chineseDate(b.at))] }));

  const doc = new Document({
    creator: b.issuer.name,
    title: `${b.period.label}综治信息系统运行情况督查通报`,
    styles: { default: { document: { run: { font: FANGSONG, size: BODY } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: Math.round(210 * MM), height: Math.round(297 * MM) },
            margin: { top: Math.round(37 * MM), bottom: Math.round(35 * MM), left: Math.round(28 * MM), right: Math.round(26 * MM) },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    children: ['— ', PageNumber.CURRENT, ' —'],
                    font: { eastAsia: '宋体', ascii: '宋体', hAnsi: '宋体' },
                    size: 28,
                  }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
