import {
  AuthenticationError,
  CloutilityError,
  ConfigurationError,
  ConflictError,
  ConnectionError,
  NotFoundError,
  PermissionError,
  TimeoutError,
  ValidationError,
} from '@cloutapi/resources';
import type { z } from 'zod';

/**
 * The text of a tool error: what went wrong and how to fix the call. For a missing object it
 * says which tools list the valid ids of the call's id fields.
 */
export function toolErrorText(
  error: unknown,
  toolName: string,
  input: z.ZodObject,
  args: Record<string, unknown>,
): string {
  if (
    error instanceof ValidationError &&
    error.status === undefined &&
    !(error instanceof ConfigurationError)
  ) {
    const issues = error.issues.map((i) => `- ${i.path}: ${i.message}`).join('\n');
    return `Invalid input for ${toolName}; nothing was sent.\n${issues || error.message}\nFix these fields and call ${toolName} again.`;
  }
  if (!(error instanceof CloutilityError)) {
    return `${toolName} failed: ${error instanceof Error ? error.message : String(error)}`;
  }
  const ids = idHints(input, args);
  if (error instanceof NotFoundError) {
    return `${error.message}\nOne of the ids does not exist or is not visible to this user.${ids ? ` Where valid ids come from: ${ids}.` : ''}`;
  }
  if (error instanceof ValidationError) {
    return `The portal refused the values: ${error.message}\nCheck the fields against the tool's schema${ids ? ` (${ids})` : ''} and try again.`;
  }
  if (error instanceof AuthenticationError) {
    return `Sign-in failed: ${error.message}\nThe MCP server's credentials (CLOUTAPI_* settings) need fixing; retrying will not help.`;
  }
  if (error instanceof PermissionError) return `Not allowed: ${error.message}`;
  if (error instanceof ConflictError)
    return `Conflict with the current state: ${error.message}\nRead the object again before deciding what to do.`;
  if (error instanceof ConnectionError || error instanceof TimeoutError) {
    return `${error.message}\nThe portal did not answer.${error.mayHaveBeenApplied ? ' The change may have been applied: read the object before repeating it.' : ' Try again later.'}`;
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
