import { createPasswordAuth } from '@cloutapi/auth';
import { type ClientOptions, type CloutilityClient, createClient } from '@cloutapi/core';
import {
  type CallContext,
  type CallOptions,
  type CollectionItem,
  callOperation,
  iterateOperation,
  type ResponseValidation,
} from './call.js';
import type { Operation, OperationInput, OperationOutput, PathParamNames } from './define.js';
import { ConfigurationError } from './errors.js';
import { actionsOf, indexEntry, loadOperation, namespaceNames } from './operations/lazy.js';

type Input<Op extends Operation> = OperationInput<Op>;
/** An object type with no required keys: `NoRequired extends T` holds when every key of T is optional. */
type NoRequired = Record<never, never>;
type PathKeys<Op extends Operation> = PathParamNames<Op['path']>[number];
type PathValues<Op extends Operation, Names = PathParamNames<Op['path']>> = {
  [K in keyof Names]: Names[K] extends keyof Input<Op> ? Input<Op>[Names[K]] : never;
};
type Rest<Op extends Operation> = Omit<Input<Op>, PathKeys<Op>>;
type RestArgs<Op extends Operation> =
  NoRequired extends Rest<Op>
    ? [rest?: Rest<Op>, options?: CallOptions]
    : [rest: Rest<Op>, options?: CallOptions];
type ObjectArgs<Op extends Operation> =
  NoRequired extends Input<Op>
    ? [input?: Input<Op>, options?: CallOptions]
    : [input: Input<Op>, options?: CallOptions];

/**
 * The facade method of one operation. Call it with one input object
 * (`consumers.get({ bunitId: 12, consumerId: 40 })`) or with the path parameters first, in path
 * order (`consumers.get(12, 40)`), then the other fields and per-call options.
 */
export type OperationMethod<Op extends Operation> =
  PathParamNames<Op['path']> extends []
    ? (...args: ObjectArgs<Op>) => Promise<OperationOutput<Op>>
    : ((...args: ObjectArgs<Op>) => Promise<OperationOutput<Op>>) &
        ((...args: [...PathValues<Op>, ...RestArgs<Op>]) => Promise<OperationOutput<Op>>);

/** A collection operation's method also has `.iterate(...)`, yielding every item. */
export type CollectionMethod<Op extends Operation> = OperationMethod<Op> & {
  iterate(
    ...args: Parameters<OperationMethod<Op>>
  ): AsyncGenerator<CollectionItem<OperationOutput<Op>>, void, undefined>;
};

/** The method type for an operation, with `.iterate` when it returns a collection. */
export type MethodFor<Op extends Operation> = [CollectionItem<OperationOutput<Op>>] extends [never]
  ? OperationMethod<Op>
  : CollectionMethod<Op>;

/** Options of {@link buildFacade} and `createCloutility`. */
export interface FacadeOptions extends Partial<ClientOptions> {
  /** An existing client; otherwise one is created from the other options. */
  client?: CloutilityClient;
  /**
   * Username and password: short for `authStrategy: createPasswordAuth` (of `@cloutapi/auth`)
   * with `auth: { username, password, refresh }`.
   */
  credentials?: {
    username: string;
    /** The password, or a function that gets it at the first sign-in that needs it. */
    password: string | (() => string | Promise<string>);
    refresh?: boolean;
  };
  /** How responses are checked (default `lenient`). */
  responseValidation?: ResponseValidation;
  /** Called when a response does not match its schema in `lenient` mode. */
  onSchemaMismatch?: CallContext['onSchemaMismatch'];
  /**
   * Refuse every operation that changes the portal, before anything is sent: true, or why (a
   * read-only profile). Reads go ahead.
   */
  readOnly?: CallContext['readOnly'];
}

/**
 * Builds a namespace per area and a method per operation from the registry's index (the types are
 * the generated `CloutilityApi`); an area's schemas load at the first call of one of its methods.
 */
export function buildFacade(options: FacadeOptions) {
  const {
    client: given,
    responseValidation = 'lenient',
    onSchemaMismatch,
    credentials,
    readOnly,
    ...clientOptions
  } = options ?? {};
  if (!['strict', 'lenient', 'off'].includes(responseValidation)) {
    throw new ConfigurationError(
      'responseValidation',
      `expected 'strict', 'lenient' or 'off'; got ${JSON.stringify(responseValidation)}`,
    );
  }
  const client = given ?? createClient(withCredentials(clientOptions, credentials));
  const ctx: CallContext = { client, responseValidation, onSchemaMismatch, readOnly };
  const namespaces: Record<string, Record<string, unknown>> = {};
  for (const area of namespaceNames()) {
    namespaces[area] = {};
    for (const action of actionsOf(area)) {
      const name = `${area}.${action}`;
      // The operation (loaded with its area on first use) and the call's input and options.
      const prepare = async (args: unknown[]) => {
        const op = (await loadOperation(name)) as Operation;
        return [op, ...splitArgs(op, args)] as const;
      };
      const method: ((...args: unknown[]) => Promise<unknown>) & { iterate?: unknown } = async (
        ...args
      ) => callOperation(ctx, ...(await prepare(args)));
      if (indexEntry(name)?.collection) {
        method.iterate = async function* (...args: unknown[]) {
          yield* iterateOperation(ctx, ...(await prepare(args)));
        };
      }
      Object.defineProperty(method, 'name', { value: name });
      namespaces[area][action] = method;
    }
  }
  return { client, context: ctx, namespaces };
}

/** The client options, with `credentials` turned into the password strategy. */
function withCredentials(
  options: Partial<ClientOptions>,
  credentials: FacadeOptions['credentials'],
) {
  if (credentials === undefined) return options as ClientOptions;
  if (options.authStrategy || options.auth) {
    throw new ConfigurationError('credentials', 'give "credentials" or "authStrategy", not both');
  }
  return { ...options, authStrategy: createPasswordAuth, auth: credentials } as ClientOptions;
}

/** `(input, options)`, or leading numbers/strings for the path parameters, then rest, options. */
export function splitArgs(
  op: Operation,
  args: readonly unknown[],
): [Record<string, unknown>, CallOptions] {
  let i = 0;
  const input: Record<string, unknown> = {};
  while (i < args.length && i < op.pathParams.length && isPrimitive(args[i])) {
    input[String(op.pathParams[i])] = args[i];
    i++;
  }
  const rest = args[i];
  if (rest !== undefined && (typeof rest !== 'object' || rest === null)) {
    // Too many positional values, or a value where an object belongs: let validation say so.
    input[`argument${i + 1}`] = rest;
    return [input, {}];
  }
  return [
    { ...input, ...(rest as Record<string, unknown> | undefined) },
    (args[i + 1] as CallOptions) ?? {},
  ];
}

function isPrimitive(value: unknown): value is string | number {
  return typeof value === 'number' || typeof value === 'string';
}
