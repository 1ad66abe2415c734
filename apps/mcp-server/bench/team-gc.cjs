/**
 * Preloaded into a team server by the team benchmark (`NODE_OPTIONS=--expose-gc --require`): on
 * SIGUSR2, a full garbage collection, then one line on stderr with the process's memory, so the
 * benchmark can tell what an instance keeps from what it has not collected yet.
 */
process.on('SIGUSR2', () => {
  globalThis.gc?.();
  process.stderr.write(`bench-memory ${JSON.stringify(process.memoryUsage())}\n`);
});
