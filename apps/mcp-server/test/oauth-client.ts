import { createHash, randomBytes } from 'node:crypto';

/**
 * A small OAuth client of the team server for tests, on fetch with a cookie jar: what an MCP
 * client and a person's browser do, step by step, so each step can also be done wrong on purpose.
 */
export function oauthClient(base: string) {
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const go = async (url: string, init: RequestInit = {}) =>
    keep(
      await fetch(new URL(url, base), {
        ...init,
        redirect: 'manual',
        headers: { cookie: cookie(), ...(init.headers as Record<string, string>) },
      }),
    );

  return {
    jar,
    go,
    async metadata() {
      return (await (
        await fetch(`${base}/.well-known/oauth-authorization-server`)
      ).json()) as Record<string, string>;
    },
    async register(redirectUri: string, extra: Record<string, unknown> = {}) {
      const response = await fetch(`${base}/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          redirect_uris: [redirectUri],
          client_name: 'Test assistant',
          grant_types: ['authorization_code', 'refresh_token'],
          response_types: ['code'],
          token_endpoint_auth_method: 'none',
          ...extra,
        }),
      });
      const body = (await response.json()) as Record<string, string>;
      if (!response.ok) throw new Error(`registration refused: ${JSON.stringify(body)}`);
      return body;
    },
    /** Starts an authorization; the interaction page's URL (or the error redirect). */
    async authorize(params: Record<string, string>) {
      const url = new URL('/authorize', base);
      for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
      return go(url.toString());
    },
    /** Follows redirects on this server until one leaves it (or a page is answered). */
    async follow(response: Response): Promise<Response> {
      let current = response;
      for (let i = 0; i < 10 && current.status >= 300 && current.status < 400; i++) {
        const location = current.headers.get('location') ?? '';
        if (!new URL(location, base).href.startsWith(base)) return current;
        current = await go(location);
      }
      return current;
    },
    async post(action: string, fields: Record<string, string | string[]>) {
      const form = new URLSearchParams();
      for (const [k, v] of Object.entries(fields))
        for (const one of [v].flat()) form.append(k, one);
      return go(action, {
        method: 'POST',
        body: form.toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    },
    async token(fields: Record<string, string>, headers: Record<string, string> = {}) {
      const response = await fetch(`${base}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams(fields).toString(),
      });
      return {
        status: response.status,
        body: (await response.json()) as Record<string, string> & {
          access_token: string;
          refresh_token: string;
        },
      };
    },
  };
}

/** A PKCE pair (S256). */
export function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** A form's action and CSRF token, read from a page. */
export function formOf(html: string) {
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1]?.replaceAll('&amp;', '&');
  const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!action || !csrf) throw new Error(`no form on the page: ${html.slice(0, 300)}`);
  return { action, csrf };
}

/**
 * A registered client's authorization request (code, PKCE S256, scope mcp, this server's MCP
 * endpoint as the resource), `overrides` changing any parameter; nothing sent but the
 * registration.
 */
export async function startAuthorization(base: string, overrides: Record<string, string> = {}) {
  const client = oauthClient(base);
  const redirectUri = 'http://127.0.0.1:9/callback';
  const registered = await client.register(redirectUri);
  const { verifier, challenge } = pkce();
  const params: Record<string, string> = {
    response_type: 'code',
    client_id: registered.client_id as string,
    redirect_uri: redirectUri,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    scope: 'mcp',
    resource: `${base}/mcp`,
    state: randomBytes(8).toString('hex'),
    ...overrides,
  };
  return { client, registered, redirectUri, verifier, params, resource: `${base}/mcp` };
}

/**
 * The whole authorization code flow as a person and their assistant do it: register, authorize,
 * sign in, consent, exchange the code. The tokens, and what the client saw on the way.
 */
export async function signIn(
  base: string,
  person: { username: string; password: string },
  consent: { toolsets?: string[]; readOnly?: boolean } = {},
) {
  const { client, registered, redirectUri, verifier, params, resource } =
    await startAuthorization(base);
  const state = params.state as string;
  let page = await client.follow(await client.authorize(params));
  const login = formOf(await page.text());
  page = await client.follow(
    await client.post(login.action, {
      csrf: login.csrf,
      username: person.username,
      password: person.password,
    }),
  );
  const consentForm = formOf(await page.text());
  const back = await client.follow(
    await client.post(consentForm.action, {
      csrf: consentForm.csrf,
      toolset: consent.toolsets ?? ['workflows', 'consumers', 'reports', 'catalog'],
      ...(consent.readOnly ? { read_only: '1' } : {}),
      decision: 'allow',
    }),
  );
  const callback = new URL(back.headers.get('location') ?? '');
  const code = callback.searchParams.get('code') ?? '';
  const tokens = await client.token({
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri,
    client_id: registered.client_id as string,
    code_verifier: verifier,
    resource,
  });
  return { client, registered, redirectUri, callback, code, verifier, state, tokens, resource };
}
