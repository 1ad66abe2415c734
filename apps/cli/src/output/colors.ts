const STYLES = ['bold', 'dim', 'red', 'green', 'yellow', 'cyan'] as const;

type Style = (format: string, text: string, options?: object) => string;

/** Text colouring functions; all identity when colour is off. */
export type Colors = Record<(typeof STYLES)[number], (text: string) => string>;

/**
 * Colours for a stream: only when it is a terminal, never with `NO_COLOR` set (no-color.org),
 * `TERM=dumb` or `--no-color`. Node's own `styleText` does the styling: no colour library to load
 * at start-up.
 */
export function colorsFor(
  stream: { isTTY?: boolean },
  env: NodeJS.ProcessEnv = process.env,
  allowed = true,
): Colors {
  const on = allowed && stream.isTTY === true && !env.NO_COLOR && env.TERM !== 'dumb';
  // Fetched only when colouring: a static import of node:util costs every command about 4 ms
  // at start (the bundle's module interop copies all of util, waking its lazy members).
  const style = on ? (process.getBuiltinModule('node:util').styleText as Style) : undefined;
  // Decided above, for this stream: Node 22's own check of process.stdout must not overrule it.
  const color = (format: string) => (text: string) =>
    style ? style(format, text, { validateStream: false }) : text;
  return Object.fromEntries(STYLES.map((s) => [s, color(s)])) as Colors;
}
