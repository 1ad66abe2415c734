import { CloutilityError, type ValidationIssue } from '@cloutapi/core';

/**
 * A response did not match the operation's schema while `responseValidation` is `'strict'`.
 * The request succeeded on the server; only its answer was unexpected.
 */
export class ResponseValidationError extends CloutilityError {
  static override readonly kind: string = 'ResponseValidationError';
  readonly issues: readonly ValidationIssue[];

  constructor(details: {
    message: string;
    method: string;
    path: string;
    status?: number;
    issues: ValidationIssue[];
  }) {
    super(details);
    this.issues = details.issues;
  }

  protected override extraJSON(): Record<string, unknown> {
    return { issues: this.issues };
  }
}
