import { afterAll, beforeAll } from 'vitest';
import {
  createClock,
  demoCredentials,
  type RunningSimulator,
  type SimulatorOptions,
  startSimulator,
} from '../src/index.js';

/** A fixed instant for tests that need exact dates. */
export const T0 = '2025-03-14T12:00:00.000Z';

/** Starts a simulator with a frozen clock at {@link T0} unless the options say otherwise. */
export function start(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  return startSimulator({ clock: createClock({ now: T0, frozen: true }), ...options });
}

/** Parsed JSON of an answer, loosely typed so tests can reach into it with expect(). */
// biome-ignore lint/suspicious/noExplicitAny: tests inspect answers field by field.
export type Json = any;

/** Reads a fetch response as {@link Json}. */
export const json = (res: Response): Promise<Json> => res.json();

/** A parsed HTTP answer. */
export interface Answer<T = Json> {
  status: number;
  headers: Headers;
  body: T;
}

/** POSTs a token request with the guide's form body. */
export async function tokenRequest(
  sim: Pick<RunningSimulator, 'url'>,
  fields: Record<string, string>,
  headers: Record<string, string> = { Origin: demoCredentials.origin },
): Promise<Answer> {
  const res = await fetch(`${sim.url}/v1/oauth`, {
    method: 'POST',
    headers,
    body: new URLSearchParams(fields),
  });
  return { status: res.status, headers: res.headers, body: await res.json() };
}

/** Signs in with the password grant and returns the token response. */
export async function signIn(
  sim: Pick<RunningSimulator, 'url'>,
  user: { username?: string; password?: string; clientId?: string } = {},
): Promise<{ access_token: string; refresh_token: string; expires_in: number }> {
  const res = await tokenRequest(sim, {
    client_id: user.clientId ?? demoCredentials.clientId,
    grant_type: 'password',
    username: user.username ?? demoCredentials.username,
    password: user.password ?? demoCredentials.password,
  });
  if (res.status !== 200)
    throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A tiny API client over plain fetch: Origin and bearer on every call, JSON in and out. */
export function client(
  sim: RunningSimulator,
  token: string,
  origin: string = demoCredentials.origin,
) {
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    extra: RequestInit = {},
  ): Promise<Answer> => {
    const headers: Record<string, string> = { Origin: origin, Authorization: `Bearer ${token}` };
    let payload: RequestInit['body'];
    if (typeof body === 'string') {
      headers['Content-Type'] = 'application/json';
      payload = body;
    } else if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await fetch(`${sim.url}${path}`, {
      method,
      ...extra,
      headers: { ...headers, ...(extra.headers as Record<string, string>) },
      body: payload ?? extra.body,
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  };
  return {
    get: (path: string, extra?: RequestInit) => call('GET', path, undefined, extra),
    post: (path: string, body?: unknown, extra?: RequestInit) => call('POST', path, body, extra),
    put: (path: string, body?: unknown) => call('PUT', path, body),
    del: (path: string) => call('DELETE', path),
    call,
  };
}

/** Starts a simulator and signs in as the demo user. */
export async function startSignedIn(options: SimulatorOptions = {}) {
  const sim = await start(options);
  const token = await signIn(sim);
  return { sim, token, api: client(sim, token.access_token) };
}

/** Ids in the demo seed, looked up by name so tests read as the data does. */
export function demo(sim: RunningSimulator) {
  const unit = (name: string) => {
    const found = sim.state.businessUnits.find((b) => b.name === name);
    if (!found) throw new Error(`no unit ${name}`);
    return found.id;
  };
  const consumer = (name: string) => {
    const found = sim.state.consumers.find((c) => c.name === name);
    if (!found) throw new Error(`no consumer ${name}`);
    return {
      id: found.id,
      unit: found.businessUnitId,
      path: `/v1/bunits/${found.businessUnitId}/consumers/${found.id}`,
    };
  };
  return { root: sim.state.rootBusinessUnitId, unit, consumer };
}

/** A deep copy of the parts of the state a rejected request must not touch. */
export function snapshot(sim: RunningSimulator) {
  const { auditLog: _audit, users: _users, nextId, ...rest } = sim.state;
  return structuredClone({ ...rest, nextId: { ...nextId, audit: 0 } });
}

/**
 * Starts a signed-in demo simulator before the suite and stops it after. The fields are filled
 * in `beforeAll`, so read them inside tests (`t.api.get(...)`), not at describe time.
 */
export function useSignedIn(options: SimulatorOptions = {}) {
  const suite = {} as Awaited<ReturnType<typeof startSignedIn>> & { ids: ReturnType<typeof demo> };
  beforeAll(async () => {
    Object.assign(suite, await startSignedIn(options));
    suite.ids = demo(suite.sim);
  });
  afterAll(() => suite.sim.stop());
  return suite;
}
