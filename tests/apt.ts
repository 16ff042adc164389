// Debian packages the tests need (Chromium, a Chinese font, LibreOffice), installed with
// apt when missing, as CI runs as root. The two test groups may both want some at once:
// apt and dpkg refuse a second run while one holds their locks, so each install waits
// its turn on one lock file of ours (flock); a package the other group installed
// meanwhile is then already there, and apt-get leaves it as it is.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { sofficePath } from '../extensions/kernel/pdf.ts';

const LOCK = '/tmp/pukou-apt.lock';

/** apt-get update and install of the packages (none: nothing), or an error saying what to install by hand. */
export function aptInstall(packages: string[], hint: string): void {
  if (packages.length === 0) return;
  const script = 'apt-get update && apt-get install -y --no-install-recommends "$@"';
  const r = spawnSync('flock', [LOCK, 'sh', '-c', script, 'apt-get', ...packages], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (r.status !== 0) throw new Error(`apt-get install ${packages.join(' ')} failed; ${hint}`);
}

export function hasChineseFont(): boolean {
  const r = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() !== '';
}

/** LibreOffice, for the reports' PDF, and a Chinese font for it to set them in; the program's path. */
export function ensureLibreOffice(): string {
  const missing = [...(sofficePath() ? [] : ['libreoffice-writer-nogui']), ...(hasChineseFont() ? [] : ['fonts-wqy-microhei'])];
  aptInstall(missing, 'install LibreOffice (Debian: apt-get install libreoffice-writer-nogui) or set SOFFICE_PATH');
  const path = sofficePath();
  if (!path) throw new Error('LibreOffice was installed but soffice is not on the PATH; set SOFFICE_PATH');
  return path;
}

/** pdftotext and pdffonts (poppler-utils), to read a PDF back in the tests; pdftotext's path. */
export function ensurePdfText(): string {
  const path = '/usr/bin/pdftotext';
  aptInstall(existsSync(path) ? [] : ['poppler-utils'], 'install poppler-utils (Debian: apt-get install poppler-utils)');
  return path;
}
