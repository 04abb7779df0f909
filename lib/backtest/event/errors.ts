// The engine's own error: a strategy tried to read a bar it could not have seen yet.
import { QuantlabError } from '../../util/errors';

export class LookAheadError extends QuantlabError {
  constructor(readonly read: string, readonly index: number, readonly currentBar: number) {
    super(
      `look-ahead: ${read} reads bar ${index} but the current bar is ${currentBar}; a strategy may read only bars up to ` +
        `the current one. Fix: pass k >= 0 bars back (0 = the current bar, 1 = the previous one)`,
    );
  }
}
