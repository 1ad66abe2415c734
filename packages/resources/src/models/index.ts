/**
 * The zod response models of every Cloutility resource. Each schema is lenient (every field
 * optional, unknown fields kept) and its type of the same name comes from `z.infer`.
 */
export * from './actions.js';
export * from './audit.js';
export * from './billing.js';
export * from './bunits.js';
export * from './catalog.js';
export * from './common.js';
export * from './consumers.js';
export * from './filespaces.js';
export * from './jobs.js';
export * from './nodes.js';
export * from './reports.js';
export * from './servers.js';
export * from './timezones.js';
export * from './users.js';
