// npm run keys:rotate — a new key for the personal numbers (国密 at rest), and every
// sealed value re-sealed under it, in batches; safe to stop and run again.
//
// With the key file (the default): a new key is put first in DATA_DIR/personal-data.keys,
// the old ones kept after it; running servers read the file again within a second.
// When every value is under the new key, the old keys are removed from the file. A
// file that already holds several keys is a rotation under way: it is finished, no
// new key is made.
// With PERSONAL_DATA_KEY set: put the new key there and the old one in
// PERSONAL_DATA_OLD_KEYS, restart, run this, then remove PERSONAL_DATA_OLD_KEYS.
//
// Exit 0 when every value is under the current key; 1 when some cannot be opened
// with any key given (they are named; the old keys stay in the file).

import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { personalDataEnv, readSettings } from '../directus.config.ts';
import { appendAudit } from '../extensions/kernel/audit.ts';
import { keyFileLines, personalVault } from '../extensions/kernel/personal-vault.ts';
import { SEALED_PERSONAL_FIELDS } from '../schema/collections/people.ts';
import { exitOnError } from './lib/cli.ts';
import { openDatabase } from './lib/database.ts';
import { resealAll } from './lib/key-rotation.ts';

/** Writes the key file whole or not at all (a crash never leaves half a key). */
function writeKeyFile(path: string, keys: string[]): void {
  writeFileSync(`${path}.new`, `${keys.join('\n')}\n`, { mode: 0o600 });
  renameSync(`${path}.new`, path);
}

await exitOnError(async () => {
  const settings = readSettings();
  const env = personalDataEnv(settings);
  const file = env.PERSONAL_DATA_KEY_FILE;
  if (file) {
    const lines = keyFileLines(readFileSync(file, 'utf8'));
    if (lines.length === 1) {
      writeKeyFile(file, [randomBytes(32).toString('base64url'), ...lines]);
      console.log('keys:rotate: 已生成新密钥 / new key written');
    } else {
      console.log(`keys:rotate: 继续未完成的轮换 / resuming a rotation (${lines.length} keys in the file)`);
    }
    // Running servers look at the key file once a second: nothing is sealed with a key they do not know yet.
    await sleep(2500);
  }
  const vault = personalVault(env, SEALED_PERSONAL_FIELDS);
  const db = openDatabase(settings);
  try {
    const started = Date.now();
    const report = await resealAll(db, vault, Number(process.env.KEYS_ROTATE_BATCH ?? 500));
    console.log(
      `keys:rotate: 重新加密 ${report.resealed} 条 / re-sealed ${report.resealed} rows in ${((Date.now() - started) / 1000).toFixed(1)} s; current key ${vault.keys()[0]!.id}`,
    );
    await appendAudit(db, {
      action: 'keys_rotated',
      outcome: report.remaining ? 'failure' : 'success',
      door: 'npm run keys:rotate',
      rowCount: report.resealed,
      detail: { key: vault.keys()[0]!.id, remaining: report.remaining, broken: report.broken.slice(0, 100) },
    });
    if (report.remaining) {
      console.error(
        `keys:rotate: ${report.remaining} 条仍未完成 / rows left${report.broken.length ? `, cannot be opened: ${report.broken.slice(0, 20).join(', ')}` : ''}; old keys kept, run again`,
      );
      process.exitCode = 1;
      return;
    }
    if (file) {
      writeKeyFile(file, keyFileLines(readFileSync(file, 'utf8')).slice(0, 1));
      console.log('keys:rotate: 轮换完成，旧密钥已删除 / rotation done, old keys removed from the key file');
    } else if (settings.personalData.oldKeys.length) {
      console.log('keys:rotate: 轮换完成 / rotation done: remove PERSONAL_DATA_OLD_KEYS and restart');
    }
  } finally {
    await db.destroy();
  }
});
