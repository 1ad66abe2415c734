import { randomBytes } from 'node:crypto';

/** A task's status, as the Tasks extension (`io.modelcontextprotocol/tasks`) names them. */
export type TaskStatus = 'working' | 'input_required' | 'completed' | 'cancelled' | 'failed';

/** The statuses a task never leaves. */
export const TERMINAL: ReadonlySet<TaskStatus> = new Set(['completed', 'cancelled', 'failed']);

/** One task as kept: the extension's `DetailedTask` (the wire shape, minus `resultType`). */
export interface TaskRecord {
  taskId: string;
  status: TaskStatus;
  statusMessage?: string;
  /** ISO 8601. */
  createdAt: string;
  /** ISO 8601; the runner refreshes it while working, so a stale one means its runner died. */
  lastUpdatedAt: string;
  ttlMs: number;
  pollIntervalMs: number;
  /** The tool call's result, once `completed`. */
  result?: Record<string, unknown>;
  /** The JSON-RPC error, once `failed`. */
  error?: { code: number; message: string };
}

/**
 * Where tasks are kept between requests of a stateless server. The record has one writer, the
 * runner that created it; a cancellation is a separate mark any instance may set, so a cancel
 * never races the runner's writes. Instances that share the store (a folder on one machine; the
 * team server's database) answer each other's `tasks/get` and `tasks/cancel`.
 */
export interface TaskStore {
  /** Keeps a new record; resolved once a `get` of it would find it. */
  put(record: TaskRecord): Promise<void>;
  /** The record, or undefined when the id is unknown or past its TTL. */
  get(taskId: string): Promise<TaskRecord | undefined>;
  /** Marks the task to be cancelled (its runner stops at its next check). */
  requestCancel(taskId: string): Promise<void>;
  /** Whether a cancellation was requested. */
  cancelRequested(taskId: string): Promise<boolean>;
}

/** A task id: 256 random bits, so an id is its own bearer (the extension's unguessability). */
export const newTaskId = () => randomBytes(32).toString('base64url');

/** What a well-formed task id looks like (anything else is unknown without a lookup). */
export const TASK_ID = /^[\w-]{43}$/;

/** Whether the record is past its TTL at `now` (ms). */
export const expired = (record: TaskRecord, now: number) =>
  Date.parse(record.createdAt) + record.ttlMs < now;

/** A {@link TaskStore} in this process's memory. */
export function memoryTaskStore(now: () => number = Date.now): TaskStore {
  const kept = new Map<string, { record: TaskRecord; cancel: boolean }>();
  const sweep = () => {
    const at = now();
    for (const [id, k] of kept) if (expired(k.record, at)) kept.delete(id);
  };
  return {
    async put(record) {
      sweep();
      const cancel = kept.get(record.taskId)?.cancel ?? false;
      kept.set(record.taskId, { record: structuredClone(record), cancel });
    },
    async get(taskId) {
      sweep();
      const k = kept.get(taskId);
      return k && structuredClone(k.record);
    },
    async requestCancel(taskId) {
      const k = kept.get(taskId);
      if (k) k.cancel = true;
    },
    async cancelRequested(taskId) {
      return kept.get(taskId)?.cancel ?? false;
    },
  };
}
