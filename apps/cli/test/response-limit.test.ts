import { describe, expect, it } from 'vitest';
import { GLOBAL_FLAG_LIST } from '../src/globals.js';
import { cli, tempDir } from './helpers.js';
import { useHostileServer } from './hostile.js';

/** A user whose signature is large: about 3000 bytes of JSON. */
const BIG_USER = { id: 1, name: 'ops', signature: 'x'.repeat(3000) };

/**
 * The advice of a body over the limit names a way the CLI's user can follow, and following it
 * works: `--max-response-bytes` (or `CLOUTAPI_MAX_RESPONSE_BYTES`) raises the limit.
 */
describe('a response body over the limit', () => {
  const server = useHostileServer((request) =>
    request.path === '/v1/me' ? { body: BIG_USER } : undefined,
  );
  const env = (extra: NodeJS.ProcessEnv = {}) => server.env(tempDir(), extra);

  it('says to run again with --max-response-bytes, a flag that exists', async () => {
    const run = await cli(['meta', 'me', '--json', '--max-response-bytes', '1000'], { env: env() });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('larger than the limit of 1000 bytes');
    expect(run.stderr).toMatch(
      /run it again with --max-response-bytes N \(or CLOUTAPI_MAX_RESPONSE_BYTES\)/,
    );
    // The SDK's option name is not the CLI's advice.
    expect(run.stderr).not.toContain('maxResponseBytes');
    expect(GLOBAL_FLAG_LIST.map((f) => f.flags)).toContain('--max-response-bytes <bytes>');
  });

  it('the same limit from CLOUTAPI_MAX_RESPONSE_BYTES gives the same advice', async () => {
    const run = await cli(['meta', 'me', '--json'], {
      env: env({ CLOUTAPI_MAX_RESPONSE_BYTES: '1000' }),
    });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain('--max-response-bytes N');
  });

  it('following the advice works: a raised limit reads the answer', async () => {
    const run = await cli(['meta', 'me', '--json', '--max-response-bytes', '100000'], {
      env: env({ CLOUTAPI_MAX_RESPONSE_BYTES: '1000' }),
    });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ id: 1, name: 'ops' });
  });

  it.each(['0', '-5', '1.5', 'lots', '1e3', '9007199254740993'])(
    'a malformed limit (%s) is a usage error naming the flag, and nothing is sent',
    async (value) => {
      const before = server.seen.length;
      const run = await cli(['meta', 'me', '--max-response-bytes', value], { env: env() });
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toMatch(
        /^error: --max-response-bytes \(or CLOUTAPI_MAX_RESPONSE_BYTES\) must be a whole number of bytes/,
      );
      expect(server.seen.length).toBe(before);
    },
  );
});
