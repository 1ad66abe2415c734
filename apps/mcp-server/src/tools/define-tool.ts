import { validateWith } from '@cloutapi/resources';
import type { ExampleContext } from '@cloutapi/simulator/examples';
import type { z } from 'zod';
import { toolOutputJsonSchema } from './json-schema.js';
import type { ToolAnnotations, ToolContext, ToolDefinition, Toolset } from './types.js';

/** A tool's answer, its structured content typed by the tool's output schema. */
export interface TypedToolResult<Structured> {
  text: string;
  structured: Structured;
  /** A refusal the model must act on. */
  isError?: boolean;
}

/** Everything about one hand-written tool, side by side; see {@link defineTool}. */
export interface ToolSpec<Input extends z.ZodObject, Output extends z.ZodObject> {
  name: string;
  title: string;
  description: string;
  toolset: Toolset;
  /** The flat, strict input schema. */
  input: Input;
  /** The schema of `structured`; tools/list shows it as the tool's JSON `outputSchema`. */
  output: Output;
  annotations: ToolAnnotations;
  /** Removed in read-only mode. */
  writes: boolean;
  /** A long job, run as a task where the client can follow one (see `ToolDefinition.task`). */
  task?: boolean;
  /** A valid input against the simulator's demo data (the MCP scenario test calls it). */
  example: (x: ExampleContext) => z.input<Input> | Promise<z.input<Input>>;
  /** Runs the tool on its validated input (defaults applied). */
  handler(
    input: z.output<Input>,
    ctx: ToolContext,
  ): Promise<TypedToolResult<z.output<Output>>> | TypedToolResult<z.output<Output>>;
}

/**
 * Declares a hand-written tool (a workflow): its handler receives the parsed input with its
 * type, and the JSON output schema clients see is derived from the zod one. Bad input is a
 * `ValidationError` naming each field, as for operation tools (the server checks the input
 * first; the handler checks again, so a direct call gets the same error).
 */
export function defineTool<Input extends z.ZodObject, Output extends z.ZodObject>(
  spec: ToolSpec<Input, Output>,
): ToolDefinition {
  const { output, handler, example, ...rest } = spec;
  return {
    ...rest,
    outputSchema: toolOutputJsonSchema(output),
    example: example as ToolDefinition['example'],
    async handler(args, ctx) {
      return handler(validateWith(spec.input, args, spec.name), ctx);
    },
  };
}
