// The converter's own logic, with stand-ins for LibreOffice (small shell scripts that
// behave as soffice does: write <name>.pdf into --outdir, or fail, or write nothing);
// the real LibreOffice converts the reports in tests/integration/reports.test.ts.

import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docxToPdf, sofficePath } from './pdf.ts';

const folder = mkdtempSync(join(tmpdir(), 'pdf-test-'));
/** A stand-in soffice running `body` with the arguments soffice gets ($outdir and $input set). */
function standIn(name: string, body: string): string {
  const path = join(folder, name);
  writeFileSync(path, `#!/bin/sh\nwhile [ $# -gt 1 ]; do [ "$1" = --outdir ] && outdir=$2; shift; done\ninput=$1\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

describe('Word files as PDF', () => {
  it('finds LibreOffice by SOFFICE_PATH or on the PATH, and says when there is none', () => {
    const soffice = standIn('soffice', 'exit 0');
    expect(sofficePath({ SOFFICE_PATH: soffice })).toBe(soffice);
    expect(sofficePath({ SOFFICE_PATH: join(folder, 'missing') })).toBeNull();
    expect(sofficePath({ PATH: `/nonexistent:${folder}` })).toBe(soffice);
  });

  it('refuses in Chinese without LibreOffice', async () => {
    await expect(docxToPdf(Buffer.from('x'), null)).rejects.toMatchObject({
      code: 'PDF_UNAVAILABLE',
      status: 501,
      message: expect.stringContaining('未安装 LibreOffice'),
    });
  });

  it('gives the PDF that LibreOffice writes beside the input, one conversion at a time', async () => {
    const log = join(folder, 'log');
    const soffice = standIn(
      'convert',
      `echo start >> ${log}; sleep 0.2; printf '%%PDF-1.7 ' > "$outdir/report.pdf"; cat "$input" >> "$outdir/report.pdf"; echo end >> ${log}`,
    );
    const pdfs = await Promise.all(['一', '二', '三'].map((text) => docxToPdf(Buffer.from(text), soffice)));
    expect(pdfs.map((b) => b.toString())).toEqual(['%PDF-1.7 一', '%PDF-1.7 二', '%PDF-1.7 三']);
    expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual(['start', 'end', 'start', 'end', 'start', 'end']);
  });

  it('says the conversion failed when LibreOffice fails or writes nothing, and goes on with the next', async () => {
    const failing = standIn('failing', 'exit 3');
    const silent = standIn('silent', 'exit 0');
    await expect(docxToPdf(Buffer.from('x'), failing)).rejects.toMatchObject({
      code: 'PDF_FAILED',
      message: expect.stringContaining('PDF 生成失败'),
    });
    await expect(docxToPdf(Buffer.from('x'), silent)).rejects.toMatchObject({ code: 'PDF_FAILED' });
    const working = standIn('working', `printf '%%PDF' > "$outdir/report.pdf"`);
    expect((await docxToPdf(Buffer.from('x'), working)).toString()).toBe('%PDF');
  });
});
