import { describeSettings } from '@cloutapi/config';
import { whoami } from '@cloutapi/resources';
import type { Command } from 'commander';
import type { Ctx } from '../context.js';
import { describeWhoami } from './whoami.js';

/** `cloutapi config check`: where each setting came from, then a real sign-in. */
export function configureConfig(command: Command, ctx: Ctx): void {
  const config = command.description(
    'Connection settings: flags, then CLOUTAPI_* environment variables, then cloutility-api-client.yaml.',
  );
  config
    .command('check')
    .summary(
      'sign in and show who you are, your home unit, the API version and where each setting came from',
    )
    .description(
      'Loads the settings (flags > CLOUTAPI_* > the YAML file), shows each one and where it came from (the password never), signs in and shows who you are, your home business unit and the API version. Exit code 0 when all is well, 2 when a setting is missing, 3 when sign-in is refused, 6 when the server cannot be reached.',
    )
    .action(async () => {
      const session = await ctx.session();
      const settings = describeSettings(session.settings);
      const cache = session.cacheFile
        ? `${session.cacheFile} (${session.cachedTokens ? 'tokens found' : 'no tokens yet'})`
        : 'off';
      const me = await whoami(session.clout);
      const report = {
        settings,
        configFile: session.settings.configFile,
        tokenCache: cache,
        user: me.user,
        homeUnit: me.homeUnit,
        apiVersion: me.apiVersion,
      };
      await ctx.out.result(report, {
        kind: 'config.check',
        // From the value handed in: its server text has control characters made visible.
        human: (value, colors) => {
          const shown = value as typeof report;
          return [
            ...Object.entries(shown.settings).map(
              ([key, text]) => `${colors.bold(key.padEnd(10))} ${text}`,
            ),
            `${colors.bold('config'.padEnd(10))} ${shown.configFile ?? 'no cloutility-api-client.yaml found'}`,
            `${colors.bold('cache'.padEnd(10))} ${shown.tokenCache}`,
            '',
            describeWhoami(shown as unknown as typeof me, colors),
            colors.dim('Signed in: the settings work.'),
          ].join('\n');
        },
      });
    });
}
