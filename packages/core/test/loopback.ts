import type { ServerResponse } from 'node:http';
import { json, type Seen } from '@cloutapi/vitest-config/loopback';
import { type ClientOptions, createClient } from '../src/index.js';
import { fetchUnderTest, signIn } from './support.js';

export { json, recordingServer as server } from '@cloutapi/vitest-config/loopback';

/** Answers a password grant with a token; returns false for every other request. */
export function answerToken(req: Seen, res: ServerResponse): boolean {
  if (req.url !== '/v1/oauth') return false;
  json(res, 200, { access_token: 'loopback-access-token', expires_in: 299 });
  return true;
}

export const PASSWORD = 'loopback-portal-password';

/** A client of a loopback server, on the fetch under test, without retry delays. */
export function loopbackClient(
  baseUrl: string,
  overrides: Partial<ClientOptions<typeof signIn>> = {},
) {
  const fetch = fetchUnderTest();
  return createClient({
    baseUrl,
    clientId: 'client-1',
    origin: 'https://service.example.com',
    authStrategy: signIn,
    auth: { username: 'ops@example.net', password: PASSWORD },
    retry: { retries: 3, baseDelayMs: 10, maxDelayMs: 50 },
    ...(fetch ? { fetch } : {}),
    ...overrides,
  });
}
