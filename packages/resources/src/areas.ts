/**
 * `@cloutapi/resources/areas`: the API areas and the MCP toolsets of their tools, without loading
 * the registry (no schema, no zod): what an app needs to know at start, such as the MCP server's
 * `--toolsets`. Generated from the areas' own declarations (`defineArea` in operations/<area>.ts).
 */
import { AREAS } from './operations/areas.generated.js';

export { AREAS };

/** The MCP toolset of an area's tools. */
export type AreaToolset = (typeof AREAS)[keyof typeof AREAS]['toolset'];

/** Every area toolset, once, in the order of the areas. */
export const AREA_TOOLSETS: readonly AreaToolset[] = [
  ...new Set(Object.values(AREAS).map((area) => area.toolset)),
];
