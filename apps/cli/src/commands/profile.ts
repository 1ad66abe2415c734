import {
  describePasswordSource,
  openKeychain,
  type Profile,
  profilesFilePath,
  readProfilesFile,
  removeProfile,
  setDefaultProfile,
} from '@cloutapi/config';
import { whoami } from '@cloutapi/resources';
import type { Command } from 'commander';
import type { Ctx } from '../context.js';
import { describeWhoami } from './whoami.js';

/**
 * `cloutapi profile list | add | import | remove | default | test`: the named profiles of the
 * user's profiles file (`@cloutapi/config` reads and writes it; this only asks and shows).
 */
export function configureProfile(command: Command, ctx: Ctx): void {
  command.description(
    `Named profiles (a portal, an account, and where its password comes from: the keychain, a command or a variable), in ${profilesFilePath()}. Choose one with --profile NAME or CLOUTAPI_PROFILE; the default serves when none is chosen and no CLOUTAPI_* setting is given.`,
  );
  command
    .command('list')
    .summary('the profiles, the default marked, and where each password comes from')
    .action(() => listProfiles(ctx));
  command
    .command('add')
    .summary('add a profile (or replace one): asks on a terminal, takes flags otherwise')
    .description(
      'Adds the profile NAME, or replaces it. The portal settings come from --url, --client-id, --origin and --username; on a terminal, what is missing is asked (the password hidden) and the password goes to the keychain. Without a terminal, say where the password comes from: --password-stdin (kept in the keychain), --password-command CMD (run at each sign-in; its first line) or --password-env VARIABLE.',
    )
    .argument('<name>', 'the profile name: letters, digits, ".", "_" and "-"')
    .option('--password-stdin', 'read the password from stdin and keep it in the keychain')
    .option(
      '--password-command <command>',
      'a command that prints the password (pass show portal, op read op://...), run at each sign-in',
    )
    .option('--password-env <variable>', 'take the password from this environment variable')
    .option('--read-only', 'refuse every change on this profile (CLI, MCP server and scripts)')
    .option('--default', 'make it the default profile')
    .addHelpText(
      'after',
      '\nExamples:\n  cloutapi profile add prod\n  printf %s "$PW" | cloutapi profile add test --url https://portal-api.example.net --client-id ID --origin https://example.net --username ops --password-stdin\n  cloutapi profile add prod --url ... --client-id ... --origin ... --username ... --password-command "pass show cloutility/prod"',
    )
    .action(async (name: string, options: AddFlags) => {
      const { addProfile } = await import('./profile-add.js');
      await addProfile(ctx, name, options);
    });
  command
    .command('import')
    .summary("make a profile of the Go client's cloutility-api-client.yaml")
    .description(
      "Reads the Go client's cloutility-api-client.yaml (--config PATH, else the current then the home folder) and saves it as the profile NAME; its password goes to the keychain unless --password-command or --password-env says otherwise. The YAML file is left as it is.",
    )
    .argument('<name>', 'the profile name')
    .option('--password-command <command>', 'a command that prints the password, instead')
    .option('--password-env <variable>', 'take the password from this variable, instead')
    .option('--read-only', 'refuse every change on this profile')
    .option('--default', 'make it the default profile')
    .action(async (name: string, options: AddFlags) => {
      const { importGoConfig } = await import('./profile-add.js');
      await importGoConfig(ctx, name, options);
    });
  command
    .command('remove')
    .summary('remove a profile, and its password from the keychain')
    .argument('<name>', 'the profile name')
    .action((name: string) => remove(ctx, name));
  command
    .command('default')
    .summary('make a profile the default')
    .argument('<name>', 'the profile name')
    .action(async (name: string) => {
      await setDefaultProfile(name);
      await report(ctx, { default: name }, `The default profile is now ${name}.`);
    });
  command
    .command('test')
    .summary('sign in with a profile (the default when none is named) and say who you are')
    .description(
      'Signs in for real with the profile (no cached token), then shows who you are, on which portal, and the API version. Exit code 0 when all is well, 2 when the profile is incomplete or its password cannot be had, 3 when the sign-in is refused, 6 when the portal cannot be reached.',
    )
    .argument('[name]', 'the profile name (default: --profile, CLOUTAPI_PROFILE or the default)')
    .action((name: string | undefined) => testProfile(ctx, name));
}

/** The options of `profile add` and `profile import`. */
export interface AddFlags {
  passwordStdin?: boolean;
  passwordCommand?: string;
  passwordEnv?: string;
  readOnly?: boolean;
  default?: boolean;
}

/** What a change did: a sentence for people, the value for `--json` (and its name for `--quiet`). */
export async function report(
  ctx: Ctx,
  value: Record<string, unknown>,
  sentence: string,
): Promise<void> {
  if (ctx.out.mode === 'human') ctx.out.text(sentence);
  else
    await ctx.out.result(value, { kind: 'profile', ids: () => [String(Object.values(value)[0])] });
}

/** A profile as `list` shows it: never a password, only where it comes from. */
function shown(profile: Profile, defaultName: string | undefined) {
  return {
    name: profile.name,
    default: profile.name === defaultName,
    url: profile.url,
    clientId: profile.clientId,
    origin: profile.origin,
    username: profile.username,
    passwordFrom: describePasswordSource(profile.password),
    readOnly: profile.readOnly,
  };
}

async function listProfiles(ctx: Ctx): Promise<void> {
  const file = await readProfilesFile();
  const rows = [...(file?.profiles.values() ?? [])].map((p) => shown(p, file?.defaultName));
  const path = file?.path ?? profilesFilePath();
  await ctx.out.result(rows, {
    kind: 'profile.list',
    ids: (value) => (value as typeof rows).map((r) => r.name),
    human: async (value, colors) => {
      const list = value as typeof rows;
      if (!list.length) return `No profiles yet (${path}). Add one: cloutapi profile add NAME`;
      const { renderTable } = await import('../output/table.js');
      const table = renderTable(
        ['', 'NAME', 'URL', 'USERNAME', 'PASSWORD', 'READ-ONLY'],
        list.map((r) => [
          r.default ? '*' : '',
          r.name,
          r.url,
          r.username,
          r.passwordFrom,
          r.readOnly ? 'yes' : '',
        ]),
        colors,
      );
      return `${table}\n${colors.dim(`${path}; * the default`)}`;
    },
  });
}

async function remove(ctx: Ctx, name: string): Promise<void> {
  const removed = await removeProfile(name);
  let keychain = '';
  if (removed.password.from === 'keychain') {
    try {
      const deleted = await (await openKeychain()).delete(name);
      keychain = deleted ? ' and its password from the keychain' : '';
    } catch (error) {
      ctx.out.note(`Its password may still be in the keychain: ${(error as Error).message}`);
    }
  }
  await report(ctx, { removed: name }, `Removed the profile ${name}${keychain}.`);
}

async function testProfile(ctx: Ctx, name: string | undefined): Promise<void> {
  const { openSession } = await import('../session.js');
  // A real sign-in: a cached token would hide a wrong password.
  const session = await openSession({
    ...ctx.globals,
    profile: name ?? ctx.globals.profile,
    cache: false,
  });
  try {
    const me = await whoami(session.clout);
    const { settings } = session;
    const report = {
      profile: settings.profile?.name,
      portal: settings.url,
      passwordFrom: settings.profile?.passwordFrom,
      readOnly: settings.profile?.readOnly ?? false,
      user: me.user,
      homeUnit: me.homeUnit,
      apiVersion: me.apiVersion,
    };
    await ctx.out.result(report, {
      kind: 'profile.test',
      human: (value, colors) => {
        const r = value as typeof report;
        const what = r.profile
          ? `${r.profile}${r.readOnly ? ' (read-only)' : ''}`
          : '(none: the CLOUTAPI_* settings)';
        return [
          `${colors.bold('profile')}    ${what}`,
          `${colors.bold('portal')}     ${r.portal}`,
          describeWhoami(r as unknown as typeof me, colors),
          colors.dim(
            `Signed in (password from ${r.passwordFrom ?? 'the settings'}): the profile works.`,
          ),
        ].join('\n');
      },
    });
  } finally {
    await session.close();
  }
}
