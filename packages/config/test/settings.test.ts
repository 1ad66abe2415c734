import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError, createCloutility } from '@cloutapi/resources';
import { startDemo } from '@cloutapi/simulator';
import { describe, expect, it } from 'vitest';
import {
  CONFIG_FILE_NAME,
  demoSettings,
  describeSettings,
  loadSettings,
  toCloutilityOptions,
} from '../src/index.js';

const GO_YAML = `url: https://portal-api.example.net
client_id: 0a1b2c3d-file
username: file-user@example.net
password: file-password
client_name: My Go client
client_origin: https://file.example
`;

function dirs() {
  const root = mkdtempSync(join(tmpdir(), 'cloutapi-config-'));
  const cwd = join(root, 'work');
  const home = join(root, 'home');
  mkdirSync(cwd);
  mkdirSync(home);
  return { cwd, home };
}

describe('loadSettings', () => {
  it("reads the Go client's YAML file from the current directory", async () => {
    const { cwd, home } = dirs();
    writeFileSync(join(cwd, CONFIG_FILE_NAME), GO_YAML);
    const s = await loadSettings({ cwd, home, env: {} });
    expect(s).toMatchObject({
      url: 'https://portal-api.example.net',
      clientId: '0a1b2c3d-file',
      origin: 'https://file.example',
      username: 'file-user@example.net',
      password: 'file-password',
      clientName: 'My Go client',
      configFile: join(cwd, CONFIG_FILE_NAME),
    });
    expect(new Set(Object.values(s.sources))).toEqual(new Set(['file']));
  });

  it('reads numeric values as written: password: 12345678 is a password, not missing', async () => {
    const { cwd, home } = dirs();
    writeFileSync(
      join(cwd, CONFIG_FILE_NAME),
      'url: https://portal-api.example.net\nclient_id: 0042\nusername: 1001\npassword: 12345678\nclient_origin: https://file.example\nclient_name: 3.10\n',
    );
    const s = await loadSettings({ cwd, home, env: {} });
    expect(s).toMatchObject({
      clientId: '0042',
      username: '1001',
      password: '12345678',
      clientName: '3.10',
    });
  });

  it('falls back to the home directory, and --config points anywhere', async () => {
    const { cwd, home } = dirs();
    writeFileSync(join(home, CONFIG_FILE_NAME), GO_YAML);
    expect((await loadSettings({ cwd, home, env: {} })).configFile).toBe(
      join(home, CONFIG_FILE_NAME),
    );
    writeFileSync(join(cwd, 'other.yaml'), GO_YAML.replace('file-user', 'other-user'));
    expect((await loadSettings({ cwd, home, env: {}, configPath: 'other.yaml' })).username).toBe(
      'other-user@example.net',
    );
    expect(
      (await loadSettings({ cwd, home, env: { CLOUTAPI_CONFIG: join(cwd, 'other.yaml') } }))
        .username,
    ).toBe('other-user@example.net');
  });

  it('precedence: flags over CLOUTAPI_* variables over the file', async () => {
    const { cwd, home } = dirs();
    writeFileSync(join(cwd, CONFIG_FILE_NAME), GO_YAML);
    const s = await loadSettings({
      cwd,
      home,
      env: {
        CLOUTAPI_USERNAME: 'env-user',
        CLOUTAPI_PASSWORD: 'env-password',
        CLOUTAPI_URL: 'https://env.example',
      },
      flags: { url: 'https://flag.example' },
    });
    expect(s).toMatchObject({
      url: 'https://flag.example',
      username: 'env-user',
      password: 'env-password',
      clientId: '0a1b2c3d-file',
    });
    expect(s.sources).toEqual({
      url: 'flag',
      clientId: 'file',
      origin: 'file',
      username: 'env',
      password: 'env',
    });
    const shown = JSON.stringify(describeSettings(s));
    expect(shown).not.toContain('env-password');
    expect(shown).toContain('(flag)');
  });

  it('names every missing setting and where to set it', async () => {
    const { cwd, home } = dirs();
    let error: unknown;
    try {
      await loadSettings({ cwd, home, env: { CLOUTAPI_URL: 'https://x.example' } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    const message = (error as Error).message;
    expect(message).toContain(
      'missing the client id, the client origin, the username, the password',
    );
    expect(message).toContain('CLOUTAPI_CLIENT_ID');
    expect(message).toContain('"client_origin:" in cloutility-api-client.yaml');
    expect(message).toContain('--demo');
    expect(message).toContain('or --client-id');
  });

  it('names no CLI flags for an app that has none (flagHints: false)', async () => {
    const { cwd, home } = dirs();
    await expect(loadSettings({ cwd, home, env: {}, flagHints: false })).rejects.toThrow(
      /the portal API URL: CLOUTAPI_URL or "url:" in cloutility-api-client\.yaml; /,
    );
    try {
      await loadSettings({ cwd, home, env: {}, flagHints: false });
    } catch (e) {
      expect((e as Error).message).not.toMatch(/--url|--client-id|--origin|--username|--password/);
    }
  });

  it('rejects a missing --config file and invalid YAML', async () => {
    const { cwd, home } = dirs();
    await expect(loadSettings({ cwd, home, env: {}, configPath: 'nope.yaml' })).rejects.toThrow(
      /does not exist/,
    );
    writeFileSync(join(cwd, CONFIG_FILE_NAME), 'url: [unclosed');
    await expect(loadSettings({ cwd, home, env: {} })).rejects.toThrow(/is not valid YAML/);
    writeFileSync(join(cwd, CONFIG_FILE_NAME), '- a list');
    await expect(loadSettings({ cwd, home, env: {} })).rejects.toThrow(/must be a YAML mapping/);
  });
});

describe('demoSettings', () => {
  it('gives settings that reach a demo simulator, each from the demo', async () => {
    const demo = await startDemo();
    try {
      const settings = demoSettings(demo);
      expect(Object.values(settings.sources)).toEqual(['demo', 'demo', 'demo', 'demo', 'demo']);
      const clout = createCloutility(toCloutilityOptions(settings));
      expect(await clout.meta.version()).toBe('1.0.4480.0');
      expect(settings.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      await clout.client.close();
    } finally {
      await demo.stop();
    }
  });
});
