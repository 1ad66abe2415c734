export {
  type DelayProxy,
  type DelayProxyOptions,
  type ProxyStats,
  startDelayProxy,
} from './delay-proxy.js';
export { describeMachine, type MachineInfo, machineInfo } from './machine.js';
export { startTlsPortal, type TlsPortal } from './portal.js';
export { node24, type ProcessRun, runProcess } from './processes.js';
export { findRepoRoot, markdownTable, writeBenchmarkSection } from './report.js';
export { type SelfSigned, selfSignedCertificate } from './self-signed.js';
export { compareMedians, median, nowMs, runConcurrently, time } from './timing.js';
