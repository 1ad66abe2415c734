import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The apps' per-user cache directory (tokens of the CLI, compiled code of both bins):
 * `CLOUTAPI_CACHE_DIR`, else `$XDG_CACHE_HOME/cloutapi`, else the platform's user cache folder.
 */
export function cacheDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (env.CLOUTAPI_CACHE_DIR) return env.CLOUTAPI_CACHE_DIR;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'cloutapi');
  if (platform === 'win32')
    return join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'cloutapi');
  return join(home, '.cache', 'cloutapi');
}

/** The rule for a folder only its user may write to: one rule, in resources. */
export { privateDirProblem } from '@cloutapi/resources/private-dir';
