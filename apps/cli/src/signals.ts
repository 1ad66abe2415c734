import { EXIT } from './exit-codes.js';

/**
 * Resolves at the first Ctrl-C (SIGINT) or SIGTERM. Call it before saying "press Ctrl-C": a
 * script that reacts to that line at once must find the handlers in place, or the signal kills
 * the process instead of stopping it cleanly.
 */
export function untilStopped(): Promise<void> {
  return new Promise((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** `cloutapi consumers list | head -1` closes the pipe early; that is not an error. */
export function exitQuietlyOnClosedPipe(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT.ok);
  });
}
