// npm run audit:verify — checks the audit log's hash chain from the oldest row kept
// to the newest; names the first row that was changed, removed or slipped in.
// Exit 0 when the chain holds, 1 when it is broken. Prints the newest hash: kept
// elsewhere (a printout, another system), it also shows later that no newest rows
// were cut off.

import { readSettings } from '../directus.config.ts';
import { verifyAuditLog } from '../extensions/kernel/audit.ts';
import { exitOnError } from './lib/cli.ts';
import { openDatabase } from './lib/database.ts';

await exitOnError(async () => {
  const db = openDatabase(readSettings());
  try {
    const result = await verifyAuditLog(db);
    if (result.broken) {
      console.error(`audit:verify: 审计日志哈希链断裂 / chain broken at row ${result.broken.id}: ${result.broken.reason}`);
      console.error(`audit:verify: ${result.rows} rows before it hold; last good hash ${result.head}`);
      process.exitCode = 1;
    } else {
      console.log(`audit:verify: 审计日志完整 / chain holds: ${result.rows} rows, newest hash ${result.head}`);
    }
  } finally {
    await db.destroy();
  }
});
