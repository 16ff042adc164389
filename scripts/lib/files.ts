// Listing files for our commands (the app's build stamp, backups).

import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Every file under a folder, at any depth (none when the folder does not exist), by path. */
export function filesUnder(root: string): string[] {
  if (!existsSync(root)) return [];
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) found.push(path);
    }
  };
  walk(root);
  return found.sort();
}
