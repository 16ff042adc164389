// The layout of official documents (GB/T 9704) as Word files, shared by the
// supervision bulletin and the analysis report: A4 with its margins, the title in
// 小标宋, the body in 仿宋 三号 on a fixed 28-point line, headings in 黑体 and 楷体,
// tables whose header row repeats on each page, page numbers as “— 1 —”, and
// Word's own charts (editable in Word, no picture rendered here). Made with the
// `docx` package.

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

const MM = 56.7; // twips per millimetre
const BODY = 32; // 三号, in half-points
const SMALL = 24; // 小四, for tables
const FANGSONG = '仿宋_GB2312';
export const HEITI = '黑体';
export const KAITI = '楷体_GB2312';
const TITLE_FONT = '方正小标宋简体';
const LINE = { line: 560, lineRule: LineRuleType.EXACT }; // 28 pt
export const ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export type Block = Paragraph | Table;

const run = (text: string, font = FANGSONG, size = BODY, bold = false) =>
  new TextRun({ text, font: { eastAsia: font, ascii: font, hAnsi: font }, size, bold });

/** The document's title, centred in 小标宋 二号. */
export const title = (text: string) =>
  new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 560 }, children: [run(text, TITLE_FONT, 44)] });
/** The addressees' line (主送机关), flush left. */
export const addressees = (text: string) => new Paragraph({ children: [run(text)], spacing: LINE });
/** A paragraph of the body, its first line indented two characters. */
export const body = (text: string) => new Paragraph({ children: [run(text)], indent: { firstLine: 2 * BODY * 10 }, spacing: LINE });
/** A heading: 黑体 for the first level (一、), 楷体 for the second (（一）). */
export const heading = (text: string, font: string) =>
  new Paragraph({ children: [run(text, font)], indent: { firstLine: 2 * BODY * 10 }, spacing: LINE });
/** The issuing office and the date, right-aligned under the body. */
export const signature = (issuer: string, at: Date) => [
  new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 560, ...LINE }, children: [run(issuer)] }),
  new Paragraph({ alignment: AlignmentType.RIGHT, spacing: LINE, children: [run(chineseDate(at))] }),
];

function cell(text: string, header = false) {
  return new TableCell({
    children: [new Paragraph({ children: [run(text, header ? HEITI : FANGSONG, SMALL)], alignment: AlignmentType.CENTER })],
    verticalAlign: VerticalAlign.CENTER,
  });
}

/** A table whose first row is its header, repeated at the top of each page it runs onto. */
export function table(head: string[], rows: string[][]) {
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

/** A Word column or line chart of one series. */
export const chart = (title: string, categories: string[], name: string, values: number[], type: 'column' | 'line' = 'column') =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [
      new ChartRun({
        type,
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

/** A day as official documents write it, in Beijing time: 2026年12月1日. */
export const chineseDate = (at: Date) => {
  const local = new Date(at.getTime() + 8 * 3_600_000);
  return `${local.getUTCFullYear()}年${local.getUTCMonth() + 1}月${local.getUTCDate()}日`;
};

/** The blocks as an A4 .docx in the official layout, with page numbers. */
export function officialDocx(meta: { creator: string; title: string }, children: Block[]): Promise<Buffer> {
  const doc = new Document({
    creator: meta.creator,
    title: meta.title,
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
