import { TOOLSETS, type Toolset } from './types.js';

/**
 * The toolsets enabled when none are chosen: the one-call workflows plus the areas behind the
 * everyday questions (which machines, how did last night go). Small enough to leave room in a
 * model's context; `all` enables every tool.
 */
export const DEFAULT_TOOLSETS: readonly Toolset[] = ['workflows', 'consumers', 'reports'];

/** Which tools to serve. */
export interface ToolSelection {
  /** Toolset names, or `all`; default {@link DEFAULT_TOOLSETS}. */
  toolsets?: readonly string[] | undefined;
  /** Remove every tool that writes or destroys. */
  readOnly?: boolean | undefined;
}

/**
 * The tools (or catalog entries) of the chosen toolsets, without the writing ones in read-only
 * mode. Kept free of heavy imports: the server selects from its prebuilt catalog at start.
 *
 * @throws Error naming an unknown toolset and the valid ones.
 */
export function selectTools<T extends { toolset: Toolset; writes: boolean }>(
  tools: readonly T[],
  selection: ToolSelection = {},
): T[] {
  const chosen = parseToolsets(selection.toolsets);
  return tools.filter((t) => chosen.has(t.toolset) && !(selection.readOnly && t.writes));
}

/** Parses toolset names (`all` for every one). */
export function parseToolsets(names: readonly string[] | undefined): Set<Toolset> {
  if (!names || names.length === 0) return new Set(DEFAULT_TOOLSETS);
  const clean = names.map((n) => n.trim().toLowerCase()).filter(Boolean);
  if (clean.includes('all')) return new Set(TOOLSETS);
  const unknown = clean.filter((n) => !(TOOLSETS as readonly string[]).includes(n));
  if (unknown.length)
    throw new Error(
      `unknown toolset ${unknown.join(', ')}; choose from ${TOOLSETS.join(', ')} or all`,
    );
  return new Set(clean as Toolset[]);
}

/**
 * Why each tool the selection leaves out is not served, and what would serve it: a call to one
 * answers with this instead of "no such tool".
 */
export function unservedTools<T extends { name: string; toolset: Toolset; writes: boolean }>(
  tools: readonly T[],
  selection: ToolSelection = {},
): Map<string, Unserved> {
  const chosen = parseToolsets(selection.toolsets);
  const sets = [...chosen].join(',');
  const out = new Map<string, Unserved>();
  for (const t of tools) {
    if (selection.readOnly && t.writes)
      out.set(t.name, {
        why: 'the server runs read-only (--read-only or CLOUTAPI_READ_ONLY); start it without read-only to use it',
        short: 'not served: read-only',
      });
    else if (!chosen.has(t.toolset))
      out.set(t.name, {
        why: `it is in toolset ${t.toolset}, which is not enabled; enable it with --toolsets ${sets},${t.toolset} or CLOUTAPI_TOOLSETS=${sets},${t.toolset} (or all)`,
        short: `toolset ${t.toolset}, not enabled`,
      });
  }
  return out;
}

/** Why a tool is not served: in full (a call to it) and in short (a mention of it). */
export interface Unserved {
  why: string;
  short: string;
}
