import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The public Go CLI (safespring-community/cloutility-api-client), built outside this repo. */
export interface GoCli {
  path: string;
  /** The Go toolchain it was built with, e.g. `go1.19.8`, or `go version`'s when unreadable. */
  goVersion: string;
  /** The source commit, or `commit not recorded`. */
  commit: string;
}

/** Where `../shared/tools/build-go-cli.sh` puts it. */
export const defaultGoCliPath = () =>
  join(process.env.TMPDIR ?? '/tmp', 'go-cli', 'cloutility-api-client');

/**
 * The Go CLI at `CLOUTAPI_BENCH_GO_CLI` (default: the build script's output), or undefined when
 * there is none. Its commit comes from `CLOUTAPI_BENCH_GO_COMMIT` or a `<binary>.commit` file.
 */
export function findGoCli(env: NodeJS.ProcessEnv = process.env): GoCli | undefined {
  const path = env.CLOUTAPI_BENCH_GO_CLI ?? defaultGoCliPath();
  if (!existsSync(path)) return undefined;
  const commitFile = `${path}.commit`;
  const commit =
    env.CLOUTAPI_BENCH_GO_COMMIT ??
    (existsSync(commitFile) ? readFileSync(commitFile, 'utf8').trim() : 'commit not recorded');
  return { path, goVersion: goVersionOf(path), commit };
}

/** `go version BINARY` reads the toolchain from the binary itself; plain `go version` otherwise. */
function goVersionOf(path: string): string {
  for (const args of [['version', path], ['version']]) {
    try {
      const out = execFileSync('go', args, {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      const version = /go\d+\.\d+(\.\d+)?/.exec(out)?.[0];
      if (version) return version;
    } catch {
      // no go on PATH, or not a Go binary: try the next
    }
  }
  return 'Go version unknown';
}

/**
 * Writes the Go CLI's `cloutility-api-client.yaml` into `dir` (it reads it from its current
 * directory) and returns how to run it there: the folder and an environment in which it trusts
 * the portal's self-signed certificate (`SSL_CERT_FILE`).
 */
export function goCliSetup(
  dir: string,
  portal: { url: string; caFile: string },
  user: { clientId: string; origin: string; username: string; password: string },
): { cwd: string; env: NodeJS.ProcessEnv } {
  const yaml = [
    `url: ${portal.url}`,
    `client_id: ${user.clientId}`,
    `username: ${user.username}`,
    `password: ${user.password}`,
    `client_origin: ${user.origin}`,
  ];
  writeFileSync(join(dir, 'cloutility-api-client.yaml'), `${yaml.join('\n')}\n`);
  return { cwd: dir, env: { PATH: process.env.PATH, HOME: dir, SSL_CERT_FILE: portal.caFile } };
}
