import { describe, expect, it } from 'vitest';
import { demoCredentials, startDemo } from '../src/index.js';
import { signIn } from './helpers.js';

describe('startDemo', () => {
  it('starts the seeded demo on loopback with its clock at `now`, and its credentials sign in', async () => {
    const demo = await startDemo({ now: '2026-01-15T08:00:00Z' });
    try {
      expect(demo.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(demo.credentials).toEqual(demoCredentials);
      // The clock runs from `now` (not frozen): a moment later it is still that morning.
      expect(demo.simulator.clock.now().toISOString()).toMatch(/^2026-01-15T08:0/);
      const token = await signIn(demo.simulator);
      const me = await fetch(`${demo.url}/v1/me`, {
        headers: {
          Authorization: `Bearer ${token.access_token}`,
          Origin: demo.credentials.origin,
        },
      });
      expect(me.status).toBe(200);
    } finally {
      await demo.stop();
    }
  });
});
