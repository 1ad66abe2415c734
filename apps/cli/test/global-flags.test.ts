import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  GLOBAL_FILE_FLAGS,
  GLOBAL_FLAG_LIST,
  GLOBAL_FLAGS,
  GLOBAL_VALUE_FLAGS,
  type GlobalOptions,
  globalOptionsOf,
} from '../src/globals.js';
import { firstCommand } from '../src/scan.js';
import { cli } from './helpers.js';

/** Each flag's long spelling: `--url`, `--quiet`, `--no-cache`. */
const longOf = (flags: string) => /--[\w-]+/.exec(flags)?.[0] as string;

describe('the global flags are declared once (GLOBAL_FLAG_LIST)', () => {
  it("the README's options table is the declaration, row by row", () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const table = readme.slice(
      readme.indexOf('<!-- global-options:start -->'),
      readme.indexOf('<!-- global-options:end -->'),
    );
    const rows = [...table.matchAll(/^\| `([^`]+)` \| (.+) \|$/gm)].map((m) => [m[1], m[2]]);
    expect(rows).toEqual(GLOBAL_FLAG_LIST.map((f) => [f.flags, f.description]));
  });

  it('`cloutapi --help` shows every declared flag with its description', async () => {
    const { stdout, code } = await cli(['--help']);
    expect(code).toBe(0);
    const help = stdout.replace(/\s+/g, ' ');
    for (const flag of GLOBAL_FLAG_LIST) {
      expect(help).toContain(flag.flags);
      expect(help).toContain(flag.description);
    }
  }, 60_000);

  it('shell completion offers every declared flag, and files after --config', async () => {
    const { stdout, code } = await cli(['completion', 'fish']);
    expect(code).toBe(0);
    for (const flag of GLOBAL_FLAG_LIST) {
      const long = longOf(flag.flags).slice(2);
      expect(stdout).toMatch(new RegExp(`^complete -c cloutapi -l ${long}\\b`, 'm'));
    }
    expect(stdout).toMatch(/^complete -c cloutapi -l config -r -F\b/m);
    expect([...GLOBAL_FILE_FLAGS]).toEqual(['--config']);
  }, 60_000);

  it('the names generated flags avoid, and the flags whose value the scan skips, come from it', () => {
    for (const flag of GLOBAL_FLAG_LIST) {
      const long = longOf(flag.flags);
      expect(GLOBAL_FLAGS.has(long.slice(2).replace(/^no-/, ''))).toBe(true);
      expect(GLOBAL_VALUE_FLAGS.has(long)).toBe(flag.flags.includes('<'));
      if (flag.flags.includes('<')) expect(firstCommand([long, 'value', 'whoami'])).toBe('whoami');
    }
    expect(GLOBAL_FLAGS.has('help') && GLOBAL_FLAGS.has('version')).toBe(true);
  });

  it('globalOptionsOf reads each flag under its key, with the defaults of an empty command line', () => {
    expect(globalOptionsOf({})).toEqual({
      config: undefined,
      url: undefined,
      clientId: undefined,
      origin: undefined,
      username: undefined,
      password: undefined,
      profile: undefined,
      cache: true,
      demo: false,
      timeout: undefined,
      maxResponseBytes: undefined,
      json: false,
      quiet: false,
      color: true,
      debug: false,
    });
    const given = globalOptionsOf({ clientId: 'c', cache: false, quiet: true, color: false });
    expect(given).toMatchObject({ clientId: 'c', cache: false, quiet: true, color: false });
    expectTypeOf<GlobalOptions>().toEqualTypeOf<{
      profile: string | undefined;
      config: string | undefined;
      url: string | undefined;
      clientId: string | undefined;
      origin: string | undefined;
      username: string | undefined;
      password: string | undefined;
      cache: boolean;
      demo: boolean;
      timeout: string | undefined;
      maxResponseBytes: string | undefined;
      json: boolean;
      quiet: boolean;
      color: boolean;
      debug: boolean;
    }>();
  });
});
