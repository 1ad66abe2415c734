/**
 * The quick path of `cloutapi`: a plain read (`cloutapi consumers list --bunit 12 --json`) run
 * without the registry's zod schemas and without commander, whose loading is most of a command's
 * start-up. It uses the same settings, token cache, auth, HTTP client and output as the full
 * command; what it knows of the command (flags, request) is generated from the registry
 * (catalog.ts). It takes a command only when every flag given is a plain integer within its
 * schema's bounds; anything else (help, another flag, a value to convert or report on, --debug)
 * is left to the full command line, which then runs as if this did not exist.
 */
import { loadSettings, type Settings } from '@cloutapi/config';
import { createClient } from '@cloutapi/core';
import { normalizeResponse } from '@cloutapi/resources/casing';
import { connect } from '../connection.js';
import { exitCodeFor, exitQuietlyOnClosedPipe, report } from '../errors.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { colorsFor } from '../output/colors.js';
import { createOutput } from '../output/output.js';
import catalogJson from './catalog.generated.json' with { type: 'json' };
import type { QuickFlag, QuickRead } from './catalog.js';

const CATALOG = catalogJson as QuickRead[];
const DIGITS = /^\d{1,15}$/;

/** A command line the quick path takes: the read, its input and how to print. */
interface QuickCommand {
  read: QuickRead;
  input: Record<string, number>;
  json: boolean;
  quiet: boolean;
  color: boolean;
}

/**
 * Reads `argv` as a quick read: `<area> <action>` first, then only the read's integer flags
 * (`--name N` or `--name=N`, once each) and `--json`, `--quiet`/`-q`, `--no-color`. Undefined for
 * anything else.
 */
export function quickCommandOf(argv: readonly string[]): QuickCommand | undefined {
  const read = CATALOG.find((r) => r.command === `${argv[0]} ${argv[1]}`);
  if (!read) return undefined;
  const command: QuickCommand = { read, input: {}, json: false, quiet: false, color: true };
  for (let i = 2; i < argv.length; i++) {
    const word = argv[i] as string;
    if (word === '--json') command.json = true;
    else if (word === '--quiet' || word === '-q') command.quiet = true;
    else if (word === '--no-color') command.color = false;
    else {
      if (!word.startsWith('--')) return undefined;
      const eq = word.indexOf('=');
      const name = eq < 0 ? word.slice(2) : word.slice(2, eq);
      const value = eq < 0 ? argv[++i] : word.slice(eq + 1);
      const flag = read.flags.find((f) => f.name === name || f.aliases.includes(name));
      if (!flag || flag.field in command.input || value === undefined) return undefined;
      const n = integerOf(flag, value);
      if (n === undefined) return undefined;
      command.input[flag.field] = n;
    }
  }
  if (read.flags.some((f) => f.required && !(f.field in command.input))) return undefined;
  return command;
}

/** The value of an integer flag when it is plainly valid, else undefined (the schema decides). */
function integerOf(flag: QuickFlag, text: string): number | undefined {
  const b = flag.integer;
  if (!b || !DIGITS.test(text)) return undefined;
  const n = Number(text);
  if (b.minimum !== undefined && n < b.minimum) return undefined;
  if (b.exclusiveMinimum !== undefined && n <= b.exclusiveMinimum) return undefined;
  if (b.maximum !== undefined && n > b.maximum) return undefined;
  if (b.exclusiveMaximum !== undefined && n >= b.exclusiveMaximum) return undefined;
  return n;
}

/**
 * Runs `argv` on the quick path and resolves its exit code, or undefined (having sent nothing
 * and printed nothing) when the full command line must run it.
 */
export async function quickRead(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<ExitCode | undefined> {
  const command = quickCommandOf(argv);
  if (!command) return undefined;
  let settings: Settings;
  try {
    settings = loadSettings({ flags: {}, env });
  } catch {
    return undefined; // the full command line explains a missing setting
  }
  exitQuietlyOnClosedPipe();
  const client = createClient(connect(settings, { cache: true, env }).client);
  const { read, input } = command;
  try {
    const raw = await client.request({
      method: read.method,
      path: read.path,
      pathParams: Object.fromEntries(read.pathParams.map((p) => [p, input[p] as number])),
      query: Object.fromEntries(read.query.map((q) => [q, input[q]])),
      idempotent: read.idempotent,
    });
    const mode = command.json ? 'json' : command.quiet ? 'quiet' : 'human';
    const out = createOutput(
      mode,
      colorsFor(process.stdout, env, command.color),
      colorsFor(process.stderr, env, command.color),
    );
    await out.result(normalizeResponse(raw), { kind: read.kind, done: `${read.summary}: done.` });
    return EXIT.ok;
  } catch (error) {
    report(error, false, command.color);
    return exitCodeFor(error);
  } finally {
    await client.close();
  }
}

/**
 * Renders a small result in every output mode, to nowhere. The launcher calls it once, before
 * writing the compiled-code cache of this bundle, so that the cache holds the code of every mode
 * (tables above all), not only that of the command that happened to run first.
 */
export async function primeOutput(): Promise<void> {
  // node:stream loads here, not at every start.
  const { Writable } = await import('node:stream');
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
  const sample = {
    total: 1,
    items: [{ id: 1, name: 'sample', createdDate: '2026-01-01T00:00:00Z' }],
  };
  for (const mode of ['human', 'json', 'quiet'] as const) {
    const colors = colorsFor({ isTTY: false });
    await createOutput(mode, colors, colors, sink, sink).result(normalizeResponse(sample), {
      kind: 'consumers.list',
    });
  }
}
