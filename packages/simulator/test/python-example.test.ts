import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCredentials, type RunningSimulator, startSimulator } from '../src/index.js';
import { json } from './helpers.js';

/**
 * The "Full Python Example Program" of the Cloutility REST guide, verbatim except for its four
 * constants and the API URL (which the guide says never to change: it points at a real portal).
 */
const PYTHON_EXAMPLE = `import requests

# Change these
USERNAME = "{username}"
PASSWORD = "{password}"
CLIENT_ID = "{clientId}"
CLIENT_ORIGIN = "{origin}"

# Don't change this
CLOUTILITY_API_URL = "{url}/v1/"

# Step 1: Get an access token
response = requests.post(
    url=CLOUTILITY_API_URL + "oauth",
    headers={
        "Origin": CLIENT_ORIGIN
    },
    data={
        "client_id": CLIENT_ID,
        "grant_type": "password",
        "username": USERNAME,
        "password": PASSWORD
    }
)

if response.status_code == 200:
    response_body = response.json()
    access_token = response_body["access_token"]
    refresh_token = response_body["refresh_token"]
    expires_in = response_body["expires_in"]
    print(f"Got access token! Expires in {expires_in} seconds.")
else:
    print("Authentication failed.")
    exit(1)

# Step 2: Make an API call
response = requests.get(
    url=CLOUTILITY_API_URL + "fullVersion",
    headers={
        "Authorization": "Bearer " + access_token,
        "Origin": CLIENT_ORIGIN
    }
)

if response.status_code == 200:
    print("API call successful!")
    print("API full version is:", response.json())
else:
    print("Failed to perform API call.")
    exit(1)

# Step 3: You can reuse the same access_token for about 5 minutes...
# If you need to renew the access token, check out step 4.
...

# Step 4: Refresh the access token by using refresh_token
response = requests.post(
    url=CLOUTILITY_API_URL + "oauth",
    headers={
        "Authorization": "Bearer " + access_token,
        "Origin": CLIENT_ORIGIN
    },
    data={
        "client_id": CLIENT_ID,
        "grant_type": "refresh_token",
        "refresh_token": refresh_token
    }
)

if response.status_code == 200:
    response_body = response.json()
    access_token = response_body["access_token"]  # New access token
    expires_in = response_body["expires_in"]
    print(f"Refreshed access token. Expires in {expires_in} seconds.")
else:
    print("Failed to refresh access token.")
    exit(1)
`;

const EXPECTED_OUTPUT = `Got access token! Expires in 299 seconds.
API call successful!
API full version is: 1.0.4480.0
Refreshed access token. Expires in 299 seconds.
`;

/**
 * The first Python 3 that has `requests`: the one on PATH (a pyenv or venv), else Debian's
 * (`python3-requests` installs for /usr/bin/python3, which PATH may shadow).
 */
function pythonWithRequests(): string | undefined {
  return ['python3', '/usr/bin/python3'].find((python) => {
    try {
      execFileSync(python, ['-c', 'import requests'], { stdio: 'ignore', timeout: 30_000 });
      return true;
    } catch {
      return false;
    }
  });
}
const python = pythonWithRequests();

describe("the guide's Python example", () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator();
  });
  afterAll(() => sim.stop());

  it('works when its exact requests are sent with fetch', async () => {
    const api = `${sim.url}/v1/`;
    // Step 1: requests sends a form body for data=...
    const step1 = await fetch(`${api}oauth`, {
      method: 'POST',
      headers: {
        Origin: demoCredentials.origin,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        client_id: demoCredentials.clientId,
        grant_type: 'password',
        username: demoCredentials.username,
        password: demoCredentials.password,
      }).toString(),
    });
    expect(step1.status).toBe(200);
    const { access_token, refresh_token, expires_in } = await json(step1);
    expect(expires_in).toBe(299);
    // Step 2
    const step2 = await fetch(`${api}fullVersion`, {
      headers: { Authorization: `Bearer ${access_token}`, Origin: demoCredentials.origin },
    });
    expect(step2.status).toBe(200);
    expect(await json(step2)).toBe('1.0.4480.0');
    // Step 4: the refresh carries the current bearer too
    const step4 = await fetch(`${api}oauth`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${access_token}`,
        Origin: demoCredentials.origin,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        client_id: demoCredentials.clientId,
        grant_type: 'refresh_token',
        refresh_token,
      }).toString(),
    });
    expect(step4.status).toBe(200);
    const refreshed = await json(step4);
    expect(refreshed.expires_in).toBe(299);
    expect(refreshed.access_token).not.toBe(access_token);
  });

  it.skipIf(!python)(
    `runs unchanged but for its constants under python3${python ? '' : ' (skipped: no python3 with requests; apt-get install python3-requests)'}`,
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'cloutapi-python-'));
      try {
        const file = join(dir, 'example.py');
        const program = Object.entries({ ...demoCredentials, url: sim.url }).reduce(
          (text, [key, value]) => text.replaceAll(`{${key}}`, value),
          PYTHON_EXAMPLE,
        );
        writeFileSync(file, program);
        // NO_PROXY: requests honours proxy variables, and loopback must not go through one.
        const { stdout } = await promisify(execFile)(python ?? 'python3', [file], {
          timeout: 60_000,
          env: { ...process.env, NO_PROXY: '127.0.0.1,localhost', no_proxy: '127.0.0.1,localhost' },
        });
        expect(stdout).toBe(EXPECTED_OUTPUT);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
