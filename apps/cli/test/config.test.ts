import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoCredentials } from '@cloutapi/simulator';
import { describe, expect, it } from 'vitest';
import { cli, cliJson, tempDir, useSimulator } from './helpers.js';

const { sim, env } = useSimulator();
const dir = tempDir();

/** A config file as the Go client reads it (same keys, a URL with /v1/). */
function goConfig(name: string, values: Record<string, string> = {}): string {
  const file = join(dir, name);
  const all = {
    url: `${sim().url}/v1/`,
    client_id: demoCredentials.clientId,
    client_origin: demoCredentials.origin,
    username: demoCredentials.username,
    password: demoCredentials.password,
    client_name: 'Go style',
    ...values,
  };
  writeFileSync(
    file,
    Object.entries(all)
      .map(([k, v]) => `${k}: "${v}"`)
      .join('\n'),
  );
  return file;
}

/** An environment with only the cache directory: settings come from the file. */
function fileOnly(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { CLOUTAPI_CACHE_DIR: env().CLOUTAPI_CACHE_DIR, ...extra };
}

type Check = { settings: Record<string, string>; homeUnit: { id: number }; apiVersion: string };

describe('configuration', () => {
  it('config check signs in and says where each setting came from, never the password', async () => {
    const result = await cli(['config', 'check'], { env: env() });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/url\s+http:\/\/127\.0\.0\.1:\d+ \(env\)/);
    expect(result.stdout).toMatch(/home unit\s+Example Reseller \(#10\)/);
    expect(result.stdout).toMatch(/API\s+1\.0\.4480\.0/);
    expect(result.stdout).not.toContain(demoCredentials.password);
    const json = await cliJson<Check>(['config', 'check'], { env: env() });
    expect(json.homeUnit.id).toBe(10);
    expect(JSON.stringify(json)).not.toContain(demoCredentials.password);
  });

  it('takes flags over CLOUTAPI_* over the YAML file', async () => {
    const file = goConfig('precedence.yaml', {
      username: 'file-user@example',
      client_id: 'file-client',
    });
    // File alone: every setting from the file, whose client id the server does not know.
    const fromFile = await cli(['config', 'check', '--config', file], { env: fileOnly() });
    expect(fromFile.code).toBe(3);
    expect(fromFile.stderr).toMatch(/client/i);
    // Environment over the file.
    const envOverFile = await cliJson<Check>(['config', 'check', '--config', file], {
      env: fileOnly({
        CLOUTAPI_CLIENT_ID: demoCredentials.clientId,
        CLOUTAPI_USERNAME: demoCredentials.username,
      }),
    });
    expect(envOverFile.settings.clientId).toMatch(/\(env\)$/);
    expect(envOverFile.settings.url).toMatch(/\(file: .*precedence\.yaml\)$/);
    // Flags over the environment.
    const flagOverEnv = await cliJson<Check>(
      [
        'config',
        'check',
        '--config',
        file,
        '--username',
        demoCredentials.username,
        '--client-id',
        demoCredentials.clientId,
      ],
      {
        env: fileOnly({ CLOUTAPI_CLIENT_ID: 'env-client', CLOUTAPI_USERNAME: 'env-user@example' }),
      },
    );
    expect(flagOverEnv.settings.username).toBe(`${demoCredentials.username} (flag)`);
    expect(flagOverEnv.settings.clientId).toBe(`${demoCredentials.clientId} (flag)`);
  });

  it('finds cloutility-api-client.yaml in the current directory, like the Go client', async () => {
    const cwd = join(dir, 'project');
    mkdirSync(cwd, { recursive: true });
    writeFileSync(
      join(cwd, 'cloutility-api-client.yaml'),
      `url: ${sim().url}\nclient_id: ${demoCredentials.clientId}\nclient_origin: ${demoCredentials.origin}\nusername: ${demoCredentials.username}\npassword: ${demoCredentials.password}\n`,
    );
    const result = await cli(['meta', 'version'], { env: fileOnly(), cwd });
    expect(result.stdout.trim()).toBe('1.0.4480.0');
  });

  it('a URL that is not one is a usage error naming --url (exit 2), before any connection', async () => {
    const result = await cli(['bunit', 'list', '--url', 'not a url'], { env: env() });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/Invalid option "url": expected an absolute http\(s\) URL/);
  });

  it('reports a --config file that does not exist (exit 2)', async () => {
    const result = await cli(['whoami', '--config', join(dir, 'nope.yaml')], { env: fileOnly() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/nope\.yaml does not exist/);
  });
});

describe('the Go CLI commands, with a Go-style config file', () => {
  it('bunit list, domain list, clientoptionset list and ostype list work unchanged', async () => {
    const file = goConfig('go.yaml');
    const [bunits, domains, sets, ostypes] = await Promise.all([
      cli(['bunit', 'list', '--config', file], { env: fileOnly() }),
      cli(['domain', 'list', '--config', file], { env: fileOnly() }),
      cli(['clientoptionset', 'list', '--config', file, '--bunit-id', '11'], { env: fileOnly() }),
      cli(['ostype', 'list', '--config', file], { env: fileOnly() }),
    ]);
    expect(bunits.code).toBe(0);
    expect(bunits.stdout).toMatch(/^ID\tName\t+Type\t+Group Name\n--\t/);
    expect(bunits.stdout).toMatch(/10\s+Example Reseller\s+Parent/);
    expect(bunits.stdout).toMatch(/11\s+Acme Corporation\s+Descendant/);
    expect(domains.stdout).toContain('STANDARD');
    expect(sets.stdout).toContain('DEFAULT');
    expect(ostypes.stdout).toContain('Linux');
  });

  it('consumer create, list and delete take the Go flags (--bunit-id, --name, --os-type, --id)', async () => {
    const file = goConfig('go-consumer.yaml');
    const e = fileOnly();
    const { consumer: created } = await cliJson<{ consumer: { id: number; name: string } }>(
      [
        'consumer',
        'create',
        '--config',
        file,
        '--bunit-id',
        '13',
        '--name',
        'go-node',
        '--os-type',
        '4',
        '--client-type',
        '1',
        '--contact',
        'ops',
      ],
      { env: e },
    );
    expect(created.name).toBe('go-node');
    const node = await cliJson<{ operatingSystem: { id: number } }>(
      ['nodes', 'get', '--config', file, '--bunit', '13', '--consumer', String(created.id)],
      { env: e },
    );
    expect(node.operatingSystem.id).toBe(4);
    const listed = await cli(['consumer', 'list', '--config', file, '--bunit-id', '13', '-q'], {
      env: e,
    });
    expect(listed.stdout.split('\n')).toContain(String(created.id));
    const deleted = await cli(
      ['consumer', 'delete', '--config', file, '--bunit-id', '13', '--id', String(created.id)],
      { env: e },
    );
    expect(deleted.code).toBe(0);
    const after = await cli(['consumer', 'list', '--config', file, '--bunit-id', '13', '-q'], {
      env: e,
    });
    expect(after.stdout.split('\n')).not.toContain(String(created.id));
  });

  it('consumer list without --bunit-id lists the home unit, as the Go CLI does', async () => {
    const result = await cliJson<{ items: unknown[] }>(
      ['consumer', 'list', '--config', goConfig('go-home.yaml')],
      {
        env: fileOnly(),
      },
    );
    expect(Array.isArray(result.items)).toBe(true);
  });

  it('consumer create without --name is a usage error', async () => {
    const result = await cli(['consumer', 'create', '--config', goConfig('go-noname.yaml')], {
      env: fileOnly(),
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--name/);
  });
});
