/**
 * `@cloutapi/config`: where the cloutapi apps (CLI, MCP server) get their settings, in one place.
 *
 * @packageDocumentation
 */
export { cacheDir, privateDirProblem } from './cache-dir.js';
export { configDir } from './config-dir.js';
export { dataDir } from './data-dir.js';
export { createSecretFileOnce, writeFileReplacing } from './private-file.js';
export {
  removeProfile,
  type SaveOptions,
  saveProfile,
  setDefaultProfile,
} from './profiles/edit.js';
export {
  knownNames,
  PROFILE_NAME,
  PROFILES_FILE_NAME,
  type Profile,
  type ProfilesFile,
  type ProfilesLocation,
  pickProfile,
  profilesFilePath,
  readProfilesFile,
} from './profiles/file.js';
export { KEYCHAIN_SERVICE, type Keychain, openKeychain } from './profiles/keychain.js';
export { readPassword, runPasswordCommand } from './profiles/password.js';
export {
  DEFAULT_COMMAND_TIMEOUT_MS,
  describePasswordSource,
  type PasswordSource,
} from './profiles/password-source.js';
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
  loadServedProfiles,
  loadSettings,
  type Password,
  type ProfileInfo,
  profileOptions,
  profileSettings,
  type ServedProfiles,
  type SettingFlags,
  type SettingSource,
  type Settings,
  toCloutilityOptions,
} from './settings.js';
export { isCleartextRemote, isLoopbackHost, maskUrlCredentials } from './url-safety.js';
