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

/**
 * What a destructive operation removes. It selects the preview a model or user sees before
 * confirming: what goes with it, counted the way the portal removes it.
 */
export type Removes =
  | 'businessUnit'
  | 'consumer'
  | 'node'
  | 'nodePassword'
  | 'proxyAgent'
  | 'proxyTarget';

/**
 * The columns of a collection's list, ids first: a key (the MCP row's field, and the CLI header
 * in capitals) to the dotted path of its value in an item (`dataSourceState.name`,
 * `lines.length`, `supportedNodeTypes[].name`).
 */
export type Columns = Readonly<Record<string, string>>;

/** An example's input, as a caller passes it; may be awaited. */
export type ExampleInput<Shape extends z.ZodRawShape> =
  | NoInfer<z.input<z.ZodObject<Shape>>>
  | Promise<NoInfer<z.input<z.ZodObject<Shape>>>>;

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
  /**
   * One paragraph for humans and models: what it does, which ids it needs and which operation
   * lists them, and the caveats from the guide.
   */
  description: string;
  safety: Safety;
  /** Whether repeating it is harmless (drives automatic retries). */
  idempotent: boolean;
  /**
   * The flat input: path parameters, query parameters and body fields side by side, each with a
   * description. Validated strictly before anything is sent.
   */
  input: Shape;
  /**
   * Which input fields go to the query string (the rest, other than path parameters, go to the
   * body), or a function that builds the query.
   */
  query?: readonly (keyof Shape & string)[] | ((input: z.output<z.ZodObject<Shape>>) => Query);
  /** Builds the body from the input, when it is not simply the remaining fields. */
  body?: (input: z.output<z.ZodObject<Shape>>) => unknown;
  /** The response schema (lenient). */
  response: Response;
  /** The collection takes `limit` and `offset`. */
  paged?: boolean;
  /** The response is a JSON string that may arrive with its quotes (the suggested node name). */
  unquote?: boolean;
  /**
   * Where to ask when the server answers 404 at `path` because it serves this operation at
   * another documented path (only for reads). Tried once.
   */
  alternate?: { path: string; query: (input: z.output<z.ZodObject<Shape>>) => Query };
  /**
   * The MCP tool's name when the rule (`consumers.list` -> `list_consumers`, verb then noun)
   * does not give a verb-first one (`meta.me` -> `get_current_user`).
   */
  toolName?: string;
  /**
   * For a collection: the columns of its list in the CLI and in MCP tool output. Required on
   * every collection (see {@link ColumnsRule}).
   */
  columns?: Columns;
  /**
   * How the result is shown when its schema alone does not say it. `tree`: a business unit
   * (`BusinessUnitSummary`) with its units nested at every depth, shown as one line per unit
   * indented under its parent, ids first (the CLI's table, the MCP tool's text and rows).
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
 * What a declaration brings besides its spec: an example, a valid input against the simulator's
 * demo data, built from what the context reads or earlier examples made. The resources and MCP
 * scenario tests run every one (`exampleOf`); the example is kept on the operation at run time
 * but is not part of its published type.
 */
export interface Example<Shape extends z.ZodRawShape> {
  example: (x: ExampleContext) => ExampleInput<Shape>;
}

/**
 * Declares an operation. An identity with inference, plus the strict input schema and the path
 * parameters derived from the spec. The registry's own: an operation is declared in
 * `operations/<area>.ts`.
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
