import { redact } from '@cloutapi/auth';

/** Receives one line per event. */
export type LogSink = (line: string) => void;

/** Writes debug lines to stderr (never stdout, which may carry a program's output or JSON-RPC). */
export const stderrSink: LogSink = (line) => {
  process.stderr.write(`${line}\n`);
};

/**
 * Resolves the `debug` option into a sink that redacts every line before it leaves: `true` means
 * stderr, a function receives the lines, anything else disables logging.
 */
export function createLogger(debug: boolean | LogSink | undefined): LogSink | undefined {
  const sink = typeof debug === 'function' ? debug : debug ? stderrSink : undefined;
  if (!sink) return undefined;
  return (line) => sink(redact(`cloutapi ${line}`));
}
