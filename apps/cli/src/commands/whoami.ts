import { type WhoAmI, whoami } from '@cloutapi/resources';
import type { Command } from 'commander';
import type { Ctx } from '../context.js';
import type { Colors } from '../output/colors.js';

/** `cloutapi whoami`: the signed-in user, their home business unit and the API version. */
export function configureWhoami(command: Command, ctx: Ctx): void {
  command
    .description(
      'Signs in (or uses the cached token) and says who you are, which business unit is your home (where `bunits tree` starts) and which API version answers.',
    )
    .action(async () => {
      const { clout } = await ctx.session();
      const me = await whoami(clout);
      await ctx.out.result(me, {
        kind: 'whoami',
        human: (value, colors) => describeWhoami(value as WhoAmI, colors),
      });
    });
}

/** The `whoami` lines for people (also printed by `config check` and `demo`). */
export function describeWhoami(me: WhoAmI, colors: Colors): string {
  const user =
    me.user.displayName && me.user.displayName !== me.user.name
      ? `${me.user.displayName} <${me.user.name ?? me.user.email ?? '?'}>`
      : (me.user.name ?? me.user.email ?? '?');
  return [
    `${colors.bold('user')}       ${user}${me.user.id !== undefined ? ` (#${me.user.id})` : ''}${me.user.role ? `, ${me.user.role}` : ''}`,
    `${colors.bold('home unit')}  ${me.homeUnit.name ?? '?'} (#${me.homeUnit.id})`,
    `${colors.bold('API')}        ${me.apiVersion}`,
  ].join('\n');
}
