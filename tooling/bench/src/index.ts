export { cpuMs } from './cpu-time.js';
export {
  type DelayProxy,
  type ProxyEvent,
  type ProxyStats,
  startDelayProxy,
} from './delay-proxy.js';
export { findGoCli, type GoCli, goCliSetup } from './go-cli.js';
export { type BenchNode, benchNodes } from './nodes.js';
export { medianPhases, type Phases, runTraced, type TracedRun } from './phases.js';
export { simulatorBehindPortal } from './portal.js';
export { demoEnv, mcpStartMs, runProcess, startSimulatorProcess } from './processes.js';
export { markdownTable, writeBenchmarkSection } from './report.js';
export { alternatingMedians, median, runConcurrently, time } from './timing.js';
