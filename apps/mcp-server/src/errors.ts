import { operations } from '@cloutapi/resources';
import {
  AuthenticationError,
  CloutilityError,
  ConfigurationError,
  ConflictError,
  ConnectionError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  ServerError,
  TimeoutError,
  ValidationError,
} from '@cloutapi/resources/errors';
import type { z } from 'zod';
import { withToolNames } from './tools/naming.js';

/**
 * The text of a tool error: what went wrong and how to fix the call, or what else to do when
 * the call is not at fault (the portal down, busy, or the role too small). For a missing object
 * it says which tools list the valid ids of the call's id fields. Registry operation names in
 * messages (`catalog.operatingSystems`) become the tools a model can call.
 */
export function toolErrorText(
  error: unknown,
  toolName: string,
  input: z.ZodObject,
  args: Record<string, unknown>,
  /** Whether the error came before the tool ran (its input check): then nothing was sent. */
  before = false,
): string {
  return withToolNames(errorText(error, toolName, input, args, before), operations);
}

function errorText(
  error: unknown,
  toolName: string,
  input: z.ZodObject,
  args: Record<string, unknown>,
  before: boolean,
): string {
  if (error instanceof ConfigurationError) {
    return `cloutapi-mcp is not configured, so ${toolName} cannot reach a portal: ${error.issues[0]?.message ?? error.message}\nSet them where the assistant starts the server (in Claude Desktop: the extension's settings) and restart it, or put them in cloutility-api-client.yaml (read again at the next call). To try it without an account: Demo mode, CLOUTAPI_DEMO=1 or --demo.`;
  }
  if (error instanceof ValidationError && error.status === undefined) {
    const issues = error.issues.map((i) => `- ${i.path}: ${i.message}`).join('\n');
    // A workflow's own check may come after its lookups (a unit found by name): then reads were
    // sent, and only "nothing was changed" is true.
    const nothing = before ? 'nothing was sent' : 'nothing was changed';
    return `Invalid input for ${toolName}; ${nothing}.\n${issues || error.message}\nFix these fields and call ${toolName} again.`;
  }
  if (!(error instanceof CloutilityError)) {
    return `${toolName} failed: ${error instanceof Error ? error.message : String(error)}`;
  }
  const ids = idHints(input, args);
  const applied = error.mayHaveBeenApplied
    ? ' The change may have been applied: read the object before repeating it.'
    : '';
  if (error instanceof NotFoundError) {
    return `${error.message}\nOne of the ids does not exist or is not visible to this user.${ids ? ` Where valid ids come from: ${ids}.` : ''}`;
  }
  if (error instanceof ValidationError) {
    return `The portal refused the values: ${error.message}\nCheck the fields against the tool's schema${ids ? ` (${ids})` : ''} and try again.`;
  }
  if (error instanceof AuthenticationError) {
    return `Sign-in failed: ${error.message}\nThe MCP server's credentials (CLOUTAPI_* settings) need fixing; retrying will not help.`;
  }
  if (error instanceof PermissionError)
    return `Not allowed: ${error.message}\nYour role may not allow this: the portal user the server signs in as (CLOUTAPI_USERNAME) needs a role with this right, or the object is outside its business units. Retrying will not help.`;
  if (error instanceof ConflictError)
    return `Conflict with the current state: ${error.message}\nRead the object again before deciding what to do.`;
  if (error instanceof RateLimitError) {
    const wait = Math.max(1, Math.ceil((error.retryAfterMs ?? 30_000) / 1000));
    return `The portal is limiting requests: ${error.message}\nRetry after ${wait} s; make fewer calls meanwhile.${applied}`;
  }
  if (error instanceof ServerError) {
    return `The portal failed (${error.status ?? '5xx'}): ${error.message}\nThis is the portal's fault, not the call's: retry in a minute${applied ? '' : ' with the same arguments'}; if it keeps failing, the portal's operators need to look.${applied}`;
  }
  if (error instanceof ConnectionError || error instanceof TimeoutError) {
    return `${error.message}\nThe portal did not answer: check CLOUTAPI_URL (or url: in cloutility-api-client.yaml) and that the portal is reachable from this machine.${applied || ' Then try again.'}`;
  }
  return error.message;
}

/** "bunitId: from get_business_unit_tree; consumerId: from list_consumers" for the ids in the call. */
function idHints(input: z.ZodObject, args: Record<string, unknown>): string {
  const hints: string[] = [];
  for (const key of Object.keys(args)) {
    if (!/Id$/.test(key)) continue;
    const description = (input.shape[key] as z.ZodType | undefined)?.description ?? '';
    const from = description.match(/\(from ([^)]+)\)/)?.[1];
    if (from) hints.push(`${key} ${args[key]}: from ${from}`);
  }
  return hints.join('; ');
}
