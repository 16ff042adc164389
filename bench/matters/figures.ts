// What bench:matters reports of CPU: the processes it watches and the lines it writes.

import type { CpuShare } from '../lib/cpu.ts';
import { round } from './settings.ts';

/** The processes whose CPU time a phase reports, by name (see cpuMeter). */
export type Processes = () => Record<string, (number | undefined)[]>;

export function cpuLine(cpu: CpuShare): string {
  const parts = Object.entries(cpu.parts).map(([name, s]) => `${name} ${round(s)} s`);
  return `CPU over ${round(cpu.seconds)} s: machine busy ${round(cpu.machineBusy)} of ${round(cpu.machineCapacity)} CPU-seconds (${round((100 * cpu.machineBusy) / cpu.machineCapacity, 0)} %); ${parts.join(', ')}.`;
}

/** CPU ms per item (report, request) of each group of processes, and of the system's processes and the client together. */
export function perItem(cpu: CpuShare, items: number): string {
  const own = cpu.machineBusy - (cpu.parts['everything else on the machine'] ?? 0);
  return `${Object.entries(cpu.parts)
    .map(([name, s]) => `${name} ${round((1000 * s) / Math.max(1, items), 2)}`)
    .join(', ')}; the system's processes and the client together ${round((1000 * own) / Math.max(1, items), 2)}`;
}
