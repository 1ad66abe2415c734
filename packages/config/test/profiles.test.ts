import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError, createCloutility } from '@cloutapi/resources';
import { type Demo, startDemo } from '@cloutapi/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONFIG_FILE_NAME,
  describeSettings,
  loadServedProfiles,
  loadSettings,
  profileOptions,
  readProfilesFile,
  removeProfile,
  runPasswordCommand,
  saveProfile,
} from '../src/index.js';

/** A home, a working folder and a settings folder of their own. */
function place() {
  const root = mkdtempSync(join(tmpdir(), 'cloutapi-profiles-'));
  const home = join(root, 'home');
  const cwd = join(root, 'work');
  const config = join(root, 'config');
  for (const dir of [home, cwd, config]) mkdirSync(dir, { mode: 0o700 });
  const file = join(config, 'cloutapi', 'profiles.yaml');
  const env: NodeJS.ProcessEnv = { XDG_CONFIG_HOME: config, PATH: process.env.PATH };
  const write = (text: string, mode = 0o600) => {
    mkdirSync(join(config, 'cloutapi'), { recursive: true, mode: 0o700 });
    writeFileSync(file, text);
    chmodSync(file, mode);
  };
  return { home, cwd, env, file, write };
}

const TWO = `# production and test
default: prod
profiles:
  prod:
    url: https://portal.example.net
    client_id: 0042
    client_origin: https://prod.example
    username: ops@example.net
    password: { command: "printf 'prod-secret\\nsecond line'" }
    read_only: true
  test:
    url: https://test-portal.example.net
    client_id: test-client
    client_origin: https://test.example
    username: tester
    password: { env: TEST_PORTAL_PASSWORD }
`;

describe('the profiles file', () => {
  it('reads named profiles, their password sources and the default', async () => {
    const p = place();
    p.write(TWO);
    const file = await readProfilesFile({ env: p.env, home: p.home });
    expect(file?.defaultName).toBe('prod');
    expect(file?.profiles.get('prod')).toMatchObject({
      url: 'https://portal.example.net',
      clientId: '0042',
      readOnly: true,
      password: { from: 'command', timeoutMs: 60_000 },
    });
    expect(file?.profiles.get('test')).toMatchObject({
      readOnly: false,
      password: { from: 'env', variable: 'TEST_PORTAL_PASSWORD' },
    });
  });

  it('names the missing field and the profile', async () => {
    const p = place();
    p.write(TWO.replace('    url: https://test-portal.example.net\n', ''));
    await expect(readProfilesFile({ env: p.env, home: p.home })).rejects.toThrow(
      /profile "test": missing url \(the portal API URL\)/,
    );
    p.write(TWO.replace('    password: { env: TEST_PORTAL_PASSWORD }\n', ''));
    await expect(readProfilesFile({ env: p.env, home: p.home })).rejects.toThrow(
      /profile "test": missing password \(where the password comes from: \{keychain: true\}/,
    );
    p.write(TWO.replace('{ env: TEST_PORTAL_PASSWORD }', '{ keychain: false }'));
    await expect(readProfilesFile({ env: p.env, home: p.home })).rejects.toThrow(
      /profile "test": password: expected where the password comes from/,
    );
    p.write(TWO.replace('  test:', '  "test portal":'));
    await expect(readProfilesFile({ env: p.env, home: p.home })).rejects.toThrow(
      /"test portal" is not a profile name: letters, digits/,
    );
    p.write(TWO.replace('username: tester', 'usernme: tester'));
    await expect(readProfilesFile({ env: p.env, home: p.home })).rejects.toThrow(
      /profile "test": .*(usernme|username)/,
    );
  });

  it('refuses a plain password that others can read, with the chmod to run', async () => {
    const p = place();
    const plain = TWO.replace('{ env: TEST_PORTAL_PASSWORD }', 'hunter2-plain');
    p.write(plain, 0o644);
    const refused = await readProfilesFile({ env: p.env, home: p.home }).catch((e: Error) => e);
    expect(refused).toBeInstanceOf(ConfigurationError);
    expect((refused as Error).message).toContain(`chmod 600 ${p.file}`);
    expect((refused as Error).message).not.toContain('hunter2-plain');
    p.write(plain, 0o600);
    const file = await readProfilesFile({ env: p.env, home: p.home });
    expect(file?.profiles.get('test')?.password).toEqual({
      from: 'file',
      password: 'hunter2-plain',
    });
  });

  it('refuses a file others may change (they could send the password elsewhere)', async () => {
    const p = place();
    p.write(TWO, 0o664);
    await expect(readProfilesFile({ env: p.env, home: p.home })).rejects.toThrow(
      /others may change .* run chmod 600/,
    );
  });

  it('lists the known profiles for an unknown name, and a default that is not one', async () => {
    const p = place();
    p.write(TWO);
    await expect(
      loadSettings({ env: { ...p.env, CLOUTAPI_PROFILE: 'staging' }, home: p.home, cwd: p.cwd }),
    ).rejects.toThrow(/no profile named "staging": the known profiles are "prod", "test"/);
    p.write(TWO.replace('default: prod', 'default: prd'));
    await expect(readProfilesFile({ env: p.env, home: p.home })).rejects.toThrow(
      /the default profile "prd" is not one of its profiles \("prod", "test"\)/,
    );
  });

  it('writes profiles private, keeping the others and the comments; removes one', async () => {
    const p = place();
    p.write(TWO);
    const saved = await saveProfile(
      {
        name: 'staging',
        url: 'https://staging.example.net',
        clientId: 'c',
        origin: 'https://staging.example',
        username: 'u',
        password: { from: 'keychain' },
        readOnly: false,
      },
      { env: p.env, home: p.home },
    );
    expect(saved).toEqual({ path: p.file, isDefault: false });
    expect(statSync(p.file).mode & 0o777).toBe(0o600);
    const text = readFileSync(p.file, 'utf8');
    expect(text).toContain('# production and test');
    expect(text).toMatch(/staging:\n\s+url: https:\/\/staging.example.net[\s\S]*keychain: true/);
    expect((await readProfilesFile({ env: p.env, home: p.home }))?.profiles.size).toBe(3);
    await removeProfile('prod', { env: p.env, home: p.home });
    const after = await readProfilesFile({ env: p.env, home: p.home });
    expect([...(after?.profiles.keys() ?? [])]).toEqual(['test', 'staging']);
    expect(after?.defaultName).toBeUndefined();
  });
});

describe('choosing a profile', () => {
  it('uses the named profile; a flag given with it wins for that run', async () => {
    const p = place();
    p.write(TWO);
    const s = await loadSettings({
      env: { ...p.env, CLOUTAPI_PROFILE: 'test' },
      home: p.home,
      cwd: p.cwd,
      flags: { username: 'someone-else' },
    });
    expect(s).toMatchObject({
      url: 'https://test-portal.example.net',
      username: 'someone-else',
      profile: { name: 'test', readOnly: false, passwordFrom: 'env TEST_PORTAL_PASSWORD' },
    });
    expect(s.sources).toMatchObject({ url: 'profile', username: 'flag', password: 'profile' });
    expect(describeSettings(s).password).toBe('[set] (profile test: env TEST_PORTAL_PASSWORD)');
  });

  it('uses the default profile when nothing is given, and the old settings when they are', async () => {
    const p = place();
    p.write(TWO);
    const byDefault = await loadSettings({ env: p.env, home: p.home, cwd: p.cwd });
    expect(byDefault.profile?.name).toBe('prod');
    // The Go client's file in the current folder, found by itself, gives way to the default profile.
    writeFileSync(
      join(p.cwd, CONFIG_FILE_NAME),
      'url: https://go.example\nclient_id: g\nclient_origin: https://go\nusername: g\npassword: g\n',
    );
    expect((await loadSettings({ env: p.env, home: p.home, cwd: p.cwd })).profile?.name).toBe(
      'prod',
    );
    // A setting given the old way means the old way: no profile.
    const old = await loadSettings({
      env: { ...p.env, CLOUTAPI_URL: 'https://env.example' },
      home: p.home,
      cwd: p.cwd,
    });
    expect(old).toMatchObject({ url: 'https://env.example', username: 'g' });
    expect(old.profile).toBeUndefined();
  });

  it('serves every profile to a server, the default first, or only those named', async () => {
    const p = place();
    p.write(TWO.replace('default: prod', 'default: test'));
    const all = await loadServedProfiles({ env: p.env, home: p.home, cwd: p.cwd });
    expect(all?.defaultName).toBe('test');
    expect([...(all?.settings.keys() ?? [])]).toEqual(['test', 'prod']);
    const named = await loadServedProfiles({
      env: p.env,
      home: p.home,
      cwd: p.cwd,
      names: ['prod'],
    });
    expect([...(named?.settings.keys() ?? [])]).toEqual(['prod']);
    await expect(
      loadServedProfiles({ env: p.env, home: p.home, cwd: p.cwd, names: ['nope'] }),
    ).rejects.toThrow(/no profile named "nope"/);
    expect(
      await loadServedProfiles({
        env: { ...p.env, CLOUTAPI_URL: 'https://env.example' },
        home: p.home,
        cwd: p.cwd,
      }),
    ).toBeUndefined();
  });
});

describe('password sources', () => {
  it("takes a command's first line", async () => {
    await expect(runPasswordCommand('p', "printf 'pw one\\nrest'", 5_000)).resolves.toBe('pw one');
  });

  it('says a command failed, without its output', async () => {
    const error = await runPasswordCommand(
      'prod',
      'echo leaked-stdout; echo leaked-stderr >&2; exit 3',
      5_000,
    ).catch((e: Error) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toContain(
      'profile "prod": its password command failed with exit code 3 (its output is not shown',
    );
    expect((error as Error).message).not.toMatch(/leaked/);
  });

  it('stops a command that hangs at its timeout, with what the shell started', async () => {
    const root = mkdtempSync(join(tmpdir(), 'cloutapi-hang-'));
    const marker = join(root, 'still-running');
    const error = await runPasswordCommand(
      'prod',
      `echo partial; (sleep 3; touch ${marker}) & wait`,
      300,
    ).catch((e: Error) => e);
    expect((error as Error).message).toMatch(
      /profile "prod": its password command timed out after 0.3 s \(its output is not shown/,
    );
    expect((error as Error).message).not.toContain('partial');
    // The group was stopped: the background job never gets to touch its marker.
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    expect(() => statSync(marker)).toThrow();
  });

  it('says a command printed nothing, or a variable is not set', async () => {
    await expect(runPasswordCommand('prod', 'true', 5_000)).rejects.toThrow(
      'profile "prod": its password command printed no password',
    );
    const p = place();
    p.write(TWO);
    const s = await loadSettings({ env: { ...p.env, CLOUTAPI_PROFILE: 'test' }, home: p.home });
    await expect((s.password as () => Promise<string>)()).rejects.toThrow(
      'profile "test": its password comes from TEST_PORTAL_PASSWORD, which is not set',
    );
  });
});

describe('profileOptions', () => {
  let demo: Demo;
  beforeAll(async () => {
    demo = await startDemo();
  });
  afterAll(async () => {
    await demo.stop();
  });

  it('signs a script in with a profile in one line, asking its password command once', async () => {
    const p = place();
    const { clientId, origin, username, password } = demo.credentials;
    const counter = join(p.home, 'asked');
    p.write(`default: demo
profiles:
  demo:
    url: ${demo.url}
    client_id: ${clientId}
    client_origin: ${origin}
    username: ${username}
    password: { command: "echo x >> ${counter}; printf '%s' '${password}'" }
`);
    const clout = createCloutility(await profileOptions('demo', { env: p.env, home: p.home }));
    // Nothing asked before a sign-in needs it.
    expect(() => statSync(counter)).toThrow();
    expect((await clout.meta.version()).length).toBeGreaterThan(0);
    await clout.meta.me();
    expect(readFileSync(counter, 'utf8')).toBe('x\n');
    await clout.client.close();
  });
});
