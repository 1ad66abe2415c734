import { describe, expect, it } from 'vitest';
import { fairUse } from '../src/team/fair-use.js';

/** The per-person cap on calls running at once (one instance, memory counters). */
describe('fair use: calls at once', () => {
  it('admits up to the cap per person, then says to wait; a release lets the next one in', async () => {
    const fair = fairUse({ perMinute: 1000, concurrent: 2 });
    const first = await fair.admit('ann');
    const second = await fair.admit('ann');
    expect('release' in first && 'release' in second).toBe(true);
    const third = await fair.admit('ann');
    expect(third).toMatchObject({ retryAfterSeconds: 1 });
    expect('why' in third && third.why).toMatch(/2 requests running at once/);
    expect('release' in (await fair.admit('bob'))).toBe(true);
    if ('release' in first) {
      first.release();
      first.release(); // twice is once
    }
    expect('release' in (await fair.admit('ann'))).toBe(true);
    expect('why' in (await fair.admit('ann'))).toBe(true);
  });

  it("holds the cap when a person's calls arrive at the same moment", async () => {
    const fair = fairUse({ perMinute: 1000, concurrent: 1 });
    const answers = await Promise.all(Array.from({ length: 10 }, () => fair.admit('ann')));
    expect(answers.filter((a) => 'release' in a)).toHaveLength(1);
  });

  it('counts the rate per person: over it, the wait until the minute is up', async () => {
    const fair = fairUse({ perMinute: 2, concurrent: 10 });
    for (const _ of [1, 2]) {
      const ok = await fair.admit('ann');
      if ('release' in ok) ok.release();
    }
    const refused = await fair.admit('ann');
    expect('why' in refused && refused.why).toMatch(/more than 2 requests in a minute/);
    expect('retryAfterSeconds' in refused && refused.retryAfterSeconds).toBeGreaterThan(0);
  });
});
