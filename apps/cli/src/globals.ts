import { type Command, Option } from 'commander';

/** The options every command takes (connection, output, session). */
export interface GlobalOptions {
  config: string | undefined;
  url: string | undefined;
  clientId: string | undefined;
  origin: string | undefined;
  username: string | undefined;
  password: string | undefined;
  /** `--timeout`: how long one request may take, all attempts included (a duration). */
  timeout: string | undefined;
  json: boolean;
  quiet: boolean;
  /** False with `--no-cache`. */
  cache: boolean;
  debug: boolean;
  demo: boolean;
  /** False with `--no-color`. */
  color: boolean;
}

/** The global flags' names: generated flags never take these (nor alias to them). */
export const GLOBAL_FLAGS: ReadonlySet<string> = new Set([
  'config',
  'url',
  'client-id',
  'origin',
  'username',
  'password',
  'timeout',
  'json',
  'quiet',
  'cache',
  'debug',
  'demo',
  'color',
  'help',
  'version',
]);

/** The global options that take a value (for reading the command line before parsing it). */
export const GLOBAL_VALUE_FLAGS: ReadonlySet<string> = new Set([
  '--config',
  '--url',
  '--client-id',
  '--origin',
  '--username',
  '--password',
  '--timeout',
]);

/** Adds the global options to the program; commands read them with `optsWithGlobals()`. */
export function addGlobalOptions(program: Command): void {
  const group = (option: Option, heading: string) => option.helpGroup(heading);
  const connection = 'Connection (flags > CLOUTAPI_* environment > cloutility-api-client.yaml):';
  const output = 'Output:';
  program
    .addOption(
      group(
        new Option(
          '--config <path>',
          "the Go client's YAML config file (default: ./cloutility-api-client.yaml, then ~/); env CLOUTAPI_CONFIG",
        ),
        connection,
      ),
    )
    .addOption(group(new Option('--url <url>', 'portal API URL; env CLOUTAPI_URL'), connection))
    .addOption(
      group(new Option('--client-id <id>', 'API client id; env CLOUTAPI_CLIENT_ID'), connection),
    )
    .addOption(
      group(
        new Option('--origin <origin>', 'origin registered for the client id; env CLOUTAPI_ORIGIN'),
        connection,
      ),
    )
    .addOption(
      group(new Option('--username <name>', 'portal username; env CLOUTAPI_USERNAME'), connection),
    )
    .addOption(
      group(
        new Option(
          '--password <password>',
          'portal password; prefer env CLOUTAPI_PASSWORD (a flag shows in `ps` and shell history)',
        ),
        connection,
      ),
    )
    .addOption(
      group(
        new Option('--no-cache', 'do not read or write the token cache (sign in every time)'),
        connection,
      ),
    )
    .addOption(
      group(
        new Option('--demo', 'run against a fresh embedded simulator with demo data'),
        connection,
      ),
    )
    .addOption(
      group(
        new Option(
          '--timeout <duration>',
          'give up on a request after this long, every retry and wait included (e.g. 30s, 2m; default 60s); env CLOUTAPI_TIMEOUT',
        ),
        connection,
      ),
    )
    .addOption(group(new Option('--json', 'print results as JSON (stable, for scripts)'), output))
    .addOption(group(new Option('-q, --quiet', 'print only ids, one per line'), output))
    .addOption(group(new Option('--no-color', 'no colours (also: NO_COLOR=1)'), output))
    .addOption(
      group(new Option('--debug', 'log each request and token event (redacted) to stderr'), output),
    );
}

/** Reads the global options from a command's merged options. */
export function globalOptionsOf(options: Record<string, unknown>): GlobalOptions {
  const text = (key: string) =>
    typeof options[key] === 'string' ? (options[key] as string) : undefined;
  return {
    config: text('config'),
    url: text('url'),
    clientId: text('clientId'),
    origin: text('origin'),
    username: text('username'),
    password: text('password'),
    timeout: text('timeout'),
    json: options.json === true,
    quiet: options.quiet === true,
    cache: options.cache !== false,
    debug: options.debug === true,
    demo: options.demo === true,
    color: options.color !== false,
  };
}
