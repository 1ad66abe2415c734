import { readdirSync, readFileSync } from 'node:fs';
import * as core from '@cloutapi/core';
import { rejectionOf } from '@cloutapi/vitest-config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as errors from '../src/errors.js';
import * as main from '../src/index.js';
import { connect, unitNamed } from './support.js';

type ErrorClass = abstract new (...args: never[]) => Error;
const { CloutilityError } = errors;

/** Every class `@cloutapi/resources/errors` exports, by name. */
const classes = Object.entries(errors as Record<string, unknown>).filter(
  (entry): entry is [string, ErrorClass] => typeof entry[1] === 'function',
);

/** The class a class extends (the prototype chain, not the brand `instanceof` checks). */
const parentOf = (ctor: ErrorClass): unknown => Object.getPrototypeOf(ctor);

function extendsRoot(ctor: ErrorClass): boolean {
  for (let c: unknown = ctor; typeof c === 'function'; c = Object.getPrototypeOf(c)) {
    if (c === CloutilityError) return true;
  }
  return false;
}

describe('@cloutapi/resources/errors: one home for every error class', () => {
  it('exports only error classes, every one a subclass of CloutilityError', () => {
    expect(classes.length).toBeGreaterThan(10);
    const values = Object.entries(errors).filter(([, v]) => typeof v !== 'function');
    expect(values).toEqual([]);
    for (const [name, ctor] of classes) {
      expect(extendsRoot(ctor), `${name} extends CloutilityError`).toBe(true);
      expect(ctor.name).toBe(name);
    }
  });

  it('every class has its own kind (its name), so instanceof tells it from its parent', () => {
    for (const [name, ctor] of classes) {
      expect(Object.hasOwn(ctor, 'kind'), `${name} declares its own static kind`).toBe(true);
      expect((ctor as unknown as { kind: string }).kind).toBe(name);
    }
  });

  it('the main entry and @cloutapi/core, where they are defined, export the very same class objects', () => {
    for (const [name, ctor] of classes) {
      expect((main as Record<string, unknown>)[name], `main entry's ${name}`).toBe(ctor);
      expect((core as Record<string, unknown>)[name], `core's ${name}`).toBe(ctor);
    }
    // Every class core defines is here: nothing a caller may catch is missing.
    const coreClasses = Object.entries(core as Record<string, unknown>).filter(
      ([, v]) => typeof v === 'function' && extendsRoot(v as ErrorClass),
    );
    expect(coreClasses.map(([name]) => name).sort()).toEqual(classes.map(([name]) => name).sort());
  });

  it('the README documents every class, with the class it extends', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const table = readme.slice(
      readme.indexOf('<!-- errors:start -->'),
      readme.indexOf('<!-- errors:end -->'),
    );
    const rows = [...table.matchAll(/^\| `(\w+)` \| `(\w+)` \|/gm)].map((m) => [m[1], m[2]]);
    expect(rows.map(([name]) => name).sort()).toEqual(classes.map(([name]) => name).sort());
    for (const [name, parent] of rows) {
      const ctor = (errors as Record<string, unknown>)[name as string] as ErrorClass;
      expect((parentOf(ctor) as { name: string }).name, `${name} extends`).toBe(parent);
    }
  });
});

describe('errors thrown by every layer are instances of the classes exported here', () => {
  let ctx: Awaited<ReturnType<typeof connect>>;
  beforeAll(async () => {
    ctx = await connect();
  }, 60_000);
  afterAll(async () => {
    await ctx?.sim.stop();
  });

  it('a 404 (thrown by core) is the NotFoundError exported here, and a CloutilityError', async () => {
    const acme = await unitNamed(ctx.clout, 'Acme Corporation');
    const error = await rejectionOf(ctx.clout.consumers.get(acme, 999_999));
    expect(error).toBeInstanceOf(errors.NotFoundError);
    expect(error).toBeInstanceOf(CloutilityError);
    expect(error).not.toBeInstanceOf(errors.ConflictError);
    expect(error).toMatchObject({ status: 404, method: 'GET' });
  });

  it('input rejected before sending (thrown by resources) is the ValidationError exported here', async () => {
    const error = await rejectionOf(ctx.clout.consumers.create({ bunitId: 1, name: '' }));
    expect(error).toBeInstanceOf(errors.ValidationError);
    expect(error).not.toBeInstanceOf(errors.ConfigurationError);
    expect((error as InstanceType<typeof errors.ValidationError>).status).toBeUndefined();
  });
});

// The apps depend on resources, so their sources are scanned from here: one test for both.
const ERROR_HOME = '@cloutapi/resources/errors';
const ERROR_TYPES = ['ValidationIssue', 'CloutilityErrorDetails', 'AuthenticationFailureReason'];

/** `[file, name, from]` for each error class or type imported from elsewhere than its home. */
function strayErrorImports(src: string): string[][] {
  const errorNames = new Set([...Object.keys(errors), ...ERROR_TYPES]);
  const stray: string[][] = [];
  for (const file of readdirSync(src, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.ts')) continue;
    const text = readFileSync(`${src}${file}`, 'utf8');
    for (const m of text.matchAll(
      /(?:import|export)\s+(?:type\s+)?\{([^}]*)\}\s+from\s+'([^']+)'/g,
    )) {
      const from = m[2] as string;
      if (!from.startsWith('@cloutapi/') || from === ERROR_HOME) continue;
      for (const spec of (m[1] as string).split(',')) {
        const name =
          spec
            .replace(/^\s*type\s+/, '')
            .split(/\s+as\s+/)[0]
            ?.trim() ?? '';
        if (errorNames.has(name)) stray.push([file, name, from]);
      }
    }
  }
  return stray;
}

it.each(['apps/cli', 'apps/mcp-server'])(
  `%s imports error classes only from ${ERROR_HOME}`,
  (app) => {
    expect(strayErrorImports(new URL(`../../../${app}/src/`, import.meta.url).pathname)).toEqual(
      [],
    );
  },
);
