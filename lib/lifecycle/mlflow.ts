// The retraining loop's registry steps on MLflow: the champion is the version holding an alias,
// its metrics are its run's, and promotion moves the alias.
import { InvalidArgumentError } from '../util/errors';
import type { MlflowClient } from '../tracking/client';
import { MlflowApiError } from '../tracking/errors';
import { DEFAULT_ALIAS } from '../tracking/registry';
import type { Metrics } from './retrain';

/** A registered candidate: promoteToAlias needs only its version. */
export interface RegisteredCandidate {
  readonly version: string;
}

function checkName(value: unknown, argument: string): void {
  if (typeof value !== 'string' || value.length === 0) throw new InvalidArgumentError(argument, value, 'must be a non-empty string', 'name the registered model and alias');
}

/**
 * The metrics logged on the run of the version that holds `alias`; undefined when the model or
 * the alias does not exist yet. These were measured on the holdout of the champion's own training
 * cycle: when the holdout moves with the data, re-evaluate the champion instead.
 */
export async function registryChampionMetrics(client: MlflowClient, modelName: string, alias: string = DEFAULT_ALIAS): Promise<Metrics | undefined> {
  checkName(modelName, 'modelName');
  checkName(alias, 'alias');
  let runId: string;
  try {
    runId = (await client.getModelVersionByAlias(modelName, alias)).runId;
  } catch (error) {
    // MLflow 3 answers 404 for a missing model but 400 INVALID_PARAMETER_VALUE "alias ... not found" for a missing alias.
    const missingAlias = error instanceof MlflowApiError && error.errorCode === 'INVALID_PARAMETER_VALUE' && /alias .* not found/i.test(error.serverMessage);
    if ((error instanceof MlflowApiError && error.isNotFound) || missingAlias) return undefined;
    throw error;
  }
  if (!runId) return undefined;
  return (await client.getRun(runId)).data.metrics;
}

/** A `promote` step for runRetraining that points `alias` at the candidate's version. */
export function promoteToAlias(client: MlflowClient, modelName: string, alias: string = DEFAULT_ALIAS): (candidate: RegisteredCandidate) => Promise<void> {
  checkName(modelName, 'modelName');
  checkName(alias, 'alias');
  return async (candidate) => {
    if (typeof candidate?.version !== 'string' && typeof candidate?.version !== 'number') {
      throw new InvalidArgumentError('candidate.version', candidate?.version, 'is missing', 'have train() return the registered version, e.g. { version: "3" }');
    }
    await client.setAlias(modelName, alias, candidate.version);
  };
}
