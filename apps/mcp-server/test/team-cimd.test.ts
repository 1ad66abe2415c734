import { execFileSync } from 'node:child_process';
import type { LookupAddress } from 'node:dns';
import type { lookup as dnsLookup } from 'node:dns/promises';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { createServer as createTcpServer, isIP, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSecureContext } from 'node:tls';
import { demoCredentials, startSimulator } from '@cloutapi/simulator';
import { rejectionOf } from '@cloutapi/vitest-config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientIdUrlPolicy, pinnedFetch } from '../src/team/oauth/client-id-urls.js';
import { formOf, oauthClient, pkce } from './oauth-client.js';
import { mcpCall, startTeamInstance, type TeamInstance } from './team.js';

/**
 * Clients identified by a Client ID Metadata Document (draft-ietf-oauth-client-id-metadata-
 * document): the client_id is an https URL, and the team server fetches the client's metadata
 * from it instead of asking the client to register. The URL is chosen by whoever starts a
 * sign-in, so the server fetches only https URLs of hosts with public addresses (the draft's
 * Security Considerations on SSRF), unless the operator allows a host by name with
 * CLOUTAPI_MCP_CIMD_ALLOW_HOSTS (comma-separated `host` or `host:port`).
 *
 * The first two groups run in this process with a resolver given to the module (no real DNS).
 * The last starts the built team server (`pnpm build` first) with a metadata document served
 * over HTTPS on 127.0.0.1 by this test: a throwaway CA made with openssl and trusted by the
 * server through NODE_EXTRA_CA_CERTS, and `localhost:PORT` allowed by
 * CLOUTAPI_MCP_CIMD_ALLOW_HOSTS. It needs run.ts to read that variable and give the team server
 * `allowClientIdUrl: clientIdUrlPolicy({ allowPrivate })` and oidc-provider's `fetch:
 * pinnedFetch({ allowPrivate })`; without the fetch, oidc-provider's own guard refuses every
 * loopback address, allowed or not, and every end-to-end test fails with "fetch failed".
 */

/** A resolver from a table, keeping the names it was asked: what the policy would have sent to DNS. */
function resolver(table: Record<string, string[]>) {
  const asked: string[] = [];
  const lookup = async (host: string): Promise<LookupAddress[]> => {
    asked.push(host);
    const answer = table[host];
    if (!answer)
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return answer.map((address) => ({ address, family: isIP(address.replace(/%.*/, '')) }));
  };
  return { lookup: lookup as unknown as typeof dnsLookup, asked };
}

/** Addresses a client id URL must never lead the server to, one per range, and why. */
const PRIVATE: [string, string][] = [
  ['127.0.0.1', 'loopback'],
  ['127.255.255.254', 'loopback, the whole /8'],
  ['10.1.2.3', 'RFC 1918 10/8'],
  ['172.16.0.1', 'RFC 1918 172.16/12'],
  ['172.31.255.254', 'RFC 1918 172.16/12, its end'],
  ['192.168.1.1', 'RFC 1918 192.168/16'],
  ['169.254.169.254', 'link-local: the cloud metadata service'],
  ['169.254.0.1', 'link-local'],
  ['100.64.0.1', 'CGNAT 100.64/10'],
  ['100.127.255.254', 'CGNAT 100.64/10, its end'],
  ['0.0.0.0', 'this host'],
  ['0.1.2.3', '"this network" 0/8'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast (SSDP)'],
  ['240.0.0.1', 'reserved'],
  ['255.255.255.255', 'broadcast'],
  ['192.0.0.8', 'IETF protocol assignments'],
  ['192.0.2.1', 'documentation TEST-NET-1'],
  ['198.51.100.1', 'documentation TEST-NET-2'],
  ['203.0.113.1', 'documentation TEST-NET-3'],
  ['198.18.0.1', 'benchmarking'],
  ['::1', 'IPv6 loopback'],
  ['::', 'IPv6 unspecified'],
  ['fc00::1', 'unique-local fc00::/7'],
  ['fd12:3456:789a::1', 'unique-local fd00::/8'],
  ['fe80::1', 'IPv6 link-local'],
  ['fe80::1%eth0', 'IPv6 link-local with a zone'],
  ['fec0::1', 'IPv6 site-local (deprecated)'],
  ['ff02::1', 'IPv6 multicast'],
  ['100::1', 'IPv6 discard-only'],
  ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
  ['::ffff:7f00:1', 'IPv4-mapped loopback, in hex'],
  ['::ffff:169.254.169.254', 'IPv4-mapped metadata service'],
  ['::ffff:10.0.0.1', 'IPv4-mapped RFC 1918'],
  ['::127.0.0.1', 'IPv4-compatible (deprecated)'],
  ['64:ff9b::a9fe:a9fe', 'NAT64 of the metadata service'],
  ['64:ff9b:1::a00:1', 'NAT64 local-use'],
  ['2002:7f00:1::1', '6to4 of 127.0.0.1'],
  ['2001::1', 'Teredo'],
  ['2001:db8::1', 'IPv6 documentation'],
  ['3fff::1', 'IPv6 documentation (RFC 9637)'],
];

/** Public unicast addresses: fetched. */
const PUBLIC = [
  '93.184.215.14',
  '8.8.8.8',
  '11.0.0.1',
  '172.32.0.1',
  '100.128.0.1',
  '169.255.0.1',
  '2606:4700:4700::1111',
  '2a00:1450:4001::200e',
  '::ffff:8.8.8.8',
  '64:ff9b::808:808',
];

describe('which client id URLs are fetched (clientIdUrlPolicy, DNS given by the test)', () => {
  it.each(PRIVATE)('refuses a host resolving to %s (%s)', async (address) => {
    const { lookup } = resolver({ 'client.example': [address] });
    const allow = clientIdUrlPolicy({ lookup });
    expect(await allow(new URL('https://client.example/client.json'))).toBe(false);
  });

  it('fetches a host resolving only to public addresses, IPv4 and IPv6', async () => {
    for (const address of PUBLIC) {
      const { lookup } = resolver({ 'client.example': [address] });
      const allow = clientIdUrlPolicy({ lookup });
      expect(await allow(new URL('https://client.example/client.json')), address).toBe(true);
    }
  });

  it('refuses a host with one public and one private address (the fetch may connect to either)', async () => {
    for (const both of [
      ['93.184.215.14', '127.0.0.1'],
      ['10.0.0.1', '93.184.215.14'],
      ['2606:4700:4700::1111', 'fd00::1'],
    ]) {
      const { lookup } = resolver({ 'client.example': both });
      const allow = clientIdUrlPolicy({ lookup });
      expect(await allow(new URL('https://client.example/client.json')), both.join()).toBe(false);
    }
  });

  it('judges an address in the URL itself the same, without asking DNS, however it is written', async () => {
    const { lookup, asked } = resolver({});
    const allow = clientIdUrlPolicy({ lookup });
    for (const url of [
      'https://127.0.0.1/client.json',
      'https://2130706433/client.json', // 127.0.0.1 as one number
      'https://0x7f.1/client.json', // 127.0.0.1 in hex, short
      'https://169.254.169.254/latest/meta-data/',
      'https://[::1]/client.json',
      'https://[::ffff:127.0.0.1]/client.json',
      'https://[fd00::1]:8443/client.json',
    ])
      expect(await allow(new URL(url)), url).toBe(false);
    expect(await allow(new URL('https://93.184.215.14/client.json'))).toBe(true);
    expect(await allow(new URL('https://[2606:4700:4700::1111]/client.json'))).toBe(true);
    expect(asked).toEqual([]);
  });

  it('refuses a name that does not resolve, and anything but https without resolving it', async () => {
    const { lookup, asked } = resolver({ 'public.example': ['93.184.215.14'] });
    const allow = clientIdUrlPolicy({ lookup });
    expect(await allow(new URL('https://nowhere.example/client.json'))).toBe(false);
    expect(await allow(new URL('http://public.example/client.json'))).toBe(false);
    expect(asked).toEqual(['nowhere.example']);
  });

  it('allowPrivate: a name allows it on every port, name:port on that port only; DNS is not asked', async () => {
    const { lookup, asked } = resolver({ localhost: ['127.0.0.1', '::1'], 'intranet.corp': [] });
    const allow = clientIdUrlPolicy({
      lookup,
      allowPrivate: ['intranet.corp', ' LocalHost:8443 ', '[::1]:9443', '127.0.0.1:443'],
    });
    const allowed = async (url: string) => allow(new URL(url));
    expect(await allowed('https://intranet.corp/client.json')).toBe(true);
    expect(await allowed('https://intranet.corp:1234/client.json')).toBe(true);
    expect(await allowed('https://localhost:8443/client.json')).toBe(true);
    expect(await allowed('https://localhost.:8443/client.json')).toBe(true);
    expect(await allowed('https://[::1]:9443/client.json')).toBe(true);
    expect(await allowed('https://127.0.0.1/client.json')).toBe(true);
    expect(asked).toEqual([]);
    // Not the allowed port, or not the allowed spelling: judged by address, and refused.
    expect(await allowed('https://localhost/client.json')).toBe(false);
    expect(await allowed('https://localhost:9443/client.json')).toBe(false);
    expect(await allowed('https://127.0.0.1:8443/client.json')).toBe(false);
    expect(await allowed('https://[::1]/client.json')).toBe(false);
    // Still https only.
    expect(await allowed('http://intranet.corp/client.json')).toBe(false);
  });

  it('refuses, when made, an allowPrivate entry that is not a host or host:port', () => {
    for (const entry of [
      'https://localhost/',
      'localhost/client.json',
      'user@localhost',
      'localhost?x',
      'localhost:99999',
      '::1',
      '',
    ])
      expect(() => clientIdUrlPolicy({ allowPrivate: [entry] }), entry).toThrow(
        /is not a host or host:port/,
      );
  });
});

/** A throwaway CA and a certificate it signed for these names (openssl, as Debian ships it). */
function makeCertificates(dir: string, names: string[]) {
  const path = (name: string) => join(dir, name);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  const openssl = (args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  openssl([
    ...['req', '-x509', ...ec, '-days', '1', '-subj', '/CN=cloutapi test CA'],
    ...['-keyout', path('ca.key'), '-out', path('ca.pem')],
    ...['-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign'],
  ]);
  openssl([
    ...['req', '-new', ...ec, '-subj', '/CN=localhost'],
    ...['-keyout', path('key.pem'), '-out', path('server.csr')],
  ]);
  const san = names.map((n) => (isIP(n) ? `IP:${n}` : `DNS:${n}`)).join(',');
  writeFileSync(path('server.ext'), `subjectAltName=${san}\nextendedKeyUsage=serverAuth\n`);
  openssl([
    ...['x509', '-req', '-in', path('server.csr'), '-days', '1', '-set_serial', '2'],
    ...['-CA', path('ca.pem'), '-CAkey', path('ca.key'), '-extfile', path('server.ext')],
    ...['-out', path('cert.pem')],
  ]);
  return {
    ca: path('ca.pem'),
    key: readFileSync(path('key.pem')),
    cert: readFileSync(path('cert.pem')),
  };
}

const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const listen = async <S extends Server>(server: S) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
};
const close = (server: Server | undefined) =>
  new Promise<void>((resolve) => {
    if (!server?.listening) return resolve();
    (server as HttpsServer).closeAllConnections?.();
    server.close(() => resolve());
  });

describe.skipIf(!hasOpenssl)(
  'the fetch (pinnedFetch): the addresses it checked, and only those',
  () => {
    let dir: string;
    let tcp: Server;
    let tcpPort: number;
    let connections = 0;
    let tls: HttpsServer;
    let tlsPort: number;
    const sniSeen: string[] = [];
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'cloutapi-cimd-unit-'));
      // A certificate for pinned.test from a CA this process does not trust.
      const { key, cert } = makeCertificates(dir, ['pinned.test']);
      tcp = createTcpServer((socket) => {
        connections++;
        socket.destroy();
      });
      tcpPort = await listen(tcp);
      const context = createSecureContext({ key, cert });
      tls = createHttpsServer(
        {
          key,
          cert,
          SNICallback: (name, done) => {
            sniSeen.push(name);
            done(null, context);
          },
        },
        (_req, res) => res.end('{}'),
      );
      tlsPort = await listen(tls);
    });
    afterAll(async () => {
      await close(tcp);
      await close(tls);
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('refuses a name that was public when the policy asked and private when the fetch asks (DNS rebinding), connecting nowhere', async () => {
      const answers = [['93.184.215.14'], ['127.0.0.1']];
      const lookup = (async () =>
        (answers.shift() ?? ['127.0.0.1']).map((address) => ({
          address,
          family: 4,
        }))) as unknown as typeof dnsLookup;
      const url = `https://rebind.test:${tcpPort}/client.json`;
      expect(await clientIdUrlPolicy({ lookup })(new URL(url))).toBe(true);
      const refused = await rejectionOf(
        pinnedFetch({ lookup })(url, { signal: AbortSignal.timeout(2500) }),
      );
      expect(refused.message).toMatch(/resolves to 127\.0\.0\.1, which is not a public address/);
      expect(connections).toBe(0);
    });

    it('refuses http and a private address in the URL before connecting', async () => {
      const fetch = pinnedFetch({ lookup: resolver({}).lookup });
      expect((await rejectionOf(fetch(`http://127.0.0.1:${tcpPort}/client.json`))).message).toMatch(
        /only https/,
      );
      expect(
        (await rejectionOf(fetch(`https://127.0.0.1:${tcpPort}/client.json`))).message,
      ).toMatch(/not a public address/);
      expect(connections).toBe(0);
    });

    it('connects to the address it resolved (a name DNS does not know), names the host in TLS, and refuses a certificate it cannot verify', async () => {
      const { lookup } = resolver({ 'pinned.test': ['127.0.0.1'] });
      const fetch = pinnedFetch({ lookup, allowPrivate: [`pinned.test:${tlsPort}`] });
      const refused = await rejectionOf<Error & { code?: string }>(
        fetch(`https://pinned.test:${tlsPort}/client.json`, { signal: AbortSignal.timeout(2500) }),
      );
      // It reached this server (pinned.test exists only in the test's table), named it in SNI,
      // and refused its certificate: the CA is not one this process trusts.
      expect(sniSeen).toContain('pinned.test');
      expect(refused.code).toMatch(/UNABLE_TO_VERIFY|SELF_SIGNED|UNABLE_TO_GET_ISSUER/);
    });
  },
);

describe.skipIf(!hasOpenssl)(
  'a client identified by its metadata document, end to end (the built team server)',
  () => {
    const demo = { username: demoCredentials.username, password: demoCredentials.password };
    const redirectUri = 'http://127.0.0.1:9/callback';
    let dir: string;
    let documents: HttpsServer;
    let port: number;
    /** Every request the document server got: which Host it was asked as, and the path. */
    const fetched: string[] = [];
    let sim: Awaited<ReturnType<typeof startSimulator>>;
    let team: TeamInstance;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'cloutapi-cimd-'));
      const tls = makeCertificates(dir, ['localhost', '127.0.0.1']);
      // Each document names the URL it was fetched at (https://{Host}{path}), so it is valid under
      // whatever name the server used: a refusal below is for the reason the test says, not this.
      documents = createHttpsServer({ key: tls.key, cert: tls.cert }, (req, res) => {
        fetched.push(`${req.headers.host}${req.url}`);
        const self = `https://${req.headers.host}${req.url}`;
        const document = (fields: Record<string, unknown> = {}) =>
          JSON.stringify({
            client_id: self,
            client_name: 'CIMD test assistant',
            redirect_uris: [redirectUri],
            grant_types: ['authorization_code', 'refresh_token'],
            response_types: ['code'],
            token_endpoint_auth_method: 'none',
            ...fields,
          });
        res.setHeader('content-type', 'application/json');
        if (req.url === '/client.json') return res.end(document());
        if (req.url === '/mismatch.json')
          return res.end(document({ client_id: `https://${req.headers.host}/someone-else.json` }));
        if (req.url === '/big.json') {
          // Over oidc-provider's 5 KiB limit, sent chunked (no Content-Length): what is read is
          // capped, not only what is announced.
          const body = document({ client_name: `CIMD test assistant ${'x'.repeat(6 * 1024)}` });
          res.write(body.slice(0, 1024));
          return res.end(body.slice(1024));
        }
        res.statusCode = 404;
        res.end('{}');
      });
      port = await listen(documents);
      sim = await startSimulator();
      team = await startTeamInstance({
        portal: sim.url,
        env: {
          NODE_EXTRA_CA_CERTS: tls.ca,
          CLOUTAPI_MCP_CIMD_ALLOW_HOSTS: `localhost:${port}`,
        },
      });
    }, 60_000);
    afterAll(async () => {
      await team?.stop();
      await sim?.stop();
      await close(documents);
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    /** The authorization request of a client whose id is this URL (no registration). */
    const authorization = (clientId: string, overrides: Record<string, string> = {}) => {
      const { verifier, challenge } = pkce();
      const params = {
        response_type: 'code',
        client_id: clientId,
        redirect_uri: redirectUri,
        code_challenge: challenge,
        code_challenge_method: 'S256',
        scope: 'mcp',
        resource: `${team.url}/mcp`,
        state: 'cimd-state',
        ...overrides,
      };
      return { params, verifier };
    };

    it('signs in with client_id = the document URL, no registration, and calls a tool with the token', async () => {
      const clientId = `https://localhost:${port}/client.json`;
      const client = oauthClient(team.url);
      const { params, verifier } = authorization(clientId);
      let page = await client.follow(await client.authorize(params));
      const html = await page.text();
      // "fetch failed" here: the server does not fetch with pinnedFetch and the hosts of
      // CLOUTAPI_MCP_CIMD_ALLOW_HOSTS (see the top of this file), or does not trust the test's CA.
      expect(page.status, `the sign-in page, not: ${textOf(html)}`).toBe(200);
      // The sign-in page names the client from its document, and shows its id.
      expect(html).toContain('CIMD test assistant');
      expect(html).toContain(clientId);
      const login = formOf(html);
      page = await client.follow(await client.post(login.action, { csrf: login.csrf, ...demo }));
      const consent = formOf(await page.text());
      const back = await client.follow(
        await client.post(consent.action, {
          csrf: consent.csrf,
          toolset: ['workflows', 'consumers', 'reports', 'catalog'],
          decision: 'allow',
        }),
      );
      const callback = new URL(back.headers.get('location') ?? '');
      expect(`${callback.origin}${callback.pathname}`).toBe(redirectUri);
      expect(callback.searchParams.get('iss')).toBe(team.url);
      expect(callback.searchParams.get('state')).toBe('cimd-state');
      const tokens = await client.token({
        grant_type: 'authorization_code',
        code: callback.searchParams.get('code') ?? '',
        redirect_uri: redirectUri,
        client_id: clientId,
        code_verifier: verifier,
        resource: params.resource,
      });
      expect(tokens.status).toBe(200);
      expect(tokens.body).toMatchObject({ token_type: 'Bearer', scope: 'mcp' });
      const me = await mcpCall(team.url, tokens.body.access_token, 'tools/call', {
        name: 'get_current_user',
        arguments: {},
      });
      expect(me.status).toBe(200);
      expect(me.body.result.content[0].text).toContain(demo.username);
      // The server fetched the document, under the name the client id says.
      expect(fetched).toContain(`localhost:${port}/client.json`);
    });

    /** A page's words, without its markup: what a failed expectation shows. */
    const textOf = (html: string) =>
      html
        .replace(/<(style|script)[\s\S]*?<\/\1>/g, '')
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();

    /**
     * An authorization that must be refused without going back to the client: an error page
     * (400), no redirect to any redirect_uri, no cookie (no sign-in started), so nothing can be
     * issued. The page's text, for the reason.
     */
    const refused = async (params: Record<string, string>) => {
      const client = oauthClient(team.url);
      const answer = await client.authorize(params);
      const page = textOf(await answer.text());
      expect(answer.status, page).toBe(400);
      expect(answer.headers.get('location')).toBeNull();
      expect(answer.headers.getSetCookie()).toEqual([]);
      expect(page).toContain('Sign-in cannot go on');
      return page;
    };

    it('refuses a document whose client_id is not its own URL', async () => {
      const page = await refused(authorization(`https://localhost:${port}/mismatch.json`).params);
      expect(page).toContain('invalid_client_metadata');
      expect(page).toContain('client_id does not match');
      expect(fetched).toContain(`localhost:${port}/mismatch.json`);
    });

    it('refuses a redirect_uri the document does not list', async () => {
      const page = await refused(
        authorization(`https://localhost:${port}/client.json`, {
          redirect_uri: 'http://127.0.0.1:9/elsewhere',
        }).params,
      );
      expect(page).toContain('invalid_redirect_uri');
    });

    it('refuses a document over the size limit', async () => {
      const page = await refused(authorization(`https://localhost:${port}/big.json`).params);
      expect(page).toContain('invalid_client');
      expect(page).toContain('fetch failed');
      expect(fetched).toContain(`localhost:${port}/big.json`);
    });

    it('refuses, without fetching, a document on a host that is not allowed (loopback by another name or port)', async () => {
      for (const clientId of [
        `https://127.0.0.1:${port}/client.json`,
        `https://localhost:${port + 1}/client.json`,
      ]) {
        const page = await refused(authorization(clientId).params);
        expect(page).toContain('invalid_client');
        expect(page).toContain('fetch not allowed');
      }
      // The same server, the same document: never asked for it as 127.0.0.1.
      expect(fetched.filter((f) => f.startsWith('127.0.0.1'))).toEqual([]);
    });
  },
);
