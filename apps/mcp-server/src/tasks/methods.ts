import {
  CLIENT_CAPABILITIES_META_KEY,
  type ClientCapabilities,
  MissingRequiredClientCapabilityError,
  ProtocolError,
  ProtocolErrorCode,
  type Server,
  type ServerContext,
} from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { TaskRunner } from './runner.js';
import type { TaskRecord } from './store.js';

/** The Tasks extension's identifier. */
export const TASKS_EXTENSION = 'io.modelcontextprotocol/tasks';

/** What server/discover says about the extension: supported, no settings. */
export const TASKS_CAPABILITY = { extensions: { [TASKS_EXTENSION]: {} } };

/** Whether this request's envelope declares the Tasks extension (2026-07-28 only). */
export function clientHasTasks(ctx: ServerContext): boolean {
  const envelope = ctx.mcpReq.envelope as Record<string, ClientCapabilities | undefined>;
  const extensions = envelope?.[CLIENT_CAPABILITIES_META_KEY]?.extensions as
    | Record<string, unknown>
    | undefined;
  return extensions?.[TASKS_EXTENSION] !== undefined;
}

/** A task as `tasks/get` and a `CreateTaskResult` carry it. */
export function taskView(record: TaskRecord): Record<string, unknown> {
  const { result, error, ...task } = record;
  return {
    ...task,
    ...(record.status === 'completed' ? { result } : {}),
    ...(record.status === 'failed' ? { error } : {}),
  };
}

const TaskParams = z.looseObject({ taskId: z.string().max(200) });
const UpdateParams = TaskParams.extend({ inputResponses: z.record(z.string(), z.unknown()) });

/**
 * `tasks/get`, `tasks/update` and `tasks/cancel` on a 2026-07-28 server. A client that did not
 * declare the extension on the request gets -32021; an unknown or expired id -32602.
 */
export function serveTaskMethods(server: Server, runner: TaskRunner): void {
  const known = async (taskId: string, ctx: ServerContext) => {
    if (!clientHasTasks(ctx))
      throw new MissingRequiredClientCapabilityError(
        { requiredCapabilities: TASKS_CAPABILITY },
        `Missing required client capability: the ${TASKS_EXTENSION} extension`,
      );
    const record = await runner.get(taskId);
    if (!record)
      throw new ProtocolError(
        ProtocolErrorCode.InvalidParams,
        'Failed to retrieve task: Task not found (unknown, or expired after its ttlMs)',
      );
    return record;
  };
  server.setRequestHandler('tasks/get', { params: TaskParams }, async ({ taskId }, ctx) =>
    taskView(await known(taskId, ctx)),
  );
  // No task of ours asks for input: responses are acknowledged and ignored, as the extension
  // says of responses to requests that are not outstanding.
  server.setRequestHandler('tasks/update', { params: UpdateParams }, async ({ taskId }, ctx) => {
    await known(taskId, ctx);
    return {};
  });
  server.setRequestHandler('tasks/cancel', { params: TaskParams }, async ({ taskId }, ctx) => {
    await known(taskId, ctx);
    await runner.cancel(taskId);
    return {};
  });
}
