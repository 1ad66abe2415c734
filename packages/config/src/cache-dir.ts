import { mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

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

/**
 * Makes `dir` (and missing parents) private to the user (mode 0700) and says why it must not hold
 * what the apps keep there, or undefined when it may: it must be the user's own and writable by
 * nobody else, itself and the folder above it (compiled code found there runs as the program).
 */
export function privateDirProblem(dir: string): string | undefined {
  try {
    // The folder above first: nothing is made inside a folder that is not the user's own.
    for (const folder of [dirname(dir), dir]) {
      mkdirSync(folder, { recursive: true, mode: 0o700 });
      const stat = statSync(folder);
      const uid = process.getuid?.();
      if (uid !== undefined && stat.uid !== uid)
        return `${folder} belongs to user id ${stat.uid}, not to you`;
      if (stat.mode & 0o022) return `others may write in ${folder}`;
    }
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
