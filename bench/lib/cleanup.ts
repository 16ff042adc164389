// Undo steps of a benchmark (stop the system, drop the database, remove the
// temporary folder), run last-in first-out at the end, on failure and on Ctrl-C.

import { existsSync, readdirSync, readFileSync } from 'node:fs';

const steps: (() => unknown)[] = [];

/** Registers an undo step; the last registered runs first. */
export function onCleanUp(step: () => unknown): void {
  steps.push(step);
}

export async function cleanUp(): Promise<void> {
  while (steps.length) {
    try {
      await steps.pop()!();
    } catch (error) {
      console.error('cleanup:', error);
    }
  }
}

/** This process's children: a Directus still starting is not among the undo steps yet. */
function childPids(): number[] {
  if (!existsSync('/proc')) return [];
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === process.pid;
      } catch {
        return false; // ended meanwhile
      }
    })
    .map(Number);
}

/** On SIGINT / SIGTERM: stop this process's children by their pid, run the undo steps, exit. */
function cleanUpOnSignals(): void {
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: cleaning up …`);
      for (const pid of childPids()) {
        try {
          process.kill(pid, 'SIGTERM');
        } catch {
          // ended meanwhile
        }
      }
      void cleanUp().finally(() => process.exit(code));
    });
  }
}

/** Runs a benchmark's main, reports a failure as exit code 1, and always undoes what it set up. */
export async function runBench(main: () => Promise<void>): Promise<void> {
  cleanUpOnSignals();
  try {
    await main();
  } catch (error) {
    console.error(error);
    process.exitCode = 1;
  } finally {
    await cleanUp();
  }
}
