// Where the CPU time of a benchmark phase went: the whole machine (/proc/stat)
// and groups of processes (/proc/PID/stat), in CPU-seconds. Linux only;
// elsewhere the figures are NaN and the benchmark carries on.

import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** USER_HZ: the unit of /proc's CPU times; 100 on every Linux this runs on. */
const TICKS = 100;

/** CPU-seconds the machine spent busy (all CPUs together), and in all, since boot. */
function machineCpu(): { busy: number; total: number } {
  if (!existsSync('/proc/stat')) return { busy: NaN, total: NaN };
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0); // idle + iowait
  return { busy: (total - idle) / TICKS, total: total / TICKS };
}

/** CPU-seconds (user + system) a process has used so far; NaN when it is gone. */
function processCpu(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(after[11]) + Number(after[12])) / TICKS; // utime, stime
  } catch {
    return NaN;
  }
}

/** A process's command line; empty when it is gone. */
export function cmdline(pid: number | string): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}

/** Pids whose command line contains `text` (PostgreSQL names the database of each backend there). */
export function pidsWith(text: string): number[] {
  if (!existsSync('/proc')) return [];
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry) && cmdline(entry).includes(text))
    .map(Number);
}

export interface CpuShare {
  seconds: number;
  /** CPU-seconds by group, in the order given, then the benchmark client and everything else on the machine. */
  parts: Record<string, number>;
  machineBusy: number;
  machineCapacity: number;
}

/**
 * Starts counting; the returned function gives the CPU-seconds used since, per
 * group of processes. `groups` is asked at the start and at the end, so that
 * processes started meanwhile (database connections) count too; processes that
 * ended meanwhile are lost, and their share falls to "everything else".
 */
export function cpuMeter(groups: () => Record<string, (number | undefined)[]>): () => CpuShare {
  const started = performance.now();
  const machine = machineCpu();
  const self = process.cpuUsage();
  const before = new Map<number, number>();
  for (const pids of Object.values(groups())) for (const pid of pids) if (pid) before.set(pid, processCpu(pid));
  return () => {
    const now = machineCpu();
    const used = process.cpuUsage(self);
    const parts: Record<string, number> = {};
    for (const [name, pids] of Object.entries(groups())) {
      let sum = 0;
      for (const pid of new Set(pids)) {
        if (!pid) continue;
        const delta = processCpu(pid) - (before.get(pid) ?? 0);
        if (Number.isFinite(delta)) sum += delta;
      }
      parts[name] = sum;
    }
    parts['benchmark client'] = (used.user + used.system) / 1e6;
    const machineBusy = now.busy - machine.busy;
    parts['everything else on the machine'] = Math.max(0, machineBusy - Object.values(parts).reduce((a, b) => a + b, 0));
    return { seconds: (performance.now() - started) / 1000, parts, machineBusy, machineCapacity: now.total - machine.total };
  };
}
