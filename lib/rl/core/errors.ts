// The environment API's own errors: calls made out of order (step before reset, step after the
// episode ended) and a failed environment check. Bad arguments use InvalidArgumentError.
import { QuantlabError } from '../../util/errors';

/** step() called when the episode is not running: before the first reset, after it ended, or after close. */
export class EnvStateError extends QuantlabError {
  constructor(readonly env: string, readonly problem: string, readonly fix: string) {
    super(`${env}: ${problem}. Fix: ${fix}`);
  }
}

/** checkEnv found an environment breaking the contract; `check` names the rule that failed. */
export class EnvCheckError extends QuantlabError {
  constructor(readonly check: string, readonly problem: string, readonly fix: string) {
    super(`checkEnv: ${check}: ${problem}. Fix: ${fix}`);
  }
}
