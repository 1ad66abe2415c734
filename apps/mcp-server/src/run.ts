import { join } from 'node:path';
import {
  demoSettings,
  loadConnectionSettings,
  loadServedProfiles,
  loadSettings,
  type ServedProfiles,
  type Settings,
  toCloutilityOptions,
} from '@cloutapi/config';
import { cacheDir, privateDirProblem } from '@cloutapi/config/cache-dir';
import type { Cloutility } from '@cloutapi/resources';
import type { Demo } from '@cloutapi/simulator';
import { instructions } from './instructions.js';
import { refuseOpenWithoutToken } from './loopback.js';
import { folderOnceStore } from './once-folder.js';
import type { RunOptions } from './options.js';
import { PORTAL_RETRY } from './portal-retry.js';
import type { ProfileRouting } from './profiles.js';
import { type ServerSetup, serveStdio } from './sdk.js';
import { folderSnapshotStore } from './snapshots.js';
import { folderTaskStore } from './tasks/folder.js';
import catalogJson from './tools/catalog.generated.json' with { type: 'json' };
import type { CatalogEntry } from './tools/catalog.js';
import { createConfirmations } from './tools/confirmation.js';
import { selectTools, unservedTools } from './tools/selection.js';
import type { ToolDefinition } from './tools/types.js';
import { VERSION } from './version.js';

const CATALOG = catalogJson as CatalogEntry[];

const log = (line: string) => process.stderr.write(`cloutapi-mcp: ${line}\n`);

/**
 * Runs the server until the client goes away (stdio) or a signal arrives (HTTP). Nothing is sent
 * to the portal before the first tool call: signing in happens then.
 */
export async function run(options: RunOptions, onStarted?: () => void): Promise<void> {
  // Refused before anything starts (a demo simulator would keep the process alive). The team
  // server needs no shared token: every person signs in.
  if (options.http && options.auth !== 'oauth') refuseOpenWithoutToken(options.host, options.token);
  // The profiles served (several portals or accounts), read now: a bad name stops the start.
  const served =
    options.demo || options.auth === 'oauth'
      ? undefined
      : await loadServedProfiles({
          names: options.profiles,
          configPath: options.config,
          flagHints: false,
        });
  const routing = served && routingOf(served, options.readOnly);
  // Listed from the prebuilt catalog; the tools (registry, zod) load at the first tools/call.
  // Writes are served while one profile may take them; each call is checked against its own.
  const selection = {
    toolsets: options.toolsets,
    readOnly: options.readOnly || (routing?.profiles.every((p) => p.readOnly) ?? false),
  };
  const catalog = selectTools(CATALOG, selection);
  let tools: Promise<readonly ToolDefinition[]> | undefined;
  const loadTools = () => {
    const names = new Set(catalog.map((t) => t.name));
    tools ??= import('./tools/index.js').then((m) => m.allTools().filter((t) => names.has(t.name)));
    return tools;
  };
  let demo: Demo | undefined;
  let client: Promise<Cloutility> | undefined;
  const profileClients = new Map<string, Promise<Cloutility>>();
  let team: Awaited<ReturnType<typeof import('./team/start.js').openTeam>> | undefined;
  const shutdown = async () => {
    for (const made of [client, ...profileClients.values()])
      if (made) await (await made.catch(() => undefined))?.client.close();
    await team?.store.close();
    await demo?.stop();
  };
  try {
    if (options.demo) {
      // The simulator loads only in demo mode.
      const { startDemo } = await import('@cloutapi/simulator');
      demo = await startDemo();
      log(`demo mode: the embedded simulator runs at ${demo.url} with seeded demo data`);
    }
    // Without settings the server starts all the same (a fresh install lists its tools); each
    // call then says how to configure it, and reads the settings again (a fixed file works).
    let settings: Settings | undefined = demo
      ? demoSettings(demo)
      : served?.settings.get(served.defaultName);
    const readSettings = async () => {
      settings ??= await loadSettings({ configPath: options.config, flagHints: false });
      return settings;
    };
    try {
      // The team server has no account of its own: it reads the portal's address when it starts.
      if (options.auth !== 'oauth') await readSettings();
    } catch (error) {
      log(`not configured yet: ${(error as Error).message.replace(/^Invalid option "\w+": /, '')}`);
    }
    const clientOf = async (current: Settings) => {
      const { createCloutility } = await import('@cloutapi/resources');
      return createCloutility({
        ...toCloutilityOptions(current),
        retry: PORTAL_RETRY,
        debug: options.debug ? log : false,
      });
    };
    const connect = (profile?: string) => {
      const chosen = profile === undefined ? undefined : served?.settings.get(profile);
      if (chosen && profile !== undefined) {
        const made = profileClients.get(profile) ?? clientOf(chosen);
        profileClients.set(profile, made);
        return made;
      }
      // Rejects with the how-to-configure error until configured, and asks again next time.
      client ??= readSettings()
        .then(clientOf)
        .catch((error: unknown) => {
          client = undefined;
          throw error;
        });
      return client;
    };
    // The team store, for the team server or when given: what instances behind one address share.
    // The team server's portal (no username or password: each person brings their own), read
    // before the store is opened or made, so a missing setting leaves nothing behind.
    const portal =
      options.auth !== 'oauth'
        ? undefined
        : demo
          ? demoSettings(demo)
          : await loadConnectionSettings({ configPath: options.config, flagHints: false }).catch(
              (error: Error) => {
                const why = error.message.replace(/^Invalid option "\w+": /, '');
                throw new Error(`the team server needs the portal's address: ${why}`);
              },
            );
    if (options.http && (options.auth === 'oauth' || options.store)) {
      const { openTeam, describeStore } = await import('./team/start.js');
      team = await openTeam(options.store, {
        current: options.stateKey,
        previous: options.stateKeyPrevious,
        file: options.stateKeyFile,
      });
      log(describeStore(team.where));
    }
    // HTTP instances behind one address share these through the team store or the cache folder.
    const shared = <T>(name: string, make: (dir: string) => T) => {
      const dir = options.http ? sharedFolder(name, log) : undefined;
      return dir ? make(dir) : undefined;
    };
    const confirmations = createConfirmations({
      key: team?.keys.current ?? options.stateKey,
      // HTTP instances behind one address share the record of used confirmations.
      once: team?.store.once ?? shared('mcp-confirmations', folderOnceStore),
    });
    const setup: ServerSetup = {
      catalog,
      loadTools,
      version: VERSION,
      context: { connect, allowSecrets: options.allowSecrets, enrollLock: team?.store.enrollLock },
      profiles: routing,
      instructions: instructions(selection.readOnly, options.allowSecrets, routing),
      toolIcons: options.toolIcons,
      onListed: onStarted && once(onStarted),
      unserved: unservedTools(CATALOG, selection),
      confirmations,
      snapshots: team?.store.snapshots ?? shared('mcp-snapshots', folderSnapshotStore),
      // Sealed with the state key: instances that share it answer for each other's tasks.
      tasks:
        team?.store.tasks ?? shared('mcp-tasks', (dir) => folderTaskStore(dir, confirmations.key)),
    };
    if (options.ignored.length > 0)
      log(
        `${options.ignored.join(', ')}: ignored; HTTP keeps no sessions (every request stands alone)`,
      );
    if (options.auth !== 'oauth')
      log(
        `${catalog.length} tools${selection.readOnly ? ', read-only' : ''}; ${routing ? describeProfiles(routing) : `portal ${settings?.url ?? '(not configured)'}`}`,
      );

    if (!options.http) {
      await serveStdio(setup);
      return;
    }
    // Loaded only for --http: it brings an HTTP framework whose start-up stdio does not need.
    const { startHttpServer } = await import('./http.js');
    const teamServer = team && portal ? await teamServerOf(options, team, portal) : undefined;
    const http = await startHttpServer(setup, {
      host: options.host,
      port: options.port,
      token: options.token,
      allowedHosts: options.allowedHosts,
      allowedOrigins: options.allowedOrigins,
      publicUrl: options.publicUrl,
      team: teamServer,
      log,
    });
    const publicNote = options.publicUrl ? ` (clients use ${options.publicUrl}/mcp)` : '';
    const teamNote = teamServer ? ' (people sign in with their portal account: OAuth)' : '';
    log(`Streamable HTTP at ${http.url}${publicNote}${teamNote}`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await http.close();
  } finally {
    await shutdown();
  }
}

/**
 * The team server's routes, made once the address is known: the portal's URL, client id and
 * origin from the usual settings (no username or password: each person brings their own).
 */
async function teamServerOf(
  options: RunOptions,
  team: NonNullable<Awaited<ReturnType<typeof import('./team/start.js').openTeam>>>,
  portal: Pick<Settings, 'url' | 'clientId' | 'origin'>,
) {
  const { teamRoutes } = await import('./team/server.js');
  // Made now, so a bad CLOUTAPI_MCP_CIMD_ALLOW_HOSTS entry stops the start with one line.
  const { clientIdUrlPolicy, pinnedFetch } = await import('./team/oauth/client-id-urls.js');
  const allowClientIdUrl = clientIdUrlPolicy({ allowPrivate: options.clientIdHosts });
  const fetchClientIdUrl = pinnedFetch({ allowPrivate: options.clientIdHosts });
  // What the operator serves (--toolsets, --read-only; all by default); each person chooses within.
  const catalog = selectTools(CATALOG, {
    toolsets: options.toolsets ?? ['all'],
    readOnly: options.readOnly,
  });
  let tools: Promise<readonly ToolDefinition[]> | undefined;
  const loadTools = () => {
    tools ??= import('./tools/index.js').then((m) => m.allTools());
    return tools;
  };
  log(`team server for the portal ${portal.url}; ${catalog.length} tools, each person chooses`);
  return (origin: string) =>
    teamRoutes({
      publicUrl: origin,
      store: team.store,
      keys: team.keys,
      portal,
      trustProxy: options.trustProxy,
      catalog,
      loadTools,
      version: VERSION,
      allowSecrets: options.allowSecrets,
      toolIcons: options.toolIcons,
      perMinute: options.rateLimit,
      concurrent: options.maxConcurrent,
      allowClientIdUrl,
      fetchClientIdUrl,
      log,
      debug: options.debug ? log : undefined,
    });
}

/**
 * The profiles as the server shows them, the default first; all read-only with --read-only. A
 * profile's portal client refuses writes too (resources' rule), whatever the tool.
 */
function routingOf(served: ServedProfiles, readOnly: boolean): ProfileRouting {
  return {
    defaultName: served.defaultName,
    profiles: [...served.settings].map(([name, s]) => ({
      name,
      url: s.url,
      username: s.username,
      readOnly: readOnly || (s.profile?.readOnly ?? false),
    })),
  };
}

/** `profiles prod (default, read-only), test`, for the start-up line. */
function describeProfiles(routing: ProfileRouting): string {
  const names = routing.profiles.map((p) => {
    const notes = [p.name === routing.defaultName ? 'default' : '', p.readOnly ? 'read-only' : '']
      .filter(Boolean)
      .join(', ');
    return notes ? `${p.name} (${notes})` : p.name;
  });
  return `${routing.profiles.length === 1 ? 'profile' : 'profiles'} ${names.join(', ')}`;
}

/**
 * A folder of the cache folder that HTTP instances behind one address share (used confirmations,
 * paged results), if it is the user's own; otherwise undefined and memory serves.
 */
function sharedFolder(name: string, log: (line: string) => void): string | undefined {
  const dir = join(cacheDir(), name);
  const refused = privateDirProblem(dir);
  if (!refused) return dir;
  log(`${name} is kept in memory only: ${refused}`);
  return undefined;
}

function once(fn: () => void): () => void {
  let called = false;
  return () => {
    if (called) return;
    called = true;
    fn();
  };
}
