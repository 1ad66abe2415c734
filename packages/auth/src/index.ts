/**
 * `@cloutapi/auth`: the token lifecycle for the Cloutility API, as an auth strategy for
 * `@cloutapi/core`'s `createClient` (`authStrategy: createPasswordAuth`, or `createSessionAuth`
 * for a session signed in to earlier). Its token requests go through core's request layer; it
 * knows no endpoint besides `POST /v1/oauth` and defines no error class (they are core's; import
 * them from `@cloutapi/resources/errors` or `@cloutapi/core`).
 *
 * @packageDocumentation
 */
export {
  createPasswordAuth,
  type PasswordAuth,
  type PasswordAuthOptions,
} from './password-auth.js';
export { createSessionAuth, type SessionAuth, type SessionAuthOptions } from './session-auth.js';
export { TOKEN_PATH } from './token-endpoint.js';
export type { Clock, GrantOptions, TokenSnapshot } from './token-lifecycle.js';
