import pc from 'picocolors';

/** Text colouring functions; all identity when colour is off. */
export type Colors = ReturnType<typeof pc.createColors>;

/**
 * Colours for a stream: only when it is a terminal, never with `NO_COLOR` set (no-color.org),
 * `TERM=dumb` or `--no-color`. picocolors' own check is not used: it also colours pipes on CI.
 */
export function colorsFor(
  stream: { isTTY?: boolean },
  env: NodeJS.ProcessEnv = process.env,
  allowed = true,
): Colors {
  const on = allowed && stream.isTTY === true && !env.NO_COLOR && env.TERM !== 'dumb';
  return pc.createColors(on);
}
