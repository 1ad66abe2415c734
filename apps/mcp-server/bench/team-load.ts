/**
 * The load of the team benchmark: signed-in people calling a tool through the load balancer,
 * each with several calls in flight, as MCP clients of 2025-06-18 call a stateless server (one
 * JSON-RPC POST per call, the bearer token on each, keep-alive connections: fetch's default).
 */
import { mcpCall } from '../test/team.js';

/** A signed-in person: the username they signed in as, and their access token. */
export interface SignedIn {
  username: string;
  token: string;
}

/** What a run of calls measured. */
export interface LoadResult {
  calls: number;
  ms: number;
  /** Each call's milliseconds, failed ones included. */
  latencies: Float64Array;
  /** Failed calls by what went wrong (status and message, shortened). */
  errors: Map<string, number>;
}

const TOOL = 'get_current_user';

/** One `tools/call` of {@link TOOL} as `person`; undefined when it answered them, else what failed. */
export async function callOnce(base: string, person: SignedIn): Promise<string | undefined> {
  let answer: Awaited<ReturnType<typeof mcpCall>>;
  try {
    answer = await mcpCall(base, person.token, 'tools/call', { name: TOOL, arguments: {} });
  } catch (error) {
    const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
    return `no answer: ${cause?.code ?? cause?.message ?? (error as Error).message}`;
  }
  const { status, body } = answer;
  if (status !== 200)
    return `HTTP ${status}: ${shorten(body.error?.message ?? 'no JSON-RPC error')}`;
  if (body.error) return `JSON-RPC ${body.error.code}: ${shorten(body.error.message)}`;
  const text: string = body.result?.content?.[0]?.text ?? '';
  if (body.result?.isError) return `tool error: ${shorten(text)}`;
  if (!body.result) return 'HTTP 200 without a JSON-RPC result';
  // The answer must be the caller's own portal user, never another person's.
  if (!text.includes(person.username)) return `answered as someone else: ${shorten(text)}`;
  return undefined;
}

/**
 * `calls` calls in all, `loops` in flight for each person at every moment (each loop calls again
 * as soon as its last call is answered), until `calls` have been made.
 */
export async function callLoad(
  base: string,
  people: readonly SignedIn[],
  loops: number,
  calls: number,
): Promise<LoadResult> {
  const latencies = new Float64Array(calls);
  const errors = new Map<string, number>();
  let next = 0;
  const loop = async (person: SignedIn) => {
    while (next < calls) {
      const index = next++;
      const started = performance.now();
      const failed = await callOnce(base, person);
      latencies[index] = performance.now() - started;
      if (failed) errors.set(failed, (errors.get(failed) ?? 0) + 1);
    }
  };
  const started = performance.now();
  await Promise.all(people.flatMap((person) => Array.from({ length: loops }, () => loop(person))));
  return { calls, ms: performance.now() - started, latencies, errors };
}

/** The `q` quantile (0..1) of the latencies, nearest rank. */
export function quantile(latencies: Float64Array, q: number): number {
  const sorted = Float64Array.from(latencies).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
}

/** Every failure once with its count, most frequent first. */
export const describeErrors = (errors: Map<string, number>) =>
  [...errors].sort((a, b) => b[1] - a[1]).map(([what, count]) => `${count} x ${what}`);

const shorten = (text: string) => (text.length > 160 ? `${text.slice(0, 160)}...` : text);
