/**
 * The runtime for the `User-Agent`: `deno/<v>`, `bun/<v>` or `node/<v>` (Bun and Deno also
 * answer to `process.versions.node`, so they are asked first), read from globals so that the SDK
 * imports no runtime module.
 */
export function runtimeTag(): string {
  const g = globalThis as {
    Deno?: { version?: { deno?: string } };
    Bun?: { version?: string };
    process?: { versions?: { node?: string } };
  };
  if (g.Deno?.version?.deno) return `deno/${g.Deno.version.deno}`;
  if (g.Bun?.version) return `bun/${g.Bun.version}`;
  if (g.process?.versions?.node) return `node/${g.process.versions.node}`;
  return 'js';
}
