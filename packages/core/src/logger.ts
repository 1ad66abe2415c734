import { redact } from './redact.js';

/** Receives one line per event. */
export type LogSink = (line: string) => void;

/**
 * Writes debug lines to stderr (never stdout, which may carry a program's output or JSON-RPC):
 * `process.stderr` where there is one (Node, Bun, Deno), else `console.error`.
 */
export const stderrSink: LogSink = (line) => {
  const stderr = (globalThis as { process?: { stderr?: { write(text: string): unknown } } }).process
    ?.stderr;
  if (stderr) stderr.write(`${line}\n`);
  else console.error(line);
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
