import { backupHealth, type HealthChange } from '@cloutapi/resources';
import type { Ctx } from '../context.js';
import { usageError } from '../errors.js';
import { visible } from '../output/sanitize.js';
import { untilStopped } from '../signals.js';
import { changeEvent, createChangeDelivery } from '../status/change-delivery.js';
import { watchHealth } from '../status/watch.js';
import { VERSION } from '../version.js';
import { resolveUnit } from './resolve.js';
import { type checkInput, intervalFlag } from './status.js';

/** The variable that holds the key changes are signed with. */
const SECRET_VARIABLE = 'CLOUTAPI_STATUS_WEBHOOK_SECRET';

/**
 * `cloutapi status --watch`: a check every `--interval`, printing only what changed since the last
 * one (a line for people, a JSON object a line with `--json`), and with `--post URL` each change
 * posted, signed, in the background. Runs until Ctrl-C or SIGTERM.
 */
export async function watchStatus(
  ctx: Ctx,
  options: Record<string, unknown>,
  check: ReturnType<typeof checkInput>,
): Promise<void> {
  const intervalMs = intervalFlag(options.interval);
  const post = options.post === undefined ? undefined : postTarget(String(options.post));
  const secret = process.env[SECRET_VARIABLE];
  if (post && !secret)
    throw usageError(
      `--post: set ${SECRET_VARIABLE} to the key the receiver checks each change's signature with`,
    );
  const delivery =
    post && secret
      ? createChangeDelivery({
          url: post,
          secret,
          userAgent: `cloutapi-cli/${VERSION}`,
          log: (line) => ctx.out.note(`cloutapi status --watch: ${line}`),
        })
      : undefined;
  const { clout } = await ctx.session();
  const { bunit, ...input } = check;
  const unit = bunit === undefined ? undefined : await resolveUnit(clout, bunit);
  const controller = new AbortController();
  void untilStopped().then(() => controller.abort());
  const print = (changes: HealthChange[], at: string) => {
    const events = changes.map((c) => changeEvent(c, at));
    delivery?.send(events);
    for (const [i, event] of events.entries())
      process.stdout.write(
        ctx.out.mode === 'json'
          ? `${JSON.stringify(event)}\n`
          : `${visible(changeLine(changes[i] as HealthChange, at))}\n`,
      );
  };
  try {
    await watchHealth({
      read: (signal) =>
        backupHealth(clout, { ...(unit ? { bunitId: unit.id } : {}), ...input }, { signal }),
      intervalMs,
      signal: controller.signal,
      onBaseline: (result) =>
        ctx.out.note(
          `cloutapi status --watch: ${result.machines.length} machines, checked every ${String(options.interval)}; changes follow`,
        ),
      onChanges: (changes, result) => print(changes, result.checkedAt),
      onError: (error) =>
        ctx.out.note(`cloutapi status --watch: a check failed: ${(error as Error).message}`),
    });
  } finally {
    await delivery?.close();
  }
}

/** A change for people: when, what, the unit and machine, from and to, and why (server text: shown through `visible`). */
function changeLine(change: HealthChange, at: string): string {
  const m = change.machine;
  const what =
    change.kind === 'changed'
      ? `${change.from} -> ${change.to}`
      : change.kind === 'appeared'
        ? `new, ${change.to}`
        : `gone (was ${change.from})`;
  return `${at}  ${m.unitName} / ${m.name}: ${what}${change.kind === 'gone' ? '' : ` (${m.reason})`}`;
}

/** The URL changes are posted to: http(s) only. */
function postTarget(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw usageError(
      `--post: expected a URL such as https://hooks.example.net/backup, got "${text}"`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw usageError(`--post: expected an http(s) URL, got ${url.protocol}`);
  return url.href;
}
