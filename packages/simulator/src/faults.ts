import type { Context, MiddlewareHandler } from 'hono';
import type { Sim, SimEnv } from './context.js';
import { codeForStatus, SimError } from './errors.js';
import { createRandom } from './random.js';
import { isAdminPath } from './route-template.js';
import type { FaultControl, FaultRule } from './types.js';

/** The fault rules plus the lookup the middleware uses. */
export interface FaultRegistry extends FaultControl {
  /**
   * The rule that applies to this request, if any: the first rule whose method and path match and
   * whose `rate` roll succeeds. Taking it counts one of its `times`.
   */
  take(method: string, path: string): FaultRule | undefined;
}

interface CompiledRule {
  rule: FaultRule;
  pattern: RegExp;
  remaining: number;
}

/**
 * Creates the registry. `rate` is rolled with a PRNG seeded from the simulator's seed, so a test
 * that sends the same requests in the same order sees the same failures.
 */
export function createFaultRegistry(seed: string, initial: FaultRule[] = []): FaultRegistry {
  let rules: CompiledRule[] = [];
  let counter = 0;
  const random = createRandom(`${seed}:faults`);
  const registry: FaultRegistry = {
    add(rule) {
      validateRule(rule);
      const id = rule.id ?? `fault-${++counter}`;
      const compiled: CompiledRule = {
        rule: { ...rule, id },
        pattern: compilePath(rule.path),
        remaining: rule.times ?? Number.POSITIVE_INFINITY,
      };
      const existing = rules.findIndex((r) => r.rule.id === id);
      if (existing >= 0) rules[existing] = compiled;
      else rules.push(compiled);
      return id;
    },
    remove(id) {
      rules = rules.filter((r) => r.rule.id !== id);
    },
    clear() {
      rules = [];
    },
    list: () =>
      rules.map((r) => ({
        ...r.rule,
        ...(Number.isFinite(r.remaining) ? { times: r.remaining } : {}),
      })),
    take(method, path) {
      const normalized = trimSlash(path);
      for (const entry of rules) {
        const { rule } = entry;
        if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) continue;
        if (!entry.pattern.test(normalized)) continue;
        if (rule.rate !== undefined && rule.rate < 1 && random.next() >= rule.rate) continue;
        entry.remaining--;
        if (entry.remaining <= 0) rules = rules.filter((r) => r !== entry);
        return rule;
      }
      return undefined;
    },
  };
  for (const rule of initial) registry.add(rule);
  return registry;
}

const MODES = new Set(['fail', 'apply-then-fail', 'drop', 'apply-then-drop']);

/** Throws a TypeError naming what is wrong with a rule (for the programmatic API and /_sim/). */
export function validateRule(rule: FaultRule): void {
  if (typeof rule !== 'object' || rule === null)
    throw new TypeError('A fault rule must be an object');
  if (typeof rule.path !== 'string' || rule.path === '') {
    throw new TypeError("A fault rule needs 'path': a route template, a concrete path or '*'");
  }
  if (
    rule.status !== undefined &&
    !(Number.isInteger(rule.status) && rule.status >= 200 && rule.status <= 599)
  ) {
    throw new TypeError(`Fault 'status' must be an HTTP status 200..599, got ${rule.status}`);
  }
  if (
    rule.rate !== undefined &&
    !(typeof rule.rate === 'number' && rule.rate >= 0 && rule.rate <= 1)
  ) {
    throw new TypeError(`Fault 'rate' must be a number from 0 to 1, got ${rule.rate}`);
  }
  if (rule.times !== undefined && !(Number.isInteger(rule.times) && rule.times > 0)) {
    throw new TypeError(`Fault 'times' must be a positive integer, got ${rule.times}`);
  }
  if (
    rule.latencyMs !== undefined &&
    !(typeof rule.latencyMs === 'number' && rule.latencyMs >= 0)
  ) {
    throw new TypeError(`Fault 'latencyMs' must be a non-negative number, got ${rule.latencyMs}`);
  }
  if (rule.mode !== undefined && !MODES.has(rule.mode)) {
    throw new TypeError(`Fault 'mode' must be one of ${[...MODES].join(', ')}, got ${rule.mode}`);
  }
  if (rule.headers !== undefined && (typeof rule.headers !== 'object' || rule.headers === null)) {
    throw new TypeError("Fault 'headers' must be an object of header names to values");
  }
}

/** `*` matches everything; `{name}` matches one path segment; everything else is literal. */
function compilePath(path: string): RegExp {
  if (path.trim() === '*') return /^/;
  const source = trimSlash(path.trim())
    .split(/(\{[^}/]*\})/)
    .map((part) =>
      /^\{[^}/]*\}$/.test(part) ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${source}$`, 'i');
}

const trimSlash = (path: string) => (path.length > 1 ? path.replace(/\/+$/, '') : path);

/**
 * Applies the fault rules to API requests (never to `/_sim/`). See {@link FaultRule} for the
 * modes. Dropping needs the Node socket; without one (an app driven by `app.request`) a drop
 * becomes a 503 answer.
 */
export function faultInjection(sim: Sim): MiddlewareHandler<SimEnv> {
  return async (c, next) => {
    if (isAdminPath(c.req.path)) return next();
    const rule = sim.faults.take(c.req.method, c.req.path);
    if (!rule) return next();
    if (rule.latencyMs) await new Promise((resolve) => setTimeout(resolve, rule.latencyMs));
    const mode = rule.mode ?? 'fail';
    if (mode === 'fail' && rule.status === undefined && rule.latencyMs !== undefined) {
      await next();
      for (const [name, value] of Object.entries(rule.headers ?? {}))
        c.res.headers.set(name, value);
      return;
    }
    if (mode === 'apply-then-fail' || mode === 'apply-then-drop') await next();
    if (mode === 'drop' || mode === 'apply-then-drop') {
      if (dropConnection(c)) {
        c.set('dropped', true);
        c.res = new Response(null, { status: 503 });
        return;
      }
    }
    c.res = faultResponse(rule);
  };
}

function faultResponse(rule: FaultRule): Response {
  const status = rule.status ?? 503;
  const error = new SimError(
    status,
    codeForStatus(status),
    `Injected fault '${rule.id}' (${status})`,
    `The simulator's fault rule '${rule.id}' for ${rule.method ?? 'any method'} ${rule.path} answered this request.`,
  );
  return new Response(JSON.stringify(error.toBody()), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...rule.headers },
  });
}

/** Destroys the request's socket so the client sees a network error; false without a socket. */
function dropConnection(c: Context<SimEnv>): boolean {
  const socket = c.env?.incoming?.socket;
  if (!socket) return false;
  socket.destroy();
  return true;
}
