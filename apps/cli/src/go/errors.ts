import { CloutilityError } from '@cloutapi/resources/errors';

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
