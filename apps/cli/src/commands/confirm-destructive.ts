import { createInterface } from 'node:readline';
import {
  callOperation,
  type DeletionImpact,
  deletionImpact,
  impactText,
  type Operation,
} from '@cloutapi/resources';
import type { Ctx } from '../context.js';
import { interrupted, usageError } from '../errors.js';
import type { View } from '../output/output.js';
import { visibleValue } from '../output/sanitize.js';

/** How the question was answered; `none` when there is no terminal to ask on. */
type Answer = 'yes' | 'no' | 'eof' | 'interrupted' | 'none';

/**
 * Runs a destructive operation as `gh repo delete` does: computes what it removes (resources'
 * deletion impact) before anything is sent and prints it on stderr; then, unless `yes`, asks on
 * the terminal (stdin and stderr both terminals; default no). Without a terminal, or without a
 * yes, nothing is sent and the command exits 2 (130 for Ctrl-C at the question). With `--json`,
 * stdout holds `{ done, impact, result? }`. Loaded only by destructive commands.
 */
export async function runConfirmed(
  ctx: Ctx,
  op: Operation,
  input: Record<string, unknown>,
  view: View,
  yes: boolean,
): Promise<void> {
  const session = await ctx.session();
  const impact = await deletionImpact(session.clout, op, input);
  // Server names reach the terminal with their control characters made visible.
  process.stderr.write(`${impactText(visibleValue(impact))}\n`);
  const answer = yes ? 'yes' : await ask(question(op, impact));
  const json = ctx.out.mode === 'json';
  if (answer !== 'yes') {
    if (json) await ctx.out.result({ done: false, impact }, view);
    throw notConfirmed(answer);
  }
  const result = await callOperation(session.clout.context, op, input);
  await ctx.out.result(json ? { done: true, impact, result } : result, view);
}

function question(op: Operation, impact: DeletionImpact): string {
  return impact.refusal
    ? 'The portal will refuse this as given (see above). Send it anyway? [y/N] '
    : `${op.summary}? This cannot be undone. [y/N] `;
}

/** Asks a yes/no question on the terminal; `none` without one. Ctrl-C and EOF are answers too. */
function ask(text: string): Promise<Answer> {
  if (!process.stdin.isTTY || !process.stderr.isTTY) return Promise.resolve('none');
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  return new Promise((resolve) => {
    let answered = false;
    const answer = (value: Answer) => {
      if (answered) return;
      answered = true;
      // The answer's own newline ends the question's line; Ctrl-C and EOF bring none.
      if (value !== 'yes' && value !== 'no') process.stderr.write('\n');
      rl.close();
      resolve(value);
    };
    rl.on('SIGINT', () => answer('interrupted'));
    rl.on('close', () => answer('eof'));
    rl.question(text, (line) => answer(/^\s*y(es)?\s*$/i.test(line) ? 'yes' : 'no'));
  });
}

/** Not confirmed: a usage error naming --yes (exit 2), or Ctrl-C's `AbortError` (exit 130). */
function notConfirmed(answer: Exclude<Answer, 'yes'>): Error {
  if (answer === 'interrupted') return interrupted('stopped at the question: nothing was sent');
  const why = {
    none: 'there is no terminal to ask on',
    no: 'the answer was no',
    eof: 'the input ended without an answer',
  }[answer];
  return usageError(
    `not confirmed (${why}): nothing was sent`,
    'Run the same command with --yes to do what is listed above without being asked.',
    [{ path: '--yes', message: `not given, and ${why}` }],
  );
}
