/**
 * Every file generated from the operation registry, package by package. Each package says what
 * it generates in its own `scripts/generated.ts`; they read the registry through
 * `@cloutapi/resources`, which turbo builds first (`generate` and this package's `test` depend on
 * the packages' builds), so a stale build cannot yield a stale file.
 */
import type { Generated } from '@cloutapi/generate';
import { GENERATED as cli } from '../../../apps/cli/scripts/generated.js';
import { GENERATED as mcp } from '../../../apps/mcp-server/scripts/generated.js';
import { GENERATED as resources } from '../../../packages/resources/scripts/generated.js';

/** The generated files of every package. */
export const GENERATED: readonly Generated[] = [...resources, ...mcp, ...cli];
