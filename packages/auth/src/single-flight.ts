/**
 * One request shared by every caller waiting for it. A caller's signal stops only its own wait;
 * the last caller to stop aborts the request, so a stalled one does not outlive every caller's
 * deadline (its open socket would keep a process alive). Once it has settled or been abandoned,
 * the next caller starts a new one.
 */
export function singleFlight<T>(start: (signal: AbortSignal) => Promise<T>) {
  let current: { result: Promise<T>; controller: AbortController; waiting: number } | undefined;
  const begin = () => {
    const controller = new AbortController();
    const flight = {
      controller,
      waiting: 0,
      result: start(controller.signal).finally(() => {
        if (current === flight) current = undefined;
      }),
    };
    return flight;
  };
  return (signal?: AbortSignal): Promise<T> => {
    current ??= begin();
    const flight = current;
    flight.waiting++;
    // A caller without a signal waits to the end: the request is never abandoned then.
    if (!signal) return flight.result;
    return abortable(flight.result, signal, () => {
      if (--flight.waiting > 0) return;
      if (current === flight) current = undefined;
      flight.controller.abort(signal.reason);
    });
  };
}

/** Lets one caller stop waiting for a shared promise; `left` runs when it stops. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal, left: () => void): Promise<T> {
  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => {
      reject(signal.reason);
      left();
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
  return Promise.race([promise, aborted]).finally(() =>
    signal.removeEventListener('abort', onAbort),
  );
}
