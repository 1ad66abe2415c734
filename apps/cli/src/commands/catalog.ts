import type { Command } from 'commander';
import type { Ctx } from '../context.js';

/** Headings of `cloutapi --help`, in the order the groups are listed. */
export const WORKFLOWS = 'Workflows:';
export const TOOLS = 'Setup and tools:';
export const GO_GROUP = 'Go CLI compatible (cloutility-api-client scripts keep working):';

/** Adds a command's description, options, subcommands and action to its top-level command. */
export type Configure = (command: Command, ctx: Ctx) => void;

/** A top-level command: its `--help` line and heading, and the module that builds the rest. */
interface Entry {
  summary: string;
  group: string;
  load(): Promise<Configure>;
}

/**
 * Every top-level command except the generated API groups, in `--help` order. A run loads the
 * module of its own command only; the others are listed by name and summary (as citty and nuxi
 * do), so `cloutapi --version` or `cloutapi consumers list` compiles none of them.
 */
export const COMMANDS: Readonly<Record<string, Entry>> = {
  enroll: {
    summary: 'enroll this machine (or a CSV of machines) and print its node name and password',
    group: WORKFLOWS,
    load: schemasFirst(async () => (await import('./enroll.js')).configureEnroll),
  },
  whoami: {
    summary: 'the signed-in user, home business unit and API version',
    group: WORKFLOWS,
    load: async () => (await import('./whoami.js')).configureWhoami,
  },
  describe: {
    summary: 'everything about one machine: its consumption unit, node, latest report, jobs',
    group: WORKFLOWS,
    load: schemasFirst(async () => (await import('./describe.js')).configureDescribe),
  },
  status: {
    summary: 'which machines did not back up, since when and why (exits as a Nagios plugin)',
    group: WORKFLOWS,
    load: schemasFirst(async () => (await import('./status.js')).configureStatus),
  },
  webhook: {
    summary: 'receive the billing webhook and fetch the new billing data',
    group: WORKFLOWS,
    load: schemasFirst(async () => (await import('./webhook.js')).configureWebhook),
  },
  demo: {
    summary: 'start the embedded simulator, show what cloutapi does, and keep it running',
    group: WORKFLOWS,
    load: schemasFirst(async () => (await import('./demo.js')).configureDemo),
  },
  config: {
    summary: 'check the connection settings',
    group: TOOLS,
    load: async () => (await import('./config-check.js')).configureConfig,
  },
  profile: {
    summary: 'named profiles: several portals and accounts, passwords in the keychain',
    group: TOOLS,
    load: async () => (await import('./profile.js')).configureProfile,
  },
  completion: {
    summary: 'print the shell completion script (bash, zsh, fish)',
    group: TOOLS,
    load: schemasFirst(async () => (await import('./completion.js')).configureCompletion),
  },
  bunit: goCommand('business units', 'bunit'),
  consumer: goCommand('consumption units and their backup nodes', 'consumer'),
  domain: goCommand('policy domains', 'domain'),
  clientoptionset: goCommand('client option sets', 'clientoptionset'),
  ostype: goCommand('operating systems', 'ostype'),
};

/**
 * For a command whose module builds zod schemas as it loads: turns zod's JIT off first, since a
 * schema keeps the setting it was built under (zod-config.ts). The Go CLI's commands build theirs
 * after the session, which turns it off, so their first connection does not wait for zod.
 */
function schemasFirst(load: () => Promise<Configure>): () => Promise<Configure> {
  return async () => {
    (await import('../zod-config.js')).parseWithoutJit();
    return load();
  };
}

/** The groups of generated API commands sit between these and the Go CLI's commands. */
export const BEFORE_API_GROUPS = new Set([WORKFLOWS, TOOLS]);

function goCommand(what: string, name: keyof typeof import('./go-aliases.js').GO_COMMANDS): Entry {
  return {
    summary: `${what} (Go CLI)`,
    group: GO_GROUP,
    load: async () => (await import('./go-aliases.js')).GO_COMMANDS[name],
  };
}

/**
 * Adds the top-level command `name`: whole (its module loaded) when `full`, else its name and
 * summary only, enough for `--help`, suggestions and completion of the name.
 */
export async function addCommand(
  program: Command,
  ctx: Ctx,
  name: string,
  full: boolean,
): Promise<void> {
  const entry = COMMANDS[name] as Entry;
  const command = program.command(name).summary(entry.summary).helpGroup(entry.group);
  if (full) (await entry.load())(command, ctx);
}
