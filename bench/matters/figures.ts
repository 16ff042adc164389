// What bench:matters reports of CPU: the processes it watches and the lines it writes.

import type { RunningProcess } from '../../scripts/lib/directus.ts';
import type { System } from '../../scripts/lib/system.ts';
import { cmdline, pidsWith, type CpuShare } from '../lib/cpu.ts';
import { round } from './settings.ts';

/** The processes whose CPU time a phase reports, by name (see cpuMeter). */
export type Processes = () => Record<string, (number | undefined)[]>;

/** A throwaway system's processes: Directus, its job worker (if one runs), PostgreSQL's connections to `database`, Redis. */
export function systemProcesses(system: System, database: string, worker: () => RunningProcess | null): Processes {
  return () => ({
    Directus: [system.directus.process.pid],
    'job worker': [worker()?.process.pid],
    'PostgreSQL (connections to this database)': pidsWith(database),
    // WAL writer, checkpointer, background writer: mostly this run's writes, but shared with every database on the server.
    'PostgreSQL background processes': ['walwriter', 'checkpointer', 'background writer'].flatMap((name) =>
      pidsWith(`postgres: `).filter((pid) => cmdline(pid).includes(name)),
    ),
    Redis: pidsWith('redis-server'),
  });
}

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
