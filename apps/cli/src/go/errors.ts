import { CloutilityError } from '@cloutapi/resources/errors';
import { CliError } from '../errors.js';
import { EXIT } from '../exit-codes.js';

/**
 * A command stopped halfway: something was created and something was not. The message says what
 * (with ids), the hint how to finish or undo it. Exit code 7.
 */
export class PartialError extends CliError {
  override readonly name = 'PartialError';

  constructor(message: string, hint: string, cause?: unknown) {
    super(message, hint, EXIT.partial);
    if (cause !== undefined) this.cause = cause;
  }
}

/**
 * An error as the Go client words it in a table cell: the API's `developerMessage` (the only field
 * of the error body it prints), else `error response <status>`, else what went wrong.
 */
export function goErrorText(error: unknown): string {
  if (error instanceof CloutilityError) {
    if (error.developerMessage) return error.developerMessage;
    if (error.status !== undefined) return `error response ${error.status}`;
  }
  return error instanceof Error ? error.message : String(error);
}
