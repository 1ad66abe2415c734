#!/usr/bin/env node
// stdout carries JSON-RPC only: everything here logs to stderr, except --help and --version,
// which a person asked for and which start no server.
import { parseRunOptions, USAGE } from './options.js';

// An MCP Bundle host may pass a setting the user left empty as its unexpanded placeholder.
for (const [key, value] of Object.entries(process.env)) {
  if (key.startsWith('CLOUTAPI_') && /^\$\{user_config\.[\w.-]+\}$/.test(value ?? ''))
    delete process.env[key];
}

try {
  const options = parseRunOptions(process.argv.slice(2), process.env);
  if (options.help) {
    process.stdout.write(`${USAGE}\n`); // stdout-ok: --help
  } else if (options.version) {
    const { VERSION } = await import('./version.js');
    process.stdout.write(`${VERSION}\n`); // stdout-ok: --version
  } else {
    // Loaded only now, so --help and a bad flag answer at once.
    const { run } = await import('./run.js');
    await run(options);
  }
} catch (error) {
  const message = (error as Error).message;
  const usage = /option|argument/i.test(message) ? ' (see cloutapi-mcp --help)' : '';
  process.stderr.write(`cloutapi-mcp: ${message}${usage}\n`);
  process.exitCode = 2;
}
