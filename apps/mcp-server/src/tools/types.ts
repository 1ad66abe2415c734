import type { CallOptions, Cloutility, EnrollLockProvider } from '@cloutapi/resources';
import { AREA_TOOLSETS, type AreaToolset } from '@cloutapi/resources/areas';
import type { ExampleContext } from '@cloutapi/simulator/examples';
import type { z } from 'zod';
import type { ServedProfile } from '../profiles.js';
import type { SnapshotStore } from '../snapshots.js';
import type { AskedState, Confirmations } from './confirmation.js';

/**
 * A group of tools, chosen with --toolsets: the toolset each API area declares (`defineArea` in
 * resources' operations/<area>.ts), `workflows`, or `bulk` (many machines in one call: long jobs,
 * left out of the default set to keep its tools/list small).
 */
export type Toolset = AreaToolset | 'workflows' | 'bulk';
/** Every toolset: the areas' (read without loading the registry), then the hand-written ones. */
export const TOOLSETS: readonly Toolset[] = [...AREA_TOOLSETS, 'workflows', 'bulk'];

/** What a tool handler may use. */
export interface ToolContext {
  clout: Cloutility;
  /** Show node passwords (started with --allow-secrets). */
  allowSecrets: boolean;
  /** Reports progress when the client asked for it (a progress token); a no-op otherwise. */
  progress(done: number, total: number | undefined, message: string): Promise<void>;
  signal: AbortSignal;
  /**
   * What every portal request of this call takes: the signal, and the caller's W3C `traceparent`
   * (from the request's `_meta`), so the call's portal requests continue its trace.
   */
  call: CallOptions;
  /** This server's confirmations: preview tokens and questions, signed with its key. */
  confirmations: Confirmations;
  /** Results kept for paging: a later page reads what the first computed. */
  snapshots: SnapshotStore;
  /**
   * Whether the user can be asked through the client (form elicitation: as an input request on
   * 2026-07-28, as an elicitation the SDK sends on a 2025 connection that can take one).
   */
  canAsk: boolean;
  /** The user's answer this call carries (a retry after a {@link Question}), its state verified. */
  answer?: Answer | undefined;
  /**
   * Where enrollments of one machine wait for each other: instances sharing PostgreSQL hold its
   * advisory locks; by default, lock files of this machine.
   */
  enrollLock?: EnrollLockProvider | undefined;
  /** The profile this call runs on, when the server serves several. */
  profile?: ServedProfile | undefined;
  /** Every profile served, the default first, when the server serves several (whoami lists them). */
  profiles?: readonly ServedProfile[] | undefined;
  /** Told what a destructive call was confirmed to remove, just before it goes ahead (audit). */
  confirmed?: ((impact: { affected: unknown; preview: string }) => void) | undefined;
}

/** A yes/no question for the user, asked before the call goes on (see `ToolContext.canAsk`). */
export interface Question {
  message: string;
  /** What was asked about: signed into the request state, handed back with the answer. */
  asked: AskedState;
}

/** The user's answer to a {@link Question}. */
export interface Answer {
  action: 'accept' | 'decline' | 'cancel';
  /** The form's yes. */
  confirmed: boolean;
  asked: AskedState;
}

/** A tool's answer: compact text for the model plus structured content matching the output schema. */
export interface ToolResult {
  text: string;
  structured: Record<string, unknown>;
  /** A refusal the model must act on (e.g. a destructive call without its preview's token). */
  isError?: boolean;
  /** Ask the user first: the call is answered with this question, and made again with the answer. */
  ask?: Question | undefined;
}

/** MCP's four behaviour hints, always set explicitly. */
export interface ToolAnnotations {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

/** One MCP tool: everything the registry test checks and the server lists, side by side. */
export interface ToolDefinition {
  name: string;
  title: string;
  description: string;
  toolset: Toolset;
  /** The flat, strict input schema; validated before the handler runs. */
  input: z.ZodObject;
  /** The JSON Schema of `structured`. */
  outputSchema: Record<string, unknown>;
  annotations: ToolAnnotations;
  /** Removed in read-only mode. */
  writes: boolean;
  /**
   * A long job: run as a task (the `io.modelcontextprotocol/tasks` extension) when the client's
   * request declares it; otherwise in the call, with progress notifications.
   */
  task?: boolean;
  handler(input: Record<string, unknown>, ctx: ToolContext): Promise<ToolResult>;
  /**
   * A workflow tool's valid input against the demo data, next to it; the MCP scenario test calls
   * the tool with it (an operation tool's example is its registry declaration's).
   */
  example?: (x: ExampleContext) => object | Promise<object>;
}
