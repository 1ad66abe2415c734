/** The API's error body (every route except the token endpoint). */
export interface ApiErrorBody {
  /** A PascalCase code such as `NotFound` or `ValidationFailed`. */
  code: string;
  /** What went wrong, naming the field or id concerned. */
  message: string;
  /** The cause again, with what was expected and what to do next (all the Go client prints). */
  developerMessage: string;
  /** The HTTP status, repeated. */
  status: number;
}

/**
 * An error a route throws to answer with the API error body. Handlers validate everything before
 * they change state, so throwing one always leaves the state as it was.
 */
export class SimError extends Error {
  /** The cause, then the hint: the Go client prints only this field, so it must say both. */
  readonly developerMessage: string;

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    hint?: string,
  ) {
    super(message);
    this.name = 'SimError';
    this.developerMessage = withHint(message, hint);
  }

  /** The JSON body for this error. */
  toBody(): ApiErrorBody {
    return {
      code: this.code,
      message: this.message,
      developerMessage: this.developerMessage,
      status: this.status,
    };
  }
}

/** `cause. hint`, or the cause alone. */
function withHint(message: string, hint: string | undefined): string {
  if (!hint || hint === message) return message;
  return `${message}${/[.!?]$/.test(message) ? '' : '.'} ${hint}`;
}

const CODES: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  408: 'RequestTimeout',
  409: 'Conflict',
  413: 'PayloadTooLarge',
  415: 'UnsupportedMediaType',
  422: 'UnprocessableEntity',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

/** The PascalCase error code for an HTTP status (`Error<status>` for uncommon ones). */
export function codeForStatus(status: number): string {
  return CODES[status] ?? `Error${status}`;
}

/** The factory of one kind of error: `(message, hint?)` answered with `status` and `code`. */
const answer =
  (status: number, code = codeForStatus(status)) =>
  (message: string, hint?: string) =>
    new SimError(status, code, message, hint);

/** 400 ValidationFailed: a field or parameter has a wrong type or value. */
export const validationFailed = answer(400, 'ValidationFailed');
/** 400 BadRequest: the request as a whole cannot be read (e.g. malformed JSON). */
export const badRequest = answer(400);
/** 401 Unauthorized. */
export const unauthorized = answer(401);
/** 403 Forbidden. */
export const forbidden = answer(403);
/** 404 NotFound. */
export const notFound = answer(404);
/** 409 Conflict: the request is valid but clashes with the current state. */
export const conflict = answer(409);
