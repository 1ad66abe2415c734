// Generated from the files in src/operations/ by scripts/areas.ts. Do not edit: run `pnpm generate`.

/**
 * Every API area (operations/<area>.ts): the MCP toolset its tools are in, and a loader that
 * imports the area alone (one import() per area: bundlers keep each area apart, loaded when
 * first needed). Importing this module loads no area.
 */
export const AREAS = {
  audit: { toolset: 'audit', load: () => import('./audit.js') },
  billing: { toolset: 'billing', load: () => import('./billing.js') },
  bunits: { toolset: 'bunits', load: () => import('./bunits.js') },
  catalog: { toolset: 'catalog', load: () => import('./catalog.js') },
  consumers: { toolset: 'consumers', load: () => import('./consumers.js') },
  jobs: { toolset: 'jobs', load: () => import('./jobs.js') },
  meta: { toolset: 'catalog', load: () => import('./meta.js') },
  nodes: { toolset: 'nodes', load: () => import('./nodes.js') },
  proxies: { toolset: 'proxies', load: () => import('./proxies.js') },
  reports: { toolset: 'reports', load: () => import('./reports.js') },
  servers: { toolset: 'catalog', load: () => import('./servers.js') },
  timezones: { toolset: 'catalog', load: () => import('./timezones.js') },
} as const;
