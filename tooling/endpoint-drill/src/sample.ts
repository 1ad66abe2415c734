/**
 * The samples the drill adds, as a maintainer would, each in exactly two files written by hand;
 * `pnpm generate` does the rest. `endpoint`: a read operation in an existing area (its declaration
 * with its example and MCP tool name, and its simulator route). `area`: a read operation in a new
 * area (its operations file with the area's declaration, and its routes file).
 */

/** A change the drill makes by hand. */
export interface Sample {
  name: string;
  /** Each file it writes (relative to the repository), from the file's text ('' when new). */
  edits: Record<string, (text: string) => string>;
  /** A command of the built CLI that reaches the sample, and something its output holds. */
  cli?: { args: string[]; prints: string };
}

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

/** E52 `consumers.count`, in the existing consumers area. */
export const NEW_ENDPOINT: Sample = {
  name: 'endpoint',
  edits: {
    'packages/resources/src/operations/consumers.ts': (text) => {
      const at = text.indexOf('\n/** The API area this file declares');
      if (at < 0) throw new Error('operations/consumers.ts has no area declaration at its end');
      return `${text.slice(0, at)}${DECLARATION}${text.slice(at)}`;
    },
    'packages/simulator/src/routes/consumers.ts': (text) => {
      const anchor = /export function registerRoutes\([^)]*\)[^{]*\{\n/.exec(text);
      if (!anchor) throw new Error('routes/consumers.ts has no registerRoutes(...) {');
      const at = anchor.index + anchor[0].length;
      return `${text.slice(0, at)}${ROUTE.slice(1)}\n${text.slice(at)}`;
    },
  },
};

const AREA_OPERATIONS = `import { defineOperation } from '../define.js';
import { defineArea } from '../define-area.js';
import { collectionOf, Language } from '../models/index.js';

/** E53 (the new-endpoint drill's new-area sample): the portal's languages. */
export const list = defineOperation({
  id: 'E53',
  name: 'languages.list',
  method: 'GET',
  path: '/v1/languages',
  summary: 'List the portal languages',
  description:
    "Lists the languages the portal's UI and reports come in: id, name and ISO 639 code. A user's language (bunits.users) is one of them.",
  safety: 'read',
  idempotent: true,
  input: {},
  response: collectionOf(Language),
  example: () => ({}),
  columns: { id: 'id', name: 'name' },
});

/** The API area this file declares (see define-area.ts). */
export const area = defineArea({ name: 'languages', toolset: 'catalog' });
`;

const AREA_ROUTES = `import type { Hono } from 'hono';
import { collection } from '../collection.js';
import type { SimEnv } from '../context.js';
import { Paged } from '../schemas.js';
import { query } from '../validate.js';

const LANGUAGES = [
  { id: 1, name: 'English', iso639Code: 'en' },
  { id: 2, name: 'Swedish', iso639Code: 'sv' },
  { id: 3, name: 'Danish', iso639Code: 'da' },
];

/** E53 (the new-endpoint drill's new-area sample): the portal's languages. */
export function registerRoutes(app: Hono<SimEnv>): void {
  app.get('/v1/languages', query(Paged), (c) =>
    c.json(collection(c, c.req.valid('query'), LANGUAGES)),
  );
}
`;

/** E53 `languages.list`, in a new `languages` area (MCP toolset `catalog`). */
export const NEW_AREA: Sample = {
  name: 'area',
  edits: {
    'packages/resources/src/operations/languages.ts': () => AREA_OPERATIONS,
    'packages/simulator/src/routes/languages.ts': () => AREA_ROUTES,
  },
  cli: { args: ['languages', 'list', '--demo', '--json'], prints: '"Swedish"' },
};

/** The samples, in the order the drill adds them. */
export const SAMPLES: readonly Sample[] = [NEW_ENDPOINT, NEW_AREA];
