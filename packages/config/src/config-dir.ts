import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The apps' per-user settings folder (the profiles file): `CLOUTAPI_CONFIG_DIR`, else
 * `$XDG_CONFIG_HOME/cloutapi`, else the platform's user settings folder: `%APPDATA%\cloutapi` on
 * Windows, `~/Library/Application Support/cloutapi` on macOS, `~/.config/cloutapi` elsewhere.
 */
export function configDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (env.CLOUTAPI_CONFIG_DIR) return env.CLOUTAPI_CONFIG_DIR;
  if (env.XDG_CONFIG_HOME) return join(env.XDG_CONFIG_HOME, 'cloutapi');
  if (platform === 'win32')
    return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'cloutapi');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'cloutapi');
  return join(home, '.config', 'cloutapi');
}
