export { describeMachine, type MachineInfo, machineInfo } from './machine.js';
export { findRepoRoot, markdownTable, writeBenchmarkSection } from './report.js';
export { compareMedians, median, nowMs, runConcurrently, time } from './timing.js';
