// Generated from the files in src/operations/ by scripts/areas.ts. Do not edit: run `pnpm generate`.
// Every area module (operations/<area>.ts), for the typed `areas` of operations/index.ts.
export * as audit from './audit.js';
export * as billing from './billing.js';
export * as bunits from './bunits.js';
export * as catalog from './catalog.js';
export * as consumers from './consumers.js';
export * as jobs from './jobs.js';
export * as meta from './meta.js';
export * as nodes from './nodes.js';
export * as proxies from './proxies.js';
export * as reports from './reports.js';
export * as servers from './servers.js';
export * as timezones from './timezones.js';
