import { deletionImpact, impactText, type Operation } from '@cloutapi/resources';
import { digestOf, issueToken, TOKEN_TTL_MS, tokenProblem } from './confirmation.js';
import type { ToolContext, ToolResult } from './types.js';

/** What a destructive call carries besides the operation's own arguments. */
export interface Confirmation {
  confirm?: boolean | undefined;
  confirmationToken?: string | undefined;
}

/**
 * The gate in front of every destructive call. Without `confirm: true` it answers with the
 * preview, resources' deletion impact (and a token for exactly these arguments and this state). With it, the user is asked
 * through the client when the client can ask (elicitation); otherwise the call needs the token
 * of a preview of the same state. Resolves undefined when the call may go ahead.
 */
export async function gateDestructive(
  tool: string,
  op: Pick<Operation, 'name' | 'removes'>,
  args: Record<string, unknown>,
  confirmation: Confirmation,
  ctx: ToolContext,
): Promise<ToolResult | undefined> {
  const affected = await deletionImpact(ctx.clout, op, args, { signal: ctx.signal });
  const preview = impactText(affected);
  const digest = digestOf(affected);
  if (confirmation.confirm !== true) {
    const token = issueToken(tool, args, digest);
    const next = ctx.askUser
      ? `To do it, call ${tool} again with the same arguments and confirm: true; the user is then asked to agree.`
      : `To do it, once the user agrees, call ${tool} again with the same arguments, confirm: true and confirmationToken: "${token}" (valid ${TOKEN_TTL_MS / 60_000} minutes, for this state only).`;
    return {
      text: `PREVIEW ONLY, nothing was changed. ${preview}\n${next}`,
      structured: { done: false, preview: true, affected, confirmationToken: token },
    };
  }
  if (ctx.askUser) {
    const answer = await ctx.askUser(`${tool}: ${preview}\n\nDo it? This cannot be undone.`);
    if (answer === 'accept') return undefined;
    return {
      text: `The user did not agree (${answer === 'decline' ? 'declined' : 'cancelled'}): nothing was changed.`,
      structured: { done: false, preview: false, affected },
    };
  }
  const problem = tokenProblem(confirmation.confirmationToken, tool, args, digest);
  if (!problem) return undefined;
  const why = {
    missing: 'confirm: true needs the confirmationToken of a preview',
    expired: 'the confirmationToken has expired',
    changed: 'what the call would remove has changed since the preview',
    mismatch: 'the confirmationToken is not for these arguments',
  }[problem];
  return {
    text: `Refused, nothing was changed: ${why}. Call ${tool} first without confirm to get a preview, show it to the user, and confirm with its token once they agree.\nWhat it would do now: ${preview}`,
    structured: { done: false, preview: false, affected },
    isError: true,
  };
}
