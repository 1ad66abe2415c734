/**
 * The MCP Bundle (.mcpb) for Claude Desktop: a manifest generated from the tools (so it never
 * drifts), the icon, and the bundled server (dist/bin, which needs no node_modules). Used by
 * `pnpm bundle` and by the test that unpacks and runs it.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allTools } from '../src/tools/index.js';
import { DEFAULT_TOOLSETS } from '../src/tools/selection.js';
import { TOOLSETS } from '../src/tools/types.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  description: string;
  license: string;
};
// The package exports only its library; its CLI sits beside it.
const MCPB_CLI = join(
  dirname(createRequire(join(ROOT, 'package.json')).resolve('@anthropic-ai/mcpb')),
  'cli',
  'cli.js',
);

/** The settings Claude Desktop asks for (none required); the password is kept in the OS keychain. */
const SETTINGS = {
  demo: {
    type: 'boolean',
    title: 'Demo mode',
    description:
      'Try it on the built-in simulator with demo data; no account or network needed. Turn off to use your portal.',
    default: false,
  },
  portal_url: {
    type: 'string',
    title: 'Portal API URL',
    description: 'e.g. https://portal-api.example.net (with or without /v1)',
  },
  client_id: {
    type: 'string',
    title: 'Client id',
    description: 'From the portal: Settings > API access',
  },
  client_origin: {
    type: 'string',
    title: 'Client origin',
    description: 'The origin registered with the client id, e.g. https://service.example.com',
  },
  username: {
    type: 'string',
    title: 'Username',
    description: 'The portal user the assistant acts as (a dedicated, least-privileged user)',
  },
  password: {
    type: 'string',
    title: 'Password',
    description: 'Kept in your keychain',
    sensitive: true,
  },
  read_only: {
    type: 'boolean',
    title: 'Read-only',
    description: 'Serve only tools that change nothing',
    default: false,
  },
  toolsets: {
    type: 'string',
    title: 'Toolsets',
    description: `Comma-separated: ${TOOLSETS.join(', ')}, or all`,
    default: DEFAULT_TOOLSETS.join(','),
  },
  allow_secrets: {
    type: 'boolean',
    title: 'Show node passwords',
    description: 'Let tool output include backup node passwords',
    default: false,
  },
} as const;
const USER_CONFIG = Object.fromEntries(
  Object.entries(SETTINGS).map(([key, setting]) => [key, { ...setting, required: false }]),
);

/** Which environment variable each setting feeds. */
const ENV = {
  CLOUTAPI_DEMO: 'demo',
  CLOUTAPI_URL: 'portal_url',
  CLOUTAPI_CLIENT_ID: 'client_id',
  CLOUTAPI_ORIGIN: 'client_origin',
  CLOUTAPI_USERNAME: 'username',
  CLOUTAPI_PASSWORD: 'password',
  CLOUTAPI_READ_ONLY: 'read_only',
  CLOUTAPI_TOOLSETS: 'toolsets',
  CLOUTAPI_ALLOW_SECRETS: 'allow_secrets',
} as const;

/** The server's file inside the bundle. */
export const ENTRY = 'server/cloutapi-mcp.cjs';

/** manifest.json (MCPB manifest 0.3). */
export function manifest() {
  return {
    manifest_version: '0.3',
    name: 'cloutapi',
    display_name: 'Cloutility (cloutapi)',
    version: pkg.version,
    description:
      'Run your Cloutility backup portal from Claude: enroll machines, check failed backups, audit, billing.',
    long_description:
      'Every Cloutility REST API operation as a safe MCP tool, plus one-call workflows (enroll a machine, failed backups across a business unit, describe a machine). Deletes need confirmation and show a preview first; node passwords are redacted unless allowed; a read-only mode serves only tools that change nothing. Turn on Demo mode to try it on a built-in simulator.',
    author: { name: 'cloutapi contributors' },
    license: pkg.license,
    keywords: ['cloutility', 'backup', 'ibm storage protect', 'spectrum protect', 'baas'],
    icon: 'icon.png',
    server: {
      type: 'node',
      entry_point: ENTRY,
      mcp_config: {
        command: 'node',
        args: [`\${__dirname}/${ENTRY}`],
        env: Object.fromEntries(
          Object.entries(ENV).map(([variable, key]) => [variable, `\${user_config.${key}}`]),
        ),
      },
    },
    tools: allTools().map((t) => ({ name: t.name, description: t.title })),
    tools_generated: false,
    user_config: USER_CONFIG,
    compatibility: { platforms: ['darwin', 'win32', 'linux'], runtimes: { node: '>=20.19.0' } },
  };
}

/** Runs the mcpb CLI (validate, pack, unpack) and returns its output. */
export function mcpb(...args: string[]): string {
  return execFileSync(process.execPath, [MCPB_CLI, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * Stages manifest, icon and the bundled server in `dist/mcpb/`, validates the manifest and packs
 * `dist/cloutapi-mcp-<version>.mcpb`. Needs `pnpm build` first.
 */
export function buildBundle(): string {
  const stage = join(ROOT, 'dist', 'mcpb');
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(join(stage, 'server'), { recursive: true });
  const built = join(ROOT, 'dist', 'bin');
  // The launcher (an ES module) and the server bundle it loads (CommonJS).
  const files = readdirSync(built).filter((f) => f.endsWith('.js') || f.endsWith('.cjs'));
  if (!files.includes('cloutapi-mcp.cjs'))
    throw new Error('dist/bin/cloutapi-mcp.cjs is missing: run pnpm build first');
  for (const file of files) copyFileSync(join(built, file), join(stage, 'server', file));
  copyFileSync(join(ROOT, 'assets', 'icon.png'), join(stage, 'icon.png'));
  writeFileSync(join(stage, 'manifest.json'), `${JSON.stringify(manifest(), null, 2)}\n`);
  mcpb('validate', join(stage, 'manifest.json'));
  const out = join(ROOT, 'dist', `cloutapi-mcp-${pkg.version}.mcpb`);
  rmSync(out, { force: true });
  mcpb('pack', stage, out);
  return out;
}
