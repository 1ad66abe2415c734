export { type DelayProxy, type ProxyStats, startDelayProxy } from './delay-proxy.js';
export { simulatorBehindPortal } from './portal.js';
export {
  demoEnv,
  mcpStartMs,
  node24,
  runProcess,
} from './processes.js';
export { markdownTable, writeBenchmarkSection } from './report.js';
export { alternatingMedians, median, runConcurrently, time } from './timing.js';
