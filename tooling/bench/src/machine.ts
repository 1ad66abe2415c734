import { cpus, totalmem } from 'node:os';

/** The facts a benchmark result is meaningless without. */
export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  platform: string;
  date: string;
}

/** Reads the machine's CPU, cores, memory, Node version and today's date (UTC). */
export function machineInfo(now: Date = new Date()): MachineInfo {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() || 'unknown CPU',
    cores: list.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    date: now.toISOString().slice(0, 10),
  };
}

/** One line describing the machine, for the header of a benchmark section. */
export function describeMachine(info: MachineInfo = machineInfo()): string {
  return `${info.date}, ${info.cpu}, ${info.cores} cores, ${info.memoryGiB} GiB, Node ${info.node}, ${info.platform}`;
}
