import { inspect } from 'node:util';
import { createCloutility } from '@cloutapi/resources';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from './helpers.js';
import { useHostileServer } from './hostile.js';

const SENT = 'Sent-Node-Pass-4411';
const RECEIVED = 'Recv-Node-Pass-9902';

// A server that echoes node passwords back in prose, where no field name gives them away.
const hostile = useHostileServer(({ method, path, body }) => {
  if (method === 'POST' && path.endsWith('/node/password')) {
    const sent = (JSON.parse(body) as { tsmPassword?: string }).tsmPassword;
    return {
      status: 400,
      body: { code: 'WeakPassword', message: `the node password ${sent} is too weak`, status: 400 },
    };
  }
  if (method === 'GET' && path.startsWith('/v1/bunits/12/consumers/5/node')) {
    return { body: { id: 7, tsmName: 'WEB01', tsmPassword: RECEIVED } };
  }
  if (method === 'GET' && path.startsWith('/v1/bunits/12/consumers/6')) {
    return {
      status: 409,
      body: {
        code: 'Conflict',
        message: `node WEB01 (password ${RECEIVED}) is locked`,
        status: 409,
      },
    };
  }
  return undefined;
});
const dir = tempDir();

describe('node passwords (tsmPassword) are secrets', () => {
  it('one sent and echoed back in an error is not in the message, stderr or --debug', async () => {
    for (const debug of [[], ['--debug']]) {
      const run = await cli(
        [
          'nodes',
          'change-password',
          '--bunit',
          '12',
          '--consumer',
          '5',
          '--tsm-password',
          SENT,
          '--yes',
          ...debug,
        ],
        { env: hostile.env(`${dir}/a`) },
      );
      expect(run.code).not.toBe(0);
      expect(run.stderr).toContain('is too weak');
      // The impact shown first read the node (with its password): only its name is printed.
      expect(run.stderr).toContain(
        'Would set a new password for backup node WEB01 of consumer #5.',
      );
      for (const secret of [SENT, RECEIVED]) {
        expect(run.stderr).not.toContain(secret);
        expect(run.stdout).not.toContain(secret);
      }
    }
  });

  it('one received is redacted from a later error: message, inspect, JSON, stack', async () => {
    const clout = createCloutility({
      baseUrl: hostile.url(),
      clientId: 'hostile-client',
      origin: 'https://hostile.example',
      credentials: { username: 'operator', password: 'operator-password-0001' },
    });
    try {
      const node = await clout.nodes.get({ bunitId: 12, consumerId: 5 });
      expect(node.tsmPassword).toBe(RECEIVED);
      const error = await clout.consumers.get({ bunitId: 12, consumerId: 6 }).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(error?.message).toContain('is locked');
      for (const text of [
        String(error?.message),
        inspect(error),
        JSON.stringify(error),
        String(error?.stack),
      ]) {
        expect(text).not.toContain(RECEIVED);
      }
    } finally {
      await clout.client.close();
    }
  });
});

describe('error text', () => {
  it('the missing-settings message keeps its words: nothing there is a secret', async () => {
    const { CLOUTAPI_PASSWORD: _, ...env } = hostile.env(`${dir}/b`);
    const run = await cli(['consumers', 'list', '--bunit', '12'], { env, cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Set the password: CLOUTAPI_PASSWORD, "password:" in');
    expect(run.stderr).not.toContain('[REDACTED]');
  });
});
