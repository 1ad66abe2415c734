import { newTaskId, type TaskRecord, type TaskStore, TERMINAL } from './store.js';

/** What a task's work gets: a stop signal (cancellation) and a way to say how far it is. */
export interface TaskControl {
  /** Fires when the task is cancelled, here or on another instance sharing the store. */
  stop: AbortSignal;
  /** Sets the task's status message (`tasks/get` shows it while working). */
  report(message: string): void;
}

/** What the work ends with: the call's result, and a one-line summary for the status message. */
export interface TaskOutcome {
  result: Record<string, unknown>;
  summary: string;
}

/** Timings of a {@link TaskRunner}. */
export interface TaskTimings {
  /** How long a task is kept from its creation (the extension's `ttlMs`). */
  ttlMs: number;
  /** How often clients should poll. */
  pollIntervalMs: number;
  /** How often a running task checks for a cancellation and shows it is alive. */
  heartbeatMs: number;
}

export const DEFAULT_TIMINGS: TaskTimings = {
  ttlMs: 60 * 60_000,
  pollIntervalMs: 1000,
  heartbeatMs: 2000,
};

/** Starts tasks, answers for them and cancels them; one per server setup. */
export interface TaskRunner {
  /** Creates the task (durably: a `get` finds it), starts `work` and returns the seed record. */
  start(work: (control: TaskControl) => Promise<TaskOutcome>): Promise<TaskRecord>;
  /** The task as a client sees it now; undefined when unknown or expired. */
  get(taskId: string): Promise<TaskRecord | undefined>;
  /** Asks the task to stop; false when it is unknown. */
  cancel(taskId: string): Promise<boolean>;
}

/** A working task's message once it is asked to stop. */
const CANCELLING = 'Cancelling: what is in flight finishes first.';

/** Heartbeats a working record may miss before its runner counts as gone. */
const STALE_BEATS = 15;

/** The message a task shows when the instance running it went away. */
export const ORPHANED =
  'the server instance running this task stopped before it finished; make the call again (what was done is found, not repeated)';

/**
 * A {@link TaskRunner} on `store`. The work runs in this process; its record is written only from
 * here (in order), refreshed every heartbeat, so a record that stops being refreshed tells every
 * instance that its runner died.
 */
export function createTaskRunner(
  store: TaskStore,
  timings: TaskTimings = DEFAULT_TIMINGS,
  now: () => number = Date.now,
  onerror: (error: Error) => void = () => {},
): TaskRunner {
  const running = new Map<string, AbortController>();
  const stamp = () => new Date(now()).toISOString();
  return {
    async start(work) {
      const at = stamp();
      let record: TaskRecord = {
        taskId: newTaskId(),
        status: 'working',
        statusMessage: 'Started.',
        createdAt: at,
        lastUpdatedAt: at,
        ttlMs: timings.ttlMs,
        pollIntervalMs: timings.pollIntervalMs,
      };
      await store.put(record);
      const { taskId } = record;
      const stop = new AbortController();
      running.set(taskId, stop);
      // One writer, in order: progress, heartbeats and the end never overtake each other.
      let writing = Promise.resolve();
      const write = (change: Partial<TaskRecord>) => {
        if (TERMINAL.has(record.status)) return writing;
        record = { ...record, ...change, lastUpdatedAt: stamp() };
        const snapshot = record;
        writing = writing.then(() => store.put(snapshot)).catch(onerror);
        return writing;
      };
      const beat = setInterval(() => {
        void store
          .cancelRequested(taskId)
          .then((asked) => (asked ? stop.abort() : write({})), onerror);
      }, timings.heartbeatMs);
      beat.unref();
      // Said as soon as it is seen, here or from another instance's mark.
      stop.signal.addEventListener('abort', () => void write({ statusMessage: CANCELLING }), {
        once: true,
      });
      const control: TaskControl = {
        stop: stop.signal,
        report: (message) =>
          void write({ statusMessage: stop.signal.aborted ? `${CANCELLING} ${message}` : message }),
      };
      void work(control)
        .then(
          ({ result, summary }) =>
            stop.signal.aborted
              ? write({ status: 'cancelled', statusMessage: `Cancelled. ${summary}` })
              : write({ status: 'completed', statusMessage: summary, result }),
          (error: unknown) =>
            write({
              status: 'failed',
              statusMessage: (error as Error).message,
              error: { code: -32603, message: (error as Error).message },
            }),
        )
        .finally(() => {
          clearInterval(beat);
          running.delete(taskId);
        });
      return { ...record };
    },

    async get(taskId) {
      const record = await store.get(taskId);
      if (!record || TERMINAL.has(record.status) || running.has(taskId)) return record;
      // Not refreshed for many heartbeats (a busy machine misses a few) and not running here:
      // its runner is gone.
      if (now() - Date.parse(record.lastUpdatedAt) <= STALE_BEATS * timings.heartbeatMs)
        return record;
      return {
        ...record,
        status: 'failed',
        statusMessage: ORPHANED,
        error: { code: -32603, message: ORPHANED },
      };
    },

    async cancel(taskId) {
      const record = await store.get(taskId);
      if (!record) return false;
      if (TERMINAL.has(record.status)) return true;
      await store.requestCancel(taskId);
      running.get(taskId)?.abort();
      return true;
    },
  };
}
