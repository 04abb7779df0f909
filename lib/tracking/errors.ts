// The tracking domain's error classes. Each names the URL or argument, what went wrong and the fix.
import { QuantlabError } from '../util/errors';

/** The MLflow server answered with an error (HTTP status >= 400). */
export class MlflowApiError extends QuantlabError {
  constructor(
    readonly url: string,
    readonly status: number,
    /** MLflow's error_code, e.g. RESOURCE_DOES_NOT_EXIST; 'UNKNOWN' when the body carried none. */
    readonly errorCode: string,
    readonly serverMessage: string,
  ) {
    super(`MLflow ${url} answered HTTP ${status} ${errorCode}: ${serverMessage}`);
  }

  get isNotFound(): boolean {
    return this.status === 404 || this.errorCode === 'RESOURCE_DOES_NOT_EXIST';
  }

  get isAlreadyExists(): boolean {
    return this.errorCode === 'RESOURCE_ALREADY_EXISTS';
  }
}

/** Nothing answers at the tracking URI (connection refused, DNS failure, timeouts after retries). */
export class MlflowUnavailableError extends QuantlabError {
  constructor(readonly url: string, readonly reason: string) {
    super(
      `MLflow is not reachable at ${url} (${reason}). Fix: start it with \`npm run mlflow:start\`, ` +
        'or point MLFLOW_TRACKING_URI / configs/mlflow.json at a running server',
    );
  }
}

/** The server (MLflow or its PostgreSQL cluster) could not be started or stopped. */
export class MlflowServerError extends QuantlabError {
  constructor(readonly what: string, readonly problem: string, readonly logTail: string, readonly fix: string) {
    super(`${what}: ${problem}. Fix: ${fix}${logTail ? `\n--- log tail ---\n${logTail}` : ''}`);
  }
}

/** The offline journal could not be read, locked or written. */
export class MlflowJournalError extends QuantlabError {
  constructor(readonly file: string, readonly problem: string, readonly fix: string) {
    super(`MLflow offline journal ${file}: ${problem}. Fix: ${fix}`);
  }
}

/**
 * Whether `error` means the server is out of reach rather than refusing the request: nothing
 * answered (after retries), or a gateway in front of it said it is down (502/503/504).
 */
export function isOutage(error: unknown): boolean {
  if (error instanceof MlflowUnavailableError) return true;
  return error instanceof MlflowApiError && (error.status === 502 || error.status === 503 || error.status === 504);
}
