/**
 * The sample endpoint the drill adds, as a maintainer would: one declaration (with its example
 * and its MCP tool name) in the registry, one route in the simulator. Nothing else is edited by
 * hand; `pnpm generate` does the rest.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The files a new read endpoint is written in, relative to the repository. */
export const HAND_EDITED = [
  'packages/resources/src/operations/consumers.ts',
  'packages/simulator/src/routes/consumers.ts',
] as const;

const DECLARATION = `
/** E52 (the new-endpoint drill's sample): how many consumption units a unit has. */
export const count = defineOperation({
  id: 'E52',
  name: 'consumers.count',
  method: 'GET',
  path: '/v1/bunits/{bunitId}/consumercount',
  summary: 'Count the consumption units of a business unit',
  description:
    'Returns how many consumption units business unit bunitId has directly, as { count }. Cheaper than consumers.list when only the number matters.',
  safety: 'read',
  idempotent: true,
  input: { bunitId },
  response: z.looseObject({ count: z.number().int() }),
  example: (x) => ({ bunitId: x.ids.acme }),
  toolName: 'get_consumer_count',
});
`;

const ROUTE = `
  // E52 (the new-endpoint drill's sample)
  app.get('/v1/bunits/:bunitId/consumercount', (c) => {
    const unit = unitParam(sim, c);
    return c.json({ count: consumersOf(sim.state, unit.id).length });
  });
`;

/** Adds the sample endpoint to the repository at `root`. */
export function addSampleEndpoint(root: string): void {
  const [operations, routes] = HAND_EDITED.map((file) => join(root, file)) as [string, string];
  writeFileSync(operations, `${readFileSync(operations, 'utf8')}${DECLARATION}`);
  const text = readFileSync(routes, 'utf8');
  const anchor = /export function registerConsumerRoutes\([^)]*\)[^{]*\{\n/.exec(text);
  if (!anchor) throw new Error(`${HAND_EDITED[1]} has no registerConsumerRoutes(...) {`);
  const at = anchor.index + anchor[0].length;
  writeFileSync(routes, `${text.slice(0, at)}${ROUTE.slice(1)}\n${text.slice(at)}`);
}
