import type { CloutilityClient } from '@cloutapi/core';
import type { CloutilityApi } from './api.generated.js';
import type { CallContext } from './call.js';
import { buildFacade, type FacadeOptions } from './facade.js';

/** The typed facade: one namespace per API area plus the client it sends through. */
export type Cloutility = CloutilityApi & {
  /** The `@cloutapi/core` client every call goes through. */
  readonly client: CloutilityClient;
  /** How calls are executed (client and response validation), for workflows and tools. */
  readonly context: CallContext;
};

/** Options of {@link createCloutility}: the client's (or a `client`), `credentials`, validation. */
export type CloutilityOptions = FacadeOptions;

/**
 * Creates the typed facade over every operation of the registry (an area's schemas load at the
 * first call of one of its methods). Inputs are validated before anything is sent (the error
 * names every bad field); responses are checked by `responseValidation` (`'lenient'` by default).
 *
 * @example
 * ```ts
 * const clout = createCloutility({
 *   baseUrl: 'https://portal-api.example.net',
 *   clientId: process.env.CLOUTAPI_CLIENT_ID!,
 *   origin: 'https://service.example.com',
 *   credentials: { username: 'ops@example.net', password: process.env.CLOUTAPI_PASSWORD! },
 * });
 * const tree = await clout.bunits.tree();
 * const consumers = await clout.consumers.list(tree.id!);
 * ```
 */
export function createCloutility(options: CloutilityOptions): Cloutility {
  const { client, context, namespaces } = buildFacade(options);
  return Object.freeze({
    ...namespaces,
    client,
    context,
    toJSON: () => ({ baseUrl: client.baseUrl, clientId: client.clientId, origin: client.origin }),
    [Symbol.for('nodejs.util.inspect.custom')]: () =>
      `Cloutility ${JSON.stringify({ baseUrl: client.baseUrl })}`,
  }) as unknown as Cloutility;
}
