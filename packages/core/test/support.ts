import {
  demoCredentials,
  type RunningSimulator,
  type SimulatorOptions,
  startSimulator,
} from '@cloutapi/simulator';
import { fetch as nodeFetch } from 'node-fetch-native/node';
import { afterEach } from 'vitest';
import {
  AuthenticationError,
  type AuthStrategy,
  type AuthStrategyContext,
  type ClientOptions,
  createClient,
} from '../src/index.js';

/**
 * The fetch under test: the runtime's own (the default), or node-fetch on Node's http module (what
 * the CLI passes), whose bodies are Node streams, when the `node-fetch` project runs these files
 * again with CLOUTAPI_TEST_FETCH=node-fetch.
 */
export const fetchUnderTest = (): typeof globalThis.fetch | undefined =>
  process.env.CLOUTAPI_TEST_FETCH === 'node-fetch'
    ? (nodeFetch as unknown as typeof globalThis.fetch)
    : undefined;

/** The simulator of the current test; stopped after each test. */
export const current: { sim: RunningSimulator } = { sim: undefined as unknown as RunningSimulator };

afterEach(async () => {
  await current.sim?.stop();
});

/** Starts a simulator for this test. */
export async function simulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  current.sim = await startSimulator({ seed: 'demo', ...options });
  return current.sim;
}

/**
 * The tests' own small auth strategy (core cannot depend on `@cloutapi/auth`, whose tests cover
 * the real token lifecycle): one password grant through core's request, shared until it is
 * invalidated, and one replay after a 401. A caller's signal stops its wait.
 */
export function signIn(
  options: AuthStrategyContext & { username: string; password: string },
): AuthStrategy {
  const { request, clientId, username, password } = options;
  let token: Promise<string> | undefined;
  const grant = () =>
    request<{ access_token: string }>({
      method: 'POST',
      path: '/v1/oauth',
      body: new URLSearchParams({
        grant_type: 'password',
        client_id: clientId,
        username,
        password,
      }),
      contentType: 'application/x-www-form-urlencoded',
      idempotent: true,
      retry: false,
      redirect: 'refuse',
    }).then(
      (answer) => answer.access_token,
      (error: unknown) => {
        token = undefined;
        throw error;
      },
    );
  const getToken: AuthStrategy['getToken'] = ({ signal } = {}) => {
    token ??= grant();
    if (!signal) return token;
    const stop = new Promise<never>((_, reject) => {
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
    return Promise.race([token, stop]);
  };
  const invalidate = () => {
    token = undefined;
  };
  const hook: AuthStrategy['hook'] = async (send, { signal } = {}) => {
    const first = await getToken({ signal });
    try {
      return await send(`Bearer ${first}`);
    } catch (error) {
      if (!(error instanceof AuthenticationError)) throw error;
      invalidate();
      return send(`Bearer ${await getToken({ signal })}`);
    }
  };
  return { getToken, invalidate, hook };
}

/** A client for the current simulator with fast retries, so tests stay quick. */
export function client(overrides: Partial<ClientOptions<typeof signIn>> = {}) {
  const fetch = fetchUnderTest();
  return createClient({
    baseUrl: current.sim.url,
    clientId: demoCredentials.clientId,
    origin: demoCredentials.origin,
    authStrategy: signIn,
    auth: { username: demoCredentials.username, password: demoCredentials.password },
    retry: { retries: 3, baseDelayMs: 10, maxDelayMs: 50 },
    ...(fetch ? { fetch } : {}),
    ...overrides,
  });
}

/** Where consumption units are listed and created. */
export const CONSUMERS = '/v1/bunits/{bunitId}/consumers';

/** The write most tests send: create the consumption unit `name` in unit `bunitId`. */
export const createConsumer = (bunitId: number, name: unknown) =>
  ({ method: 'POST', path: CONSUMERS, pathParams: { bunitId }, body: { name } }) as const;

/** Requests the simulator received for a route template (`GET /v1/fullVersion`). */
export function hits(route: string): number {
  return current.sim.stats.requests[route] ?? 0;
}

/** A demo simulator for this test, a client of it, and the home unit and a consumer it read. */
export async function demoClient(overrides: Partial<ClientOptions<typeof signIn>> = {}) {
  await simulator();
  const c = client(overrides);
  return { c, ...(await homeUnitAndConsumer(c)) };
}

/** The demo user's home unit and one of its consumers, read through the API. */
export async function homeUnitAndConsumer(c: ReturnType<typeof client>) {
  const me = await c.request<{ businessUnit: { id: number } }>({ method: 'GET', path: '/v1/me' });
  const bunitId = me.businessUnit.id;
  const tree = await c.request<{ id: number; businessUnits?: { id: number }[] }>({
    method: 'GET',
    path: '/v1/bunits',
  });
  // The seeded consumers live in the customer units below the home unit.
  for (const unit of [tree, ...(tree.businessUnits ?? [])]) {
    const consumers = await c.request<{ items: { id: number; name: string }[] }>({
      method: 'GET',
      path: '/v1/bunits/{bunitId}/consumers',
      pathParams: { bunitId: unit.id },
    });
    const consumer = consumers.items[0];
    if (consumer) return { homeId: bunitId, bunitId: unit.id, consumer };
  }
  throw new Error('the demo seed has no consumer');
}
