import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The apps' per-user data folder, for what must outlive a cache clean (the team MCP server's
 * embedded store): `CLOUTAPI_DATA_DIR`, else `$XDG_DATA_HOME/cloutapi`, else the platform's user
 * data folder.
 */
export function dataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (env.CLOUTAPI_DATA_DIR) return env.CLOUTAPI_DATA_DIR;
  if (env.XDG_DATA_HOME) return join(env.XDG_DATA_HOME, 'cloutapi');
  if (platform === 'win32')
    return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'cloutapi');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'cloutapi');
  return join(home, '.local', 'share', 'cloutapi');
}
