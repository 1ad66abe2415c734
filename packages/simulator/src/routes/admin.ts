import { timingSafeEqual } from 'node:crypto';
import type { Context, Hono } from 'hono';
import type { Sim, SimEnv } from '../context.js';
import { badRequest, notFound, unauthorized } from '../errors.js';
import { snapshotStats } from '../stats.js';
import type { FaultRule } from '../types.js';

/** The header that carries the admin key. */
export const ADMIN_KEY_HEADER = 'X-Sim-Admin-Key';

/**
 * The `/_sim/` admin API: reset, faults, stats, clock, webhooks, billing generation, token
 * revocation. Registered only when the simulator runs with `admin: true`; every call needs
 * `X-Sim-Admin-Key`, and an API bearer token never grants access. Bodies are plain JSON with the
 * exact property names below.
 */
export function registerAdminRoutes(app: Hono<SimEnv>, sim: Sim): void {
  app.use('/_sim/*', async (c, next) => {
    const given = c.req.header(ADMIN_KEY_HEADER) ?? '';
    if (!safeEqual(given, sim.adminKey)) {
      throw unauthorized(
        `The ${ADMIN_KEY_HEADER} header is missing or wrong`,
        'The admin key is printed by cloutapi-simulator --admin and is RunningSimulator.adminKey.',
      );
    }
    return next();
  });

  app.post('/_sim/reset', (c) => {
    sim.reset();
    return c.json({ reset: true, seed: sim.state.seed, seededAt: sim.state.seededAt });
  });

  app.get('/_sim/faults', (c) => c.json({ items: sim.faults.list() }));
  app.post('/_sim/faults', async (c) => {
    const rule = (await adminBody(c)) as unknown as FaultRule;
    try {
      return c.json({ id: sim.faults.add(rule) }, 201);
    } catch (err) {
      throw badRequest((err as Error).message);
    }
  });
  app.delete('/_sim/faults', (c) => {
    sim.faults.clear();
    return c.body(null, 204);
  });
  app.delete('/_sim/faults/:id', (c) => {
    const id = c.req.param('id');
    if (!sim.faults.list().some((r) => r.id === id)) throw notFound(`No fault rule has id '${id}'`);
    sim.faults.remove(id);
    return c.body(null, 204);
  });

  app.get('/_sim/stats', (c) => c.json(snapshotStats(sim.stats)));
  app.delete('/_sim/stats', (c) => {
    sim.stats.reset();
    return c.body(null, 204);
  });

  app.get('/_sim/clock', (c) => c.json({ now: sim.clock.now().toISOString() }));
  app.post('/_sim/clock/advance', async (c) => {
    const body = await adminBody(c);
    const ms =
      typeof body.ms === 'number'
        ? body.ms
        : typeof body.seconds === 'number'
          ? body.seconds * 1000
          : Number.NaN;
    if (!Number.isFinite(ms)) throw badRequest('Send {"ms": <number>} or {"seconds": <number>}');
    sim.clock.advance(ms);
    return c.json({ now: sim.clock.now().toISOString() });
  });
  app.post('/_sim/clock/set', async (c) => {
    const body = await adminBody(c);
    if (typeof body.now !== 'string' || Number.isNaN(Date.parse(body.now))) {
      throw badRequest('Send {"now": "<ISO 8601 date>"}');
    }
    sim.clock.set(body.now);
    return c.json({ now: sim.clock.now().toISOString() });
  });

  app.get('/_sim/webhooks', (c) => c.json({ urls: sim.webhooks.list() }));
  app.post('/_sim/webhooks', async (c) => {
    const body = await adminBody(c);
    try {
      sim.webhooks.register(String(body.url));
    } catch (err) {
      throw badRequest(
        `Not a usable webhook URL: ${(err as Error).message}`,
        'Send {"url": "http://host:port/path"}.',
      );
    }
    return c.json({ urls: sim.webhooks.list() }, 201);
  });

  app.post('/_sim/billing/generate', async (c) => {
    const deliveries = await sim.generateBilling();
    const billing = sim.state.billingData.at(-1);
    return c.json({ invoiceDate: billing?.invoiceDate, billingId: billing?.id, deliveries });
  });

  app.post('/_sim/tokens/revoke', (c) => {
    sim.tokens.revokeAll();
    return c.body(null, 204);
  });
}

async function adminBody(c: Context<SimEnv>): Promise<Record<string, unknown>> {
  try {
    const body = await c.req.json();
    if (typeof body === 'object' && body !== null && !Array.isArray(body))
      return body as Record<string, unknown>;
  } catch {
    // Reported below.
  }
  throw badRequest('The request body must be a JSON object');
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
