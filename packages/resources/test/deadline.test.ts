import type { RunningSimulator } from '@cloutapi/simulator';
import { rejectionOf } from '@cloutapi/vitest-config';
import { afterEach, describe, expect, it } from 'vitest';
import { TimeoutError } from '../src/errors.js';
import { connect } from './support.js';

let sim: RunningSimulator | undefined;
afterEach(() => sim?.stop());

/** A facade whose API holds `meta.version` for an hour, each attempt allowed an hour too. */
async function stalled(deadlineMs?: number) {
  const connected = await connect(
    { faults: [{ path: '/v1/fullVersion', latencyMs: 3_600_000 }] },
    { timeoutMs: 3_600_000, ...(deadlineMs === undefined ? {} : { deadlineMs }) },
  );
  sim = connected.sim;
  return connected.clout;
}

describe('the total deadline of a call', () => {
  it("is the client's deadlineMs, retries included, not the attempts' timeouts", async () => {
    const clout = await stalled(300);
    const error = await rejectionOf<TimeoutError>(clout.meta.version());
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toContain('did not finish within the deadline of 300 ms');
  }, 20_000);

  it("is overridden by the call's own { deadlineMs }", async () => {
    const clout = await stalled();
    const error = await rejectionOf<TimeoutError>(clout.meta.version({}, { deadlineMs: 300 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toContain('did not finish within the deadline of 300 ms');
  }, 20_000);
});
