/**
 * `@cloutapi/cli`: the `cloutapi` command line. The package is meant to be run (`npx
 * @cloutapi/cli`); these exports let a program run it in-process or reuse its pieces.
 *
 * @packageDocumentation
 */
export { completionScript, SHELLS, type Shell } from './completion/scripts.js';
export { type CompletionNode, completionTree } from './completion/tree.js';
export { exitCodeFor, explain } from './errors.js';
export { EXIT, type ExitCode } from './exit-codes.js';
export { deriveFlags, type FlagKind, type FlagSpec, kebab } from './flags/derive.js';
export { type FlagInput, readFlags, usageFromIssues } from './flags/read.js';
export { main } from './main.js';
export {
  cacheDir,
  readTokens,
  type TokenCacheTarget,
  tokenCacheFile,
  writeTokens,
} from './token-cache.js';
export { VERSION } from './version.js';
