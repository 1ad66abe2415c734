// Generated from the files in src/routes/ by scripts/generated.ts. Do not edit: run `pnpm generate`.
import { registerRoutes as auditRoutes } from './audit.js';
import { registerRoutes as billingRoutes } from './billing.js';
import { registerRoutes as bunitsRoutes } from './bunits.js';
import { registerRoutes as catalogRoutes } from './catalog.js';
import { registerRoutes as consumersRoutes } from './consumers.js';
import { registerRoutes as jobsRoutes } from './jobs.js';
import { registerRoutes as metaRoutes } from './meta.js';
import { registerRoutes as nodesRoutes } from './nodes.js';
import { registerRoutes as proxiesRoutes } from './proxies.js';
import { registerRoutes as reportsRoutes } from './reports.js';
import { registerRoutes as serversRoutes } from './servers.js';
import { registerRoutes as timezonesRoutes } from './timezones.js';

/** Registers the routes of every API area (src/routes/<area>.ts), by file name. */
export const AREA_ROUTES = [
  auditRoutes,
  billingRoutes,
  bunitsRoutes,
  catalogRoutes,
  consumersRoutes,
  jobsRoutes,
  metaRoutes,
  nodesRoutes,
  proxiesRoutes,
  reportsRoutes,
  serversRoutes,
  timezonesRoutes,
] as const;
