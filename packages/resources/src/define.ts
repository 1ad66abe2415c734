import type { HttpMethod, Query } from '@cloutapi/core';
// A test fixture's type, for the declarations' examples only: it stays out of the published types
// (`Operation` has no `example`, and `defineOperation` is the registry's own, not exported).
import type { ExampleContext } from '@cloutapi/simulator/examples';
import { z } from 'zod';

/**
 * How much an operation can change: `read` changes nothing, `write` creates or modifies,
 * `destructive` deletes or replaces something that cannot be recovered (a node password).
 */
export type Safety = 'read' | 'write' | 'destructive';

/** A request body the API wants as raw bytes (an uploaded invoice file). */
export interface RawBody {
  raw: Uint8Array | Blob | string;
  contentType: string;
}

/** What a destructive operation removes: it picks the preview of what goes, shown to confirm. */
export type Removes =
  | 'businessUnit'
  | 'consumer'
  | 'node'
  | 'nodePassword'
  | 'proxyAgent'
  | 'proxyTarget';

/**
 * A collection's list columns, ids first: a key (the MCP row's field; the CLI header in capitals)
 * to the dotted path of its value (`dataSourceState.name`, `lines.length`, `types[].name`).
 */
export type Columns = Readonly<Record<string, string>>;

/** Everything a layer needs to know about one API operation. Declared once, in `operations/`. */
export interface OperationSpec<
  Name extends string,
  Path extends string,
  Shape extends z.ZodRawShape,
  Response extends z.ZodType,
> {
  /** The catalog id, e.g. `E16`. */
  id: string;
  /** The stable dotted name `area.action`, e.g. `consumers.create`; the facade's path to it. */
  name: Name;
  method: HttpMethod;
  /** The path template, e.g. `/v1/bunits/{bunitId}/consumers`. */
  path: Path;
  /** One line: what it does. */
  summary: string;
  /** One paragraph for humans and models: what it does, the ids it needs and where, caveats. */
  description: string;
  safety: Safety;
  /** Whether repeating it is harmless (drives automatic retries). */
  idempotent: boolean;
  /** The flat input: path, query and body fields side by side, each described; checked strictly. */
  input: Shape;
  /** The fields sent in the query (the rest, but path parameters, go in the body), or a builder. */
  query?: readonly (keyof Shape & string)[] | ((input: z.output<z.ZodObject<Shape>>) => Query);
  /** Builds the body from the input, when it is not simply the remaining fields. */
  body?: (input: z.output<z.ZodObject<Shape>>) => unknown;
  /** The response schema (lenient). */
  response: Response;
  /** The collection takes `limit` and `offset`. */
  paged?: boolean;
  /** The response is a JSON string that may arrive with its quotes (the suggested node name). */
  unquote?: boolean;
  /** A read's other documented path, tried once when the server answers 404 at `path`. */
  alternate?: { path: string; query: (input: z.output<z.ZodObject<Shape>>) => Query };
  /** The MCP tool's name when the rule (`consumers.list` -> `list_consumers`) is not verb-first. */
  toolName?: string;
  /** A collection's columns in the CLI and MCP output; required on collections (ColumnsRule). */
  columns?: Columns;
  /**
   * How the result is shown when its schema does not say it. `tree`: a business unit with its
   * units nested at every depth, shown one line per unit indented under its parent.
   */
  view?: 'tree';
  /** For a destructive operation: what it removes (drives the preview before confirming). */
  removes?: Removes;
}

/**
 * `columns` by the shape of the answer: a collection (`{items: [...]}`) must declare the columns
 * of its list, and nothing else may, so a new list is never shown by guesswork.
 */
export type ColumnsRule<Response extends z.ZodType> =
  Response extends z.ZodObject<infer Shape>
    ? 'items' extends keyof Shape
      ? { columns: Columns }
      : { columns?: never }
    : { columns?: never };

/** A declared operation: the spec plus what is derived from it once. */
export interface Operation<
  Name extends string = string,
  Path extends string = string,
  // biome-ignore lint/suspicious/noExplicitAny: the default makes every declared operation assignable to Operation
  Shape extends z.ZodRawShape = any,
  Response extends z.ZodType = z.ZodType,
> extends OperationSpec<Name, Path, Shape, Response> {
  /** The strict schema of the whole input. */
  inputSchema: z.ZodObject<Shape, z.core.$strict>;
  /** Path parameter names in template order. */
  pathParams: readonly string[];
}

/** The parameter names of a path template, in order: `'/a/{x}/b/{y}'` -> `['x', 'y']`. */
export type PathParamNames<P extends string> = P extends `${string}{${infer N}}${infer Rest}`
  ? [N, ...PathParamNames<Rest>]
  : [];

/**
 * What a declaration brings besides its spec: an example, a valid input (as a caller passes it;
 * may be awaited) against the simulator's demo data. The resources and MCP scenario tests run
 * every one (`exampleOf`); it is kept on the operation at run time, not in its published type.
 */
export interface Example<Shape extends z.ZodRawShape> {
  example: (x: ExampleContext) => MaybePromise<NoInfer<z.input<z.ZodObject<Shape>>>>;
}
type MaybePromise<T> = T | Promise<T>;

/**
 * Declares an operation in `operations/<area>.ts` (the registry's own): the spec, inferred, plus
 * the strict input schema and the path parameters derived from it.
 */
export function defineOperation<
  const Name extends string,
  const Path extends string,
  Shape extends z.ZodRawShape,
  Response extends z.ZodType,
>(
  spec: OperationSpec<Name, Path, Shape, Response> & ColumnsRule<Response> & Example<Shape>,
): Operation<Name, Path, Shape, Response> {
  const pathParams = [...spec.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
  return Object.freeze({ ...spec, inputSchema: z.strictObject(spec.input), pathParams });
}

/** The example an operation was declared with (for the scenario tests; see {@link Example}). */
export function exampleOf(op: Operation): Example<z.ZodRawShape>['example'] {
  return (op as Operation & Example<z.ZodRawShape>).example;
}

/** The input type a caller passes (before defaults and trimming). */
export type OperationInput<Op extends Operation> = z.input<Op['inputSchema']>;
/** The parsed response type. */
export type OperationOutput<Op extends Operation> = z.output<Op['response']>;
