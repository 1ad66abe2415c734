/**
 * `@cloutapi/auth`: the token lifecycle for the Cloutility API. It knows nothing about endpoints
 * besides `POST /v1/oauth`.
 *
 * @packageDocumentation
 */
export {
  AuthenticationError,
  type AuthenticationFailureReason,
  CloutilityError,
  type CloutilityErrorDetails,
  ConfigurationError,
  ConflictError,
  ConnectionError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  RedirectError,
  ResponseTooLargeError,
  ServerError,
  TimeoutError,
  ValidationError,
  type ValidationIssue,
} from './errors.js';
export {
  type Connection,
  normalizeBaseUrl,
  optionalFunction,
  optionalNumber,
  requireSecret,
  requireString,
  resolveConnection,
  validateOrigin,
} from './options.js';
export {
  type AuthStrategy,
  type Clock,
  createPasswordAuth,
  type PasswordAuthOptions,
  type TokenSnapshot,
} from './password-auth.js';
export { type BodyLimit, discardBody, readBody } from './read-body.js';
export {
  isSecretKey,
  REDACTED,
  redact,
  redactValue,
  registerSecret,
  registerSecretsIn,
} from './redact.js';
export { isRedirect, parseRetryAfter, TOKEN_PATH, transportError } from './token-endpoint.js';
