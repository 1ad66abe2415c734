/**
 * `@cloutapi/config`: where the cloutapi apps (CLI, MCP server) get their settings, in one place.
 *
 * @packageDocumentation
 */
export { type Demo, startDemo } from './demo.js';
export {
  CONFIG_FILE_NAME,
  describeSettings,
  ENV_VARS,
  findConfigFile,
  type LoadOptions,
  loadSettings,
  type SettingFlags,
  type SettingSource,
  type Settings,
  toCloutilityOptions,
} from './settings.js';
export { isCleartextRemote, isLoopbackHost, maskUrlCredentials } from './url-safety.js';
