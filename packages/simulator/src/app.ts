import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { auditRejectedWrites } from './audit.js';
import type { Sim, SimEnv } from './context.js';
import { codeForStatus, notFound, SimError } from './errors.js';
import { faultInjection } from './faults.js';
import { apiGuard, readOnlyGuard } from './guard.js';
import { registerOAuthRoutes } from './oauth.js';
import { requestLog } from './request-log.js';
import { registerAdminRoutes } from './routes/admin.js';
import { AREA_ROUTES } from './routes/index.generated.js';
import { createSim } from './sim.js';
import type { SimulatorInstance, SimulatorOptions } from './types.js';

/** A simulator's Hono app, not listening, with the controls of a running simulator. */
export interface SimulatorApp extends SimulatorInstance {
  /** The Hono app; serve it yourself, or call `app.request(...)` in-process. */
  app: Hono<SimEnv>;
}

/**
 * Creates the simulator without listening. `startSimulator` serves this app with
 * @hono/node-server; use it directly to mount the API elsewhere. (Without a Node socket, `drop`
 * faults answer 503 instead of dropping.)
 */
export function createSimulatorApp(options: SimulatorOptions = {}): SimulatorApp {
  const sim = createSim(options);
  return {
    app: buildApp(sim),
    state: sim.state,
    clock: sim.clock,
    stats: sim.stats,
    faults: sim.faults,
    webhooks: sim.webhooks,
    generateBilling: () => sim.generateBilling(),
    reset: () => sim.reset(),
    revokeTokens: () => sim.tokens.revokeAll(),
    adminKey: sim.adminKey,
  };
}

/**
 * The middleware order matters: the log sees every final status; faults come before anything
 * else handles the request; the guard authenticates before rejected writes can be audited; the
 * body limit comes after the audit so an oversized write is audited too.
 */
function buildApp(sim: Sim): Hono<SimEnv> {
  const app = new Hono<SimEnv>();
  const origins = new Set([...sim.clients.values()].map((c) => c.origin));

  // The answer of a failed request, kept for the audit of rejected writes.
  const fail = (c: Context<SimEnv>, error: SimError) => {
    const body = error.toBody();
    c.set('apiError', body);
    return c.json(body, error.status as 400);
  };
  app.onError((err, c) => fail(c, asSimError(err)));
  app.notFound((c) =>
    fail(
      c,
      notFound(
        `No route for ${c.req.method} ${c.req.path}`,
        'See the operation catalog for the paths the API offers.',
      ),
    ),
  );

  app.use('*', requestLog(sim));
  app.use('/v1/*', async (c, next) => {
    c.set('pageSize', sim.pageSize);
    await next();
  });
  app.use(
    '/v1/*',
    cors({
      origin: (origin) => (origins.has(origin) ? origin : null),
      allowMethods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
      allowHeaders: ['Authorization', 'Content-Type'],
      exposeHeaders: ['Retry-After'],
      maxAge: 600,
    }),
  );
  app.use('*', faultInjection(sim));
  app.use('/v1/*', apiGuard(sim));
  app.use('/v1/*', auditRejectedWrites(sim));
  app.use('/v1/*', readOnlyGuard());
  app.use(
    '*',
    bodyLimit({
      maxSize: sim.maxBodyBytes,
      onError: () => {
        throw new SimError(
          413,
          'PayloadTooLarge',
          `The request body is larger than ${sim.maxBodyBytes} bytes`,
          'Send a smaller body; the simulator (like the portal) limits request bodies.',
        );
      },
    }),
  );

  registerOAuthRoutes(app, sim);
  for (const registerRoutes of AREA_ROUTES) registerRoutes(app, sim);
  if (sim.admin) registerAdminRoutes(app, sim);
  return app;
}

/** What a handler threw, as the API's error: Hono's keep their status, anything else is a 500. */
function asSimError(err: Error): SimError {
  if (err instanceof SimError) return err;
  if (err instanceof HTTPException) {
    const code = codeForStatus(err.status);
    return new SimError(err.status, code, err.message || code);
  }
  const what = 'The simulator failed to handle this request';
  return new SimError(500, 'InternalServerError', what, String(err.stack ?? err));
}
