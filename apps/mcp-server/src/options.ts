import { parseArgs } from 'node:util';

/** How the server runs, from flags and CLOUTAPI_* variables (flags win). */
export interface RunOptions {
  demo: boolean;
  readOnly: boolean;
  allowSecrets: boolean;
  toolsets: string[] | undefined;
  http: boolean;
  host: string;
  port: number;
  config: string | undefined;
  debug: boolean;
  token: string | undefined;
  allowedHosts: string[];
  allowedOrigins: string[];
  help: boolean;
  version: boolean;
}

export const USAGE = `cloutapi-mcp: every Cloutility API operation as an MCP tool

Usage: cloutapi-mcp [options]

  --demo                 run on the embedded simulator with demo data (no account needed)
  --read-only            serve no tool that writes or deletes        (CLOUTAPI_READ_ONLY=1)
  --toolsets a,b | all   areas to serve: bunits, consumers, nodes, audit, reports, jobs,
                         billing, catalog, proxies, workflows          (CLOUTAPI_TOOLSETS)
                         default: workflows,consumers,reports
  --allow-secrets        show node passwords in tool output           (CLOUTAPI_ALLOW_SECRETS=1)
  --config PATH          the Go client's cloutility-api-client.yaml
  --http                 serve Streamable HTTP at http://HOST:PORT/mcp instead of stdio
  --host HOST            default 127.0.0.1; any other needs CLOUTAPI_MCP_TOKEN
  --port PORT            default 8765 (0: any free port)
  --allowed-host H       also accept this Host header (repeatable)
  --allowed-origin O     also accept this Origin header (repeatable)
  --debug                log HTTP calls to stderr (redacted)
  -h, --help             this help;  -v, --version  the version

Connection: CLOUTAPI_URL, CLOUTAPI_CLIENT_ID, CLOUTAPI_ORIGIN, CLOUTAPI_USERNAME,
CLOUTAPI_PASSWORD, or cloutility-api-client.yaml (current or home directory). Logs go to stderr.`;

const truthy = (v: string | undefined) => v !== undefined && /^(1|true|yes|on)$/i.test(v);

/** Parses argv and the environment. @throws Error on an unknown flag or a bad value. */
export function parseRunOptions(argv: readonly string[], env: NodeJS.ProcessEnv): RunOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      demo: { type: 'boolean' },
      'read-only': { type: 'boolean' },
      'allow-secrets': { type: 'boolean' },
      toolsets: { type: 'string' },
      http: { type: 'boolean' },
      host: { type: 'string' },
      port: { type: 'string' },
      config: { type: 'string' },
      debug: { type: 'boolean' },
      'allowed-host': { type: 'string', multiple: true },
      'allowed-origin': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
  const port = Number(values.port ?? env.CLOUTAPI_MCP_PORT ?? 8765);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be a port number (0-65535), not "${values.port}"`);
  const toolsets = values.toolsets ?? env.CLOUTAPI_TOOLSETS;
  return {
    demo: values.demo ?? truthy(env.CLOUTAPI_DEMO),
    readOnly: values['read-only'] ?? truthy(env.CLOUTAPI_READ_ONLY),
    allowSecrets: values['allow-secrets'] ?? truthy(env.CLOUTAPI_ALLOW_SECRETS),
    toolsets: toolsets ? toolsets.split(',') : undefined,
    http: values.http ?? false,
    host: values.host ?? env.CLOUTAPI_MCP_HOST ?? '127.0.0.1',
    port,
    config: values.config,
    debug: values.debug ?? truthy(env.CLOUTAPI_DEBUG),
    token: env.CLOUTAPI_MCP_TOKEN || undefined,
    allowedHosts: values['allowed-host'] ?? [],
    allowedOrigins: values['allowed-origin'] ?? [],
    help: values.help ?? false,
    version: values.version ?? false,
  };
}
