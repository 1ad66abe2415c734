import { type Command, Option } from 'commander';

const HEADINGS = {
  connection:
    'Connection (flags > a profile > CLOUTAPI_* environment > the default profile > cloutility-api-client.yaml):',
  output: 'Output:',
} as const;

/** One global flag, as {@link GLOBAL_FLAG_LIST} declares it. */
interface GlobalFlag {
  /**
   * Commander's spelling: `--url <url>` takes a value, `--json` is a switch, `-q, --quiet` has a
   * short form, `--no-cache` is a switch that is on unless given.
   */
  readonly flags: string;
  /** The help text, also the README's. */
  readonly description: string;
  /** Its heading in `--help`. */
  readonly group: keyof typeof HEADINGS;
  /** Its value is a path: completion offers files. */
  readonly file?: boolean;
}

/**
 * The options every command takes (connection, output, session), declared once: the program's
 * options and their `--help`, shell completion, the scan of the command line before it is parsed,
 * the names generated flags must not take and {@link GlobalOptions} all derive from this list,
 * and a test holds the README's table to it. Adding a global flag is one entry here (and reading
 * it where it matters).
 */
export const GLOBAL_FLAG_LIST = [
  {
    flags: '--profile <name>',
    description:
      'use this profile of your profiles file (cloutapi profile list); env CLOUTAPI_PROFILE',
    group: 'connection',
  },
  {
    flags: '--config <path>',
    description:
      "the Go client's YAML config file (default: ./cloutility-api-client.yaml, then ~/); env CLOUTAPI_CONFIG",
    group: 'connection',
    file: true,
  },
  { flags: '--url <url>', description: 'portal API URL; env CLOUTAPI_URL', group: 'connection' },
  {
    flags: '--client-id <id>',
    description: 'API client id; env CLOUTAPI_CLIENT_ID',
    group: 'connection',
  },
  {
    flags: '--origin <origin>',
    description: 'origin registered for the client id; env CLOUTAPI_ORIGIN',
    group: 'connection',
  },
  {
    flags: '--username <name>',
    description: 'portal username; env CLOUTAPI_USERNAME',
    group: 'connection',
  },
  {
    flags: '--password <password>',
    description:
      'portal password; prefer env CLOUTAPI_PASSWORD (a flag shows in `ps` and shell history)',
    group: 'connection',
  },
  {
    flags: '--no-cache',
    description:
      'do not read or write the token and lookup caches (sign in and read the catalog every time)',
    group: 'connection',
  },
  {
    flags: '--demo',
    description: 'run against a fresh embedded simulator with demo data',
    group: 'connection',
  },
  {
    flags: '--timeout <duration>',
    description:
      'give up on a request after this long, every retry and wait included (e.g. 30s, 2m; default 60s); env CLOUTAPI_TIMEOUT',
    group: 'connection',
  },
  {
    flags: '--max-response-bytes <bytes>',
    description:
      'the largest answer read, in bytes (default 67108864, 64 MiB); env CLOUTAPI_MAX_RESPONSE_BYTES',
    group: 'connection',
  },
  { flags: '--json', description: 'print results as JSON (stable, for scripts)', group: 'output' },
  { flags: '-q, --quiet', description: 'print only ids, one per line', group: 'output' },
  { flags: '--no-color', description: 'no colours (also: NO_COLOR=1)', group: 'output' },
  {
    flags: '--debug',
    description: 'log each request and token event (redacted) to stderr',
    group: 'output',
  },
] as const satisfies readonly GlobalFlag[];

// The options' keys and value types, read from the declarations' spellings as commander reads
// them: `--client-id <id>` is `clientId: string | undefined`, `--no-cache` is `cache: boolean`.
type Camel<S extends string> = S extends `${infer H}-${infer T}`
  ? `${H}${Capitalize<Camel<T>>}`
  : S;
type LongName<F extends string> = F extends `${string}--${infer R}`
  ? R extends `${infer N} ${string}`
    ? N
    : R
  : never;
type KeyOf<F extends string> = LongName<F> extends `no-${infer N}` ? Camel<N> : Camel<LongName<F>>;
type Declared = (typeof GLOBAL_FLAG_LIST)[number];

/**
 * The global options of a run: a string (or undefined) for a flag with a value, a boolean for a
 * switch; `cache` and `color` are false with `--no-cache` and `--no-color`.
 */
export type GlobalOptions = {
  [D in Declared as KeyOf<D['flags']>]: D['flags'] extends `${string}<${string}`
    ? string | undefined
    : boolean;
};

/** Commander's view of each declaration (name, attribute, whether it takes a value). */
const parsed = GLOBAL_FLAG_LIST.map((flag) => ({ flag, option: new Option(flag.flags) }));

/** The global flags' names: generated flags never take these (nor alias to them). */
export const GLOBAL_FLAGS: ReadonlySet<string> = new Set([
  ...parsed.map(({ option }) => option.name().replace(/^no-/, '')),
  'help',
  'version',
]);

/** The global options that take a value (for reading the command line before parsing it). */
export const GLOBAL_VALUE_FLAGS: ReadonlySet<string> = new Set(
  parsed
    .filter(({ option }) => option.required || option.optional)
    .flatMap(({ option }) => [option.long, option.short])
    .filter((name): name is string => name !== undefined),
);

/** The global options whose value is a path (completion offers files after them). */
export const GLOBAL_FILE_FLAGS: ReadonlySet<string> = new Set(
  parsed.filter(({ flag }) => 'file' in flag && flag.file).map(({ option }) => option.long ?? ''),
);

/** Adds the global options to the program; commands read them with `optsWithGlobals()`. */
export function addGlobalOptions(program: Command): void {
  for (const flag of GLOBAL_FLAG_LIST) {
    program.addOption(new Option(flag.flags, flag.description).helpGroup(HEADINGS[flag.group]));
  }
}

/** Reads the global options from a command's merged options. */
export function globalOptionsOf(options: Record<string, unknown>): GlobalOptions {
  const globals: Record<string, string | boolean | undefined> = {};
  for (const { option } of parsed) {
    const key = option.attributeName();
    const value = options[key];
    globals[key] =
      option.required || option.optional
        ? typeof value === 'string'
          ? value
          : undefined
        : option.negate
          ? value !== false
          : value === true;
  }
  return globals as GlobalOptions;
}
