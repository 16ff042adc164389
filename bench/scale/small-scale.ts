// The figures the other benchmarks recorded on their own, smaller data: read from
// their latest sections of docs/benchmarks.md, to stand beside the same operation
// timed at Pukou scale.

import { readFileSync } from 'node:fs';
import { sectionMarkers } from '../lib/section.ts';

/** A benchmark's section: the text between its writeSection markers, and the first date in it. */
function sectionOf(doc: string, bench: string): { text: string; date: string } | null {
  const markers = sectionMarkers(bench);
  const begin = doc.indexOf(markers.begin);
  const end = doc.indexOf(markers.end, begin);
  if (begin < 0 || end < 0) return null;
  const text = doc.slice(begin, end);
  return { text, date: /(?<!\d)20\d\d-\d\d-\d\d(?!\d)/.exec(text)?.[0] ?? 'undated' };
}

/** The rows of each Markdown table in `text`, as cells by column heading. */
function tables(text: string): Record<string, string>[][] {
  const found: Record<string, string>[][] = [];
  const lines = text.split('\n');
  const cells = (line: string) =>
    line
      .trim()
      .replace(/^\||\|$/g, '')
      .split('|')
      .map((c) => c.trim());
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!lines[i]!.trim().startsWith('|') || !/^\|[\s:|-]+\|$/.test(lines[i + 1]!.trim())) continue;
    const headings = cells(lines[i]!);
    const rows: Record<string, string>[] = [];
    for (i += 2; i < lines.length && lines[i]!.trim().startsWith('|'); i++)
      rows.push(Object.fromEntries(cells(lines[i]!).map((c, k) => [headings[k] ?? String(k), c])));
    found.push(rows);
  }
  return found;
}

export class SmallScale {
  private readonly doc: string;

  constructor(file: string) {
    this.doc = readFileSync(file, 'utf8');
  }

  /**
   * Cells of the first row (in any table of bench `bench`'s section) whose first cell begins with
   * `row` and which has every one of `columns`; shaped by `shape` and dated, or a dash when absent.
   */
  figure(bench: string, row: string, columns: string[], shape: (cells: string[]) => string): string {
    const section = sectionOf(this.doc, bench);
    if (!section) return `— (no bench:${bench} section)`;
    for (const table of tables(section.text))
      for (const r of table)
        if ((Object.values(r)[0] ?? '').startsWith(row) && columns.every((c) => c in r))
          return `${shape(columns.map((c) => r[c]!))} (bench:${bench}, ${section.date})`;
    return `— (not in bench:${bench}'s section)`;
  }
}
