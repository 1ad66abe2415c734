import { deletionImpact, impactText, type Operation } from '@cloutapi/resources';
import { digestOf, TOKEN_TTL_MS } from './confirmation.js';
import type { ToolContext, ToolResult } from './types.js';

/** What a destructive call carries besides the operation's own arguments. */
export interface Confirmation {
  confirm?: boolean | undefined;
  confirmationToken?: string | undefined;
}

/** What a gate decides about: the call, and what it would affect now. */
interface Gated {
  tool: string;
  args: Record<string, unknown>;
  affected: Awaited<ReturnType<typeof deletionImpact>>;
  preview: string;
  digest: string;
}

/**
 * The gate in front of every destructive call. Without `confirm: true` it answers with the
 * preview, resources' deletion impact (and a token for exactly these arguments and this state).
 * With it, the user is asked when the client can ask (an input request showing the impact, bound
 * to that state); otherwise the call needs the token of a preview of the same state. Each
 * confirmation is good once. Resolves undefined when the call may go ahead.
 */
export async function gateDestructive(
  tool: string,
  op: Pick<Operation, 'name' | 'removes'>,
  args: Record<string, unknown>,
  confirmation: Confirmation,
  ctx: ToolContext,
): Promise<ToolResult | undefined> {
  const affected = await deletionImpact(ctx.clout, op, args, ctx.call);
  const gated: Gated = {
    tool,
    args,
    affected,
    preview: impactText(affected),
    digest: digestOf(affected),
  };
  if (confirmation.confirm !== true) return previewOnly(gated, ctx);
  const refused = ctx.canAsk
    ? await askTheUser(gated, ctx)
    : await checkToken(gated, confirmation.confirmationToken, ctx);
  if (!refused) ctx.confirmed?.({ affected, preview: gated.preview });
  return refused;
}

function previewOnly(
  { tool, args, affected, preview, digest }: Gated,
  ctx: ToolContext,
): ToolResult {
  const token = ctx.confirmations.issueToken(tool, args, digest);
  const next = ctx.canAsk
    ? `To do it, call ${tool} again with the same arguments and confirm: true; the user is then asked to agree.`
    : `To do it, once the user agrees, call ${tool} again with the same arguments, confirm: true and confirmationToken: "${token}" (valid ${TOKEN_TTL_MS / 60_000} minutes, for this state only, once).`;
  return {
    text: `PREVIEW ONLY, nothing was changed. ${preview}\n${next}`,
    structured: { done: false, preview: true, affected, confirmationToken: token },
  };
}

/** Asks (again, when the state changed since), or acts on the answer this call carries. */
async function askTheUser(gated: Gated, ctx: ToolContext): Promise<ToolResult | undefined> {
  const { tool, args, affected, preview, digest } = gated;
  const { answer, confirmations } = ctx;
  const verdict = answer && confirmations.answers(answer.asked, tool, args, digest);
  if (!answer || verdict !== 'yes') {
    const changed =
      verdict === 'changed' ? 'What it would do has changed since you were asked. ' : '';
    return {
      text: `The user is asked to agree: ${preview}`,
      structured: { done: false, preview: true, affected },
      ask: {
        message: `${tool}: ${changed}${preview}\n\nDo it? This cannot be undone.`,
        asked: confirmations.ask(tool, args, digest),
      },
    };
  }
  if (answer.action !== 'accept' || !answer.confirmed) {
    const how = answer.action === 'cancel' ? 'cancelled' : 'declined';
    return {
      text: `The user did not agree (${how}): nothing was changed.`,
      structured: { done: false, preview: false, affected },
    };
  }
  if (await confirmations.claim(answer.asked)) return undefined;
  return refused(gated, 'this answer was already used once');
}

async function checkToken(gated: Gated, token: string | undefined, ctx: ToolContext) {
  const { tool, args, digest } = gated;
  const problem = await ctx.confirmations.useToken(token, tool, args, digest);
  if (!problem) return undefined;
  return refused(
    gated,
    {
      missing: 'confirm: true needs the confirmationToken of a preview',
      expired: 'the confirmationToken has expired',
      changed: 'what the call would remove has changed since the preview',
      mismatch: 'the confirmationToken is not for these arguments',
      used: 'the confirmationToken was already used once',
    }[problem],
  );
}

function refused({ tool, affected, preview }: Gated, why: string): ToolResult {
  return {
    text: `Refused, nothing was changed: ${why}. Call ${tool} first without confirm to get a preview, show it to the user, and confirm with its token once they agree.\nWhat it would do now: ${preview}`,
    structured: { done: false, preview: false, affected },
    isError: true,
  };
}
