// Word files as PDF, where LibreOffice is installed on the server (Debian:
// apt-get install libreoffice-writer-nogui): `soffice --headless --convert-to pdf`,
// one conversion at a time per process (each is a whole office suite starting up),
// with a profile of its own so that it never meets a person's LibreOffice or another
// process's. Without LibreOffice a PDF is refused with a message saying so; the Word
// file is always there. SOFFICE_PATH names the program when it is not on the PATH.

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createError } from '@directus/errors';

export const PDF = 'application/pdf';

export const PdfUnavailable = createError(
  'PDF_UNAVAILABLE',
  '服务器未安装 LibreOffice，不能生成 PDF：请下载 Word 文件，或请系统管理员安装 LibreOffice（Debian 软件包 libreoffice-writer-nogui）',
  501,
);
export const PdfFailed = createError<{ reason: string }>('PDF_FAILED', (e) => `PDF 生成失败（${e.reason}），请下载 Word 文件`, 500);

/** A conversion that takes longer than this has hung. */
const CONVERSION_TIMEOUT_MS = 120_000;

/** The LibreOffice program: SOFFICE_PATH, or soffice / libreoffice on the PATH; null when there is none. */
export function sofficePath(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.SOFFICE_PATH) return existsSync(env.SOFFICE_PATH) ? env.SOFFICE_PATH : null;
  const folders = [...(env.PATH ?? '').split(delimiter).filter(Boolean), '/usr/lib/libreoffice/program'];
  for (const folder of folders)
    for (const name of ['soffice', 'libreoffice']) {
      const path = join(folder, name);
      if (existsSync(path)) return path;
    }
  return null;
}

let queue: Promise<unknown> = Promise.resolve();
const profile = join(tmpdir(), `pukou-soffice-${process.pid}`);

/** The PDF of a Word file (.docx bytes). Throws PdfUnavailable without LibreOffice. */
export function docxToPdf(docx: Buffer, soffice = sofficePath()): Promise<Buffer> {
  if (!soffice) return Promise.reject(new PdfUnavailable());
  const turn = queue.then(() => convert(docx, soffice));
  queue = turn.catch(() => undefined);
  return turn;
}

async function convert(docx: Buffer, soffice: string): Promise<Buffer> {
  const folder = await mkdtemp(join(tmpdir(), 'pukou-pdf-'));
  try {
    const input = join(folder, 'report.docx');
    await writeFile(input, docx);
    const args = [
      '--headless',
      '--norestore',
      '--nolockcheck',
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      '--convert-to',
      'pdf',
      '--outdir',
      folder,
      input,
    ];
    await new Promise<void>((resolve, reject) =>
      execFile(soffice, args, { timeout: CONVERSION_TIMEOUT_MS, env: { ...process.env, HOME: profile } }, (error) =>
        error ? reject(error) : resolve(),
      ),
    );
    const output = join(folder, 'report.pdf');
    if (!existsSync(output)) throw new PdfFailed({ reason: 'LibreOffice 未输出文件' });
    return await readFile(output);
  } catch (error) {
    if (error instanceof PdfFailed) throw error;
    const killed = (error as { killed?: boolean }).killed;
    throw new PdfFailed({ reason: killed ? '超时' : 'LibreOffice 出错' });
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
