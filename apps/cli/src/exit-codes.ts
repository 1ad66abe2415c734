/**
 * The documented exit codes of `cloutapi` (see the README). Scripts branch on these, so they never
 * change meaning.
 */
export const EXIT = {
  /** Success. */
  ok: 0,
  /** The API refused or failed (other than below), or an unexpected error. */
  error: 1,
  /**
   * A usage or validation error: a flag is missing or wrong; or a destructive command was not
   * confirmed (no terminal and no `--yes`, or not answered yes). Nothing was sent.
   */
  usage: 2,
  /** Authentication or permission: sign-in refused, or the user may not do this. */
  auth: 3,
  /** The resource does not exist. */
  notFound: 4,
  /** A conflict: it already exists, or something still depends on it. */
  conflict: 5,
  /** The server could not be reached or did not answer in time. */
  unreachable: 6,
  /**
   * Partly done: an enrollment (`enroll`, `consumer create`) stopped with the machine's consumption
   * unit in place (the message names what was done; running it again finishes it).
   */
  partial: 7,
  /** Stopped by Ctrl-C (SIGINT), after saying what was done (128 + the signal's number, 2). */
  interrupted: 130,
} as const;

/** One of the documented exit codes. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
