/**
 * @cloutapi/simulator: a stateful, Cloutility-compatible HTTP server for tests, demos and
 * offline development. Start one with {@link startSimulator}.
 */
export { createSimulatorApp, type SimulatorApp } from './app.js';
export { createClock } from './clock.js';
export { demoCredentials, NO_REFRESH_CLIENT_ID, readOnlyCredentials } from './defaults.js';
export { type Demo, type DemoOptions, startDemo } from './demo.js';
export type { ApiErrorBody } from './errors.js';
export { ADMIN_KEY_HEADER } from './routes/admin.js';
export { FULL_VERSION } from './routes/meta.js';
export { startSimulator } from './server.js';
export { DEFAULT_MAX_BODY_BYTES, DEFAULT_TOKEN_TTL_SECONDS, SIM_NOW_ENV } from './sim.js';
export type * from './state/model.js';
export type {
  ClientRegistration,
  FaultControl,
  FaultMode,
  FaultRule,
  RequestLogEntry,
  RunningSimulator,
  SimulatorClock,
  SimulatorInstance,
  SimulatorOptions,
  SimulatorStats,
  UserRegistration,
  WebhookControl,
  WebhookDelivery,
} from './types.js';
