/**
 * Every generated file, package by package. Each package says what it generates in its own
 * `scripts/generated.ts`. The lists of API areas (area-lists.ts) are read from the source files;
 * the rest from the sources of resources, the MCP server and the CLI, which read the registry
 * through `@cloutapi/resources`: turbo builds it first (`generate` and this package's `test`
 * depend on its build), so a stale build cannot yield a stale file.
 */
import type { Generated } from '@cloutapi/generate';
import { GENERATED as cli } from '../../../apps/cli/scripts/generated.js';
import { GENERATED as mcp } from '../../../apps/mcp-server/scripts/generated.js';
import { GENERATED as resources } from '../../../packages/resources/scripts/generated.js';
import { GENERATED as simulator } from '../../../packages/simulator/scripts/generated.js';

/** The generated files of every package. */
export const GENERATED: readonly Generated[] = [...resources, ...simulator, ...mcp, ...cli];
