import { describe, expect, it } from 'vitest';
import {
  type ConsentPageOptions,
  CSRF_FIELD,
  consentPage,
  type LoginPageOptions,
  loginPage,
  messagePage,
  PAGE_CSP,
  PAGE_CSP_SAME_ORIGIN_FORMS,
  TOOLSET_TEXT,
} from '../src/team/pages/index.js';
import catalogJson from '../src/tools/catalog.generated.json' with { type: 'json' };
import type { CatalogEntry } from '../src/tools/catalog.js';
import { TOOLSETS } from '../src/tools/types.js';

const HOSTILE = `<script>alert(1)</script>"'&`;
const HOSTILE_ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;';
const SECRET = 'S3cret-Portal-Pw!';

const login = (over: Partial<LoginPageOptions> = {}): LoginPageOptions => ({
  action: '/interaction/abc/login',
  csrf: 'csrf-token-1',
  client: { name: 'Claude', uri: 'https://claude.ai', id: 'client-1' },
  portal: 'https://portal.example.com/api',
  ...over,
});

const consent = (over: Partial<ConsentPageOptions> = {}): ConsentPageOptions => ({
  action: '/interaction/abc/confirm',
  csrf: 'csrf-token-2',
  client: { name: 'Claude', uri: 'https://claude.ai', id: 'client-1' },
  person: { name: 'Anna Svensson', username: 'anna@reseller.example' },
  toolsets: [
    { name: 'workflows', ...TOOLSET_TEXT.workflows, checked: true, writes: true },
    { name: 'reports', ...TOOLSET_TEXT.reports, checked: false, writes: false },
    { name: 'nodes', ...TOOLSET_TEXT.nodes, checked: true, writes: true },
  ],
  readOnly: false,
  resourceUrl: 'https://mcp.reseller.example/mcp',
  ...over,
});

/** Every page, built from hostile inputs wherever the options take outside text. */
function hostilePages(): Record<string, string> {
  const client = {
    name: HOSTILE,
    uri: `javascript:alert(1)//"><img src=x onerror=alert(1)>`,
    id: `id-${HOSTILE}`,
    logoUri: 'https://evil.example/logo.png',
  };
  return {
    login: loginPage(
      login({
        action: `/interaction/"><script>/login`,
        csrf: `"><script>alert(1)</script>`,
        client,
        username: `o"brien' <b>`,
        error: `<img src=x onerror=alert(1)> & "bad"`,
        retryAfterSeconds: 30,
      }),
    ),
    consent: consentPage(
      consent({
        csrf: `"'><script>`,
        client,
        person: { name: HOSTILE, username: `a"b'c<d>` },
        toolsets: [
          {
            name: `x" onclick="alert(1)`,
            title: HOSTILE,
            description: HOSTILE,
            checked: true,
            writes: true,
          },
        ],
        resourceUrl: `https://mcp.example/"><script>`,
      }),
    ),
    message: messagePage({ title: HOSTILE, message: `<a href="https://evil">x</a>` }),
  };
}

/** Every page, built from ordinary inputs. */
function ordinaryPages(): Record<string, string> {
  return {
    login: loginPage(login()),
    loginRetry: loginPage(
      login({ username: 'anna', error: 'Wrong username or password.', retryAfterSeconds: 90 }),
    ),
    consent: consentPage(consent()),
    messageInfo: messagePage({ title: 'Done', message: 'You can close this window.' }),
    messageError: messagePage({
      title: 'Sign-in expired',
      message: 'Start again from your assistant.',
      status: 'error',
    }),
  };
}

interface Tag {
  name: string;
  closing: boolean;
  attrs: Map<string, string>;
}

// A start or end tag with attributes whose values are quoted or bare: all these pages write.
const TAG =
  /<(\/?)([a-zA-Z][\w-]*)((?:\s+[^\s"'=<>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
const ATTR = /([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const VOID = new Set(['meta', 'input', 'img', 'br', 'hr', 'link']);

/**
 * A light parse: the doctype, then tags and text. Throws when a `<` or `>` is left in the text
 * (an escape was missed) or the tags do not nest.
 */
function parse(html: string): Tag[] {
  expect(html.startsWith('<!doctype html>\n')).toBe(true);
  const body = html.slice('<!doctype html>'.length);
  const tags: Tag[] = [];
  const text = body.replace(TAG, (_all, slash: string, name: string, rawAttrs: string) => {
    const attrs = new Map<string, string>();
    for (const m of rawAttrs.matchAll(ATTR)) {
      const key = m[1]!.toLowerCase();
      expect(attrs.has(key), `duplicate attribute ${key} on <${name}>`).toBe(false);
      attrs.set(key, m[2] ?? m[3] ?? m[4] ?? '');
    }
    tags.push({ name: name.toLowerCase(), closing: slash === '/', attrs });
    return ' ';
  });
  // The style sheet is raw text with `>` selectors: take it out before the text check.
  const style = /<style>[^<]*<\/style>/.exec(body);
  expect(style).not.toBeNull();
  expect(text.replace(style![0].slice(7, -8), '')).not.toMatch(/[<>]/);
  const open: string[] = [];
  for (const tag of tags) {
    if (VOID.has(tag.name)) continue;
    if (!tag.closing) open.push(tag.name);
    else expect(open.pop(), `</${tag.name}> closes the wrong element`).toBe(tag.name);
  }
  expect(open).toEqual([]);
  return tags;
}

const inputs = (tags: Tag[], name: string) =>
  tags.filter((t) => t.name === 'input' && t.attrs.get('name') === name);

describe('team pages: hostile input', () => {
  it('escapes the client name, its URLs and id, the username, the error and the person', () => {
    const pages = hostilePages();
    for (const [page, html] of Object.entries(pages)) {
      expect(html, page).not.toContain(HOSTILE);
      expect(html, page).not.toMatch(/<script/i);
      parse(html);
    }
    expect(pages.login).toContain(HOSTILE_ESCAPED);
    expect(pages.login).toContain('value="o&quot;brien&#39; &lt;b&gt;"');
    expect(pages.login).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;bad&quot;');
    expect(pages.consent).toContain(HOSTILE_ESCAPED);
    expect(pages.consent).toContain('a&quot;b&#39;c&lt;d&gt;');
    expect(pages.message).toContain(`<title>${HOSTILE_ESCAPED}</title>`);
  });

  it('keeps hostile values inside their attributes: no handler, no extra attribute', () => {
    for (const [page, html] of Object.entries(hostilePages())) {
      for (const tag of parse(html)) {
        for (const attr of tag.attrs.keys())
          expect(attr, `${page} <${tag.name}>`).not.toMatch(/^on/);
        expect(tag.name, page).not.toMatch(/^(script|iframe|object|embed|base|link)$/);
      }
    }
    const consentTags = parse(hostilePages().consent!);
    expect(inputs(consentTags, 'toolset')[0]!.attrs.get('value')).toBe(
      'x&quot; onclick=&quot;alert(1)',
    );
  });

  it('shows a client URL that is not a web address as text, never as a link', () => {
    const html = hostilePages().consent!;
    expect(html).toContain('not a web address');
    expect(html).not.toMatch(/href=/i);
    expect(html).not.toContain('evil.example/logo.png');
  });
});

describe('team pages: what they load and send', () => {
  it('load nothing from outside: no script, no handler, only data: images, no external style', () => {
    for (const [page, html] of Object.entries({ ...ordinaryPages(), ...hostilePages() })) {
      const tags = parse(html);
      expect(html, page).not.toMatch(/<script|<link|@import|url\(/i);
      for (const tag of tags) {
        for (const [attr, value] of tag.attrs) {
          expect(attr, page).not.toMatch(/^on/);
          if (attr === 'src' || attr === 'href' || attr === 'srcset')
            expect(value, `${page} <${tag.name} ${attr}>`).toMatch(/^data:image\/svg\+xml,/);
          expect(`${attr}=${value}`, page).not.toMatch(/^(src|href|action)=\s*(https?:)?\/\//i);
        }
      }
      expect(
        tags.filter((t) => t.name === 'style' && !t.closing),
        page,
      ).toHaveLength(1);
    }
  });

  it('every form posts to its action and carries the CSRF token', () => {
    const pages = ordinaryPages();
    for (const [page, html] of Object.entries(pages)) {
      const tags = parse(html);
      const forms = tags.filter((t) => t.name === 'form' && !t.closing);
      if (page.startsWith('message')) {
        expect(forms, page).toEqual([]);
        continue;
      }
      expect(forms, page).toHaveLength(1);
      expect(forms[0]!.attrs.get('method')).toBe('post');
      expect(forms[0]!.attrs.get('action')).toMatch(/^\/interaction\/abc\//);
      const csrf = inputs(tags, CSRF_FIELD);
      expect(csrf, page).toHaveLength(1);
      expect(csrf[0]!.attrs.get('type')).toBe('hidden');
      expect(csrf[0]!.attrs.get('value')).toMatch(/^csrf-token-\d$/);
    }
  });

  it('have a language, a viewport, a title and one main landmark', () => {
    for (const [page, html] of Object.entries(ordinaryPages())) {
      const tags = parse(html);
      expect(tags.find((t) => t.name === 'html')?.attrs.get('lang'), page).toBe('en');
      expect(
        tags.some((t) => t.name === 'meta' && t.attrs.get('name') === 'viewport'),
        page,
      ).toBe(true);
      expect(tags.filter((t) => t.name === 'main' && !t.closing)).toHaveLength(1);
      expect(tags.filter((t) => t.name === 'h1' && !t.closing)).toHaveLength(1);
    }
  });

  it('the policy allows no script, only inline style and data: images, and no framing', () => {
    for (const csp of [PAGE_CSP, PAGE_CSP_SAME_ORIGIN_FORMS]) {
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("style-src 'unsafe-inline'");
      expect(csp).toContain('img-src data:');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/script-src/);
    }
    // Chrome checks form-action against the redirect to the client that ends a sign-in.
    expect(PAGE_CSP).not.toContain('form-action');
    expect(PAGE_CSP_SAME_ORIGIN_FORMS).toContain("form-action 'self'");
  });
});

describe('loginPage', () => {
  it('never shows the password, even when the posted form is passed back whole', () => {
    const posted = { username: 'anna', password: SECRET, error: 'Wrong username or password.' };
    const html = loginPage({ ...login(), ...posted });
    expect(html).not.toContain(SECRET);
    const password = inputs(parse(html), 'password');
    expect(password).toHaveLength(1);
    expect(password[0]!.attrs.get('type')).toBe('password');
    expect(password[0]!.attrs.has('value')).toBe(false);
    expect(password[0]!.attrs.get('autocomplete')).toBe('current-password');
  });

  it('names the portal host, refills the username, and labels both fields', () => {
    const html = loginPage(login({ username: 'anna' }));
    const tags = parse(html);
    expect(html).toContain('<title>Sign in to portal.example.com</title>');
    expect(html).toContain('https://portal.example.com');
    const username = inputs(tags, 'username')[0]!;
    expect(username.attrs.get('value')).toBe('anna');
    expect(username.attrs.get('autocomplete')).toBe('username');
    for (const id of ['username', 'password'])
      expect(tags.some((t) => t.name === 'label' && t.attrs.get('for') === id)).toBe(true);
  });

  it('signs in on Enter and cancels without script or validation', () => {
    const buttons = parse(loginPage(login())).filter((t) => t.name === 'button' && !t.closing);
    expect(buttons.map((b) => b.attrs.get('name') ?? null)).toEqual([null, 'cancel']);
    expect(buttons[1]!.attrs.get('value')).toBe('1');
    expect(buttons[1]!.attrs.has('formnovalidate')).toBe(true);
    expect(buttons.every((b) => b.attrs.get('type') === 'submit')).toBe(true);
  });

  it('shows the error in an alert and, when throttled, how long to wait', () => {
    expect(loginPage(login())).not.toContain('role="alert"');
    const html = loginPage(login({ error: 'Wrong username or password.', retryAfterSeconds: 90 }));
    expect(html).toMatch(/role="alert"><p>Wrong username or password\.<\/p><p>[^<]*2 minutes/);
    expect(loginPage(login({ retryAfterSeconds: 1 }))).toContain('wait 1 second before');
    expect(loginPage(login({ retryAfterSeconds: 29.2 }))).toContain('wait 30 seconds before');
  });

  it('shows the client id when the client gave no name', () => {
    const html = loginPage(login({ client: { id: 'dyn-42' } }));
    expect(html).toContain('The application <code>dyn-42</code>');
    expect(html).toContain('none given');
  });
});

describe('consentPage', () => {
  it('names the client, the person and where the client comes from', () => {
    const html = consentPage(
      consent({ client: { name: 'Claude', uri: 'https://claude.evil.example/x', id: 'c-9' } }),
    );
    expect(html).toContain(
      '<h1><strong>Claude</strong> wants to use the Cloutility portal as Anna Svensson</h1>',
    );
    expect(html).toContain('<strong>claude.evil.example</strong>');
    expect(html).toContain('<code>c-9</code>');
    expect(html).toContain('anna@reseller.example');
    expect(html).toContain('https://mcp.reseller.example/mcp');
  });

  it('shows a look-alike host in punycode and drops bidi controls from the name', () => {
    const html = consentPage(
      consent({ client: { name: '\u202Eedualc', uri: 'https://сlaude.ai', id: 'c-1' } }),
    );
    expect(html).toContain('xn--laude-0ye.ai');
    expect(html).not.toContain('\u202E');
  });

  it('ticks the toolsets and read-only as asked', () => {
    for (const readOnly of [false, true]) {
      const tags = parse(consentPage(consent({ readOnly })));
      const ticked = Object.fromEntries(
        inputs(tags, 'toolset').map((t) => [t.attrs.get('value'), t.attrs.has('checked')]),
      );
      expect(ticked).toEqual({ workflows: true, reports: false, nodes: true });
      const ro = inputs(tags, 'read_only');
      expect(ro).toHaveLength(1);
      expect(ro[0]!.attrs.get('value')).toBe('1');
      expect(ro[0]!.attrs.has('checked')).toBe(readOnly);
      for (const box of [...inputs(tags, 'toolset'), ...ro]) {
        expect(box.attrs.get('type')).toBe('checkbox');
        const id = box.attrs.get('id');
        expect(tags.some((t) => t.name === 'label' && t.attrs.get('for') === id)).toBe(true);
      }
    }
  });

  it('marks the toolsets that can make changes', () => {
    const html = consentPage(consent());
    expect(html.match(/can make changes/g)).toHaveLength(2);
  });

  it('offers Allow and Deny as submit buttons of one decision', () => {
    const buttons = parse(consentPage(consent())).filter((t) => t.name === 'button' && !t.closing);
    expect(buttons.map((b) => [b.attrs.get('name'), b.attrs.get('value')])).toEqual([
      ['decision', 'allow'],
      ['decision', 'deny'],
    ]);
  });
});

describe('messagePage', () => {
  it('announces an error as an alert and information as a status', () => {
    expect(ordinaryPages().messageError).toContain('role="alert"');
    expect(ordinaryPages().messageInfo).toContain('role="status"');
    expect(ordinaryPages().messageInfo).toContain('You can close this window.');
  });
});

describe('TOOLSET_TEXT', () => {
  const catalog = catalogJson as CatalogEntry[];
  // What a description says when a toolset has tools that change something.
  const CHANGES = /\b(create|change|delete|enroll|upload|set up)\b/i;

  it('describes every toolset, and says so exactly when its tools make changes', () => {
    expect(Object.keys(TOOLSET_TEXT).sort()).toEqual([...TOOLSETS].sort());
    for (const toolset of TOOLSETS) {
      const tools = catalog.filter((t) => t.toolset === toolset);
      expect(tools.length, toolset).toBeGreaterThan(0);
      const { title, description } = TOOLSET_TEXT[toolset];
      expect(title.length, toolset).toBeLessThanOrEqual(40);
      expect(description.length, toolset).toBeLessThanOrEqual(240);
      expect(CHANGES.test(description), toolset).toBe(tools.some((t) => t.writes));
    }
  });
});
