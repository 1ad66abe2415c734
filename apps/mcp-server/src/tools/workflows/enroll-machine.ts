import { EnrollInput, enrollMachine } from '@cloutapi/resources';
import { z } from 'zod';
import { defineTool } from '../define-tool.js';
import { defaultsOf, enrollLock, serverName, shownPassword } from './enroll-shared.js';
import { ENROLLS } from './hints.js';

/** The steps an enrollment reports (lock, catalog, consumer, ..., read). */
const STEPS = 9;

/** `enroll_machine`: the SDK's `enrollMachine`, with the node password hidden unless allowed. */
export const enrollMachineTool = defineTool({
  name: 'enroll_machine',
  title: 'Enroll a machine for backup',
  description:
    'Enrolls a machine in one call: finds or creates its consumption unit by name in bunitId, creates and activates its backup node (server, domain, option set default from the unit), returns node name, server and password. Needs operatingSystem (e.g. Linux) or operatingSystemId. Safe to repeat.',
  toolset: 'workflows',
  input: EnrollInput,
  output: z.object({
    status: z.string(),
    consumerId: z.number().int(),
    nodeName: z.string(),
    server: z.string(),
    password: z.string().optional(),
    steps: z.array(z.record(z.string(), z.unknown())),
  }),
  annotations: ENROLLS,
  writes: true,
  example: (x) => ({ bunitId: x.ids.acme, name: 'mcp-enrolled', operatingSystem: 'Linux' }),
  async handler(input, ctx) {
    let done = 0;
    const result = await enrollMachine(ctx.clout, input, {
      ...ctx.call,
      defaults: defaultsOf(ctx.clout),
      // Calls at once for one machine wait for each other, here and in other processes.
      lock: await enrollLock(ctx),
      onStep: (step) => void ctx.progress(++done, STEPS, `${step.step}: ${step.detail}`),
    });
    const password = shownPassword(result.password, ctx.allowSecrets);
    const server = serverName(result.server);
    const steps = result.steps.map((s) => ({ step: s.step, outcome: s.outcome, detail: s.detail }));
    return {
      text: [
        `${result.status === 'already-enrolled' ? 'Already enrolled' : 'Enrolled'}: ${result.consumerName} (consumer #${result.consumerId}) as node ${result.nodeName} on ${server || 'its server'}.`,
        `Node password: ${password ?? '(not returned by the API)'}`,
        ...steps.map((s) => `- ${s.step} ${s.outcome}: ${s.detail}`),
        ...result.notes.map((n) => `Note: ${n}`),
      ].join('\n'),
      structured: {
        status: result.status,
        consumerId: result.consumerId,
        nodeName: result.nodeName,
        server,
        ...(password ? { password } : {}),
        steps,
      },
    };
  },
});
