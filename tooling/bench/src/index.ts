export { type DelayProxy, type ProxyStats, startDelayProxy } from './delay-proxy.js';
export { startTlsPortal, type TlsPortal } from './portal.js';
export {
  demoEnv,
  mcpStartMs,
  node24,
  type ProcessRun,
  runProcess,
  startSimulatorProcess,
} from './processes.js';
export { markdownTable, writeBenchmarkSection } from './report.js';
export { compareMedians, median, runConcurrently, time } from './timing.js';
