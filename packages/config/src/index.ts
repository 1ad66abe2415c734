/**
 * `@cloutapi/config`: where the cloutapi apps (CLI, MCP server) get their settings, in one place.
 *
 * @packageDocumentation
 */
export { cacheDir, privateDirProblem } from './cache-dir.js';
export { dataDir } from './data-dir.js';
export {
  CONFIG_FILE_NAME,
  type ConnectionSettings,
  type DemoTarget,
  demoSettings,
  describeSettings,
  ENV_VARS,
  findConfigFile,
  type LoadOptions,
  loadConnectionSettings,
  loadSettings,
  type SettingFlags,
  type SettingSource,
  type Settings,
  toCloutilityOptions,
} from './settings.js';
export { isCleartextRemote, isLoopbackHost, maskUrlCredentials } from './url-safety.js';
