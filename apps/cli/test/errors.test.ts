import {
  CloutilityError,
  EnrollmentError,
  NotFoundError,
  ServerError,
  TimeoutError,
  ValidationError,
} from '@cloutapi/resources/errors';
import { describe, expect, it } from 'vitest';
import { exitCodeFor, explain, interrupted, usageError } from '../src/errors.js';
import { EXIT } from '../src/exit-codes.js';

describe("the CLI's errors are core's classes", () => {
  it('a usage error is a ValidationError naming its flag, exits 2 and prints its own words', () => {
    const error = usageError('--port: expected 0 to 65535, got "x"');
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues).toEqual([{ path: '--port', message: 'expected 0 to 65535, got "x"' }]);
    expect(exitCodeFor(error)).toBe(EXIT.usage);
    // No generic "fix the input" line under a message already in the command line's words.
    expect(explain(error)).toEqual(['--port: expected 0 to 65535, got "x"']);
    const hinted = usageError('--exec and --out: give one of them', 'Choose one.');
    expect(hinted.issues).toEqual([]);
    expect(explain(hinted)).toEqual(['--exec and --out: give one of them', 'Choose one.']);
  });

  it("prints an error's hint instead of the next step its kind would get", () => {
    const error = new NotFoundError({ message: 'no unit #9', hint: 'List them first.' });
    expect(explain(error)).toEqual(['no unit #9', 'List them first.']);
    expect(exitCodeFor(error)).toBe(EXIT.notFound);
    expect(explain(new NotFoundError({ message: 'no unit #9' }))[1]).toMatch(/Check the ids/);
  });

  it('an enrollment stopped with its consumption unit in place is partly done (7); before, it exits as its cause', () => {
    const cause = new ServerError({ message: 'failed with 503', status: 503 });
    const partly = new EnrollmentError('web-07', 'node', [], 421, cause);
    expect(exitCodeFor(partly)).toBe(EXIT.partial);
    // In the Go CLI's words, wrapped: still partly done.
    expect(exitCodeFor(new CloutilityError({ message: 'created #421', cause: partly }))).toBe(
      EXIT.partial,
    );
    expect(exitCodeFor(new EnrollmentError('web-07', 'consumer', [], undefined, cause))).toBe(
      EXIT.error,
    );
    const timedOut = new TimeoutError({ message: 'the lock was held' });
    expect(exitCodeFor(new EnrollmentError('web-07', 'lock', [], undefined, timedOut))).toBe(
      EXIT.unreachable,
    );
  });

  it("Ctrl-C is the standard AbortError (130), also as an error's cause", () => {
    expect(exitCodeFor(interrupted('stopped at the question: nothing was sent'))).toBe(
      EXIT.interrupted,
    );
    const stop = new AbortController();
    stop.abort();
    const stopped = new CloutilityError({ message: 'stopped (Ctrl-C)', cause: stop.signal.reason });
    expect(exitCodeFor(stopped)).toBe(EXIT.interrupted);
    expect(exitCodeFor(new CloutilityError({ message: 'rows failed' }))).toBe(EXIT.error);
  });
});
