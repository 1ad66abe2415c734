/**
 * The people of the team benchmark sign in: the whole OAuth flow of an MCP client and a person's
 * browser (registration, authorize, the sign-in and consent pages, the code exchange), then one
 * call, so each person's first call is behind them before anything is measured.
 */
import { runConcurrently } from '@cloutapi/bench';
import { signIn } from '../test/oauth-client.js';
import { callOnce, type SignedIn } from './team-load.js';
import { benchPerson } from './team-portal.js';

/**
 * Signs people `from`..`from + count - 1` in through `base`, `signInConcurrency` at a time, each
 * making one call after; fails on the first sign-in or call that does not succeed.
 */
export async function signInPeople(
  base: string,
  from: number,
  count: number,
  options: { signInConcurrency: number },
): Promise<{ people: SignedIn[]; ms: number }> {
  const people: SignedIn[] = [];
  const started = performance.now();
  await runConcurrently(count, options.signInConcurrency, async (i) => {
    const person = benchPerson(from + i);
    // The default consent: workflows, consumers, reports and catalog (get_current_user's).
    const run = await signIn(base, person);
    if (run.tokens.status !== 200)
      throw new Error(`${person.username} got no token: ${JSON.stringify(run.tokens.body)}`);
    const signedIn = { username: person.username, token: run.tokens.body.access_token };
    const failed = await callOnce(base, signedIn);
    if (failed) throw new Error(`${person.username}'s first call failed: ${failed}`);
    people.push(signedIn);
  });
  return { people, ms: performance.now() - started };
}
