import { whoami } from '@cloutapi/resources';
import { z } from 'zod';
import { compact } from '../../format/compact.js';
import { defineTool } from '../define-tool.js';
import { READS } from './hints.js';

/** `whoami`: the signed-in user, their home unit and the API version; a good first call. */
export const whoamiTool = defineTool({
  name: 'whoami',
  title: 'Who am I',
  description:
    'The signed-in user, their home business unit and the API version, and the profiles (portal accounts) this server serves, when several. A good first call.',
  toolset: 'workflows',
  input: z.strictObject({}),
  // The nested objects stay open in the listed schema: the text names their fields, and
  // tools/list is paid for in every conversation.
  output: z.object({
    user: z.record(z.string(), z.unknown()),
    homeUnit: z.record(z.string(), z.unknown()),
    apiVersion: z.string(),
    /** The profile answered for, and every profile served, when the server serves several. */
    profile: z.string().optional(),
    profiles: z
      .array(
        z.object({
          name: z.string(),
          url: z.string(),
          username: z.string(),
          readOnly: z.boolean(),
          default: z.boolean(),
        }),
      )
      .optional(),
  }),
  annotations: READS,
  writes: false,
  example: () => ({}),
  async handler(_input, ctx) {
    const me = await whoami(ctx.clout, ctx.call);
    const user = compact(me.user, false);
    const homeUnit = {
      id: me.homeUnit.id,
      ...(me.homeUnit.name === undefined ? {} : { name: me.homeUnit.name }),
    };
    const text = `${me.user.displayName ?? me.user.name} (${me.user.role ?? 'no role'}), home unit ${me.homeUnit.name} (#${me.homeUnit.id}), API ${me.apiVersion}`;
    if (!ctx.profiles) return { text, structured: { user, homeUnit, apiVersion: me.apiVersion } };
    // Several profiles: which one answered, and every one the profile argument may name.
    const profiles = ctx.profiles.map((p, i) => ({ ...p, default: i === 0 }));
    const lines = profiles.map(
      (p) =>
        `- ${p.name}${p.default ? ' (default)' : ''}: ${p.username} at ${p.url}${p.readOnly ? ', read-only' : ''}`,
    );
    return {
      text: `Profile ${ctx.profile?.name}: ${text}\nProfiles (the profile argument of every tool):\n${lines.join('\n')}`,
      structured: {
        user,
        homeUnit,
        apiVersion: me.apiVersion,
        profile: ctx.profile?.name,
        profiles,
      },
    };
  },
});
