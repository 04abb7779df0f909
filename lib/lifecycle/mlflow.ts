// The retraining loop's registry steps on MLflow: the champion is the version holding an alias,
// its metrics are its run's, and promotion is promote() (./promotion.ts) of the candidate.
import { InvalidArgumentError } from '../util/errors';
import type { MlflowClient } from '../tracking/client';
import { MlflowApiError } from '../tracking/errors';
import { DEFAULT_ALIAS } from '../tracking/registry';
import { rejectUnknownOptions } from '../util/options';
import type { PromotionGatesInput } from './gates-config';
import type { LeaseOptions } from './lease';
import { promote } from './promotion';
import { DEFAULT_MAX_DEGRADATION, directionsFromGates, type Metrics, type RetrainDecision } from './retrain';

/** A registered candidate: promoteToAlias needs only its version. */
export interface RegisteredCandidate {
  readonly version: string | number;
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

export interface PromoteToAliasOptions {
  /** Default 'champion'. */
  readonly alias?: string;
  /**
   * Gates promote() re-checks under the lease. Default: the ones runRetraining decided with (its
   * thresholds, and its champion comparisons with maxDegradation), applied to the decision's
   * holdout metrics, so a candidate it approved passes unless the champion changed meanwhile.
   */
  readonly gates?: PromotionGatesInput;
  /** The runRetraining maxDegradation to re-apply (default DEFAULT_MAX_DEGRADATION). */
  readonly maxDegradation?: number;
  readonly by?: string;
  readonly lease?: LeaseOptions;
}

/** The gates a retraining decision was taken with, as promotion gates. */
export function gatesFromDecision(decision: RetrainDecision, maxDegradation: number = DEFAULT_MAX_DEGRADATION): PromotionGatesInput {
  const thresholds = decision.gates.results.map((r) => ({ metric: r.metric, ...(r.min === undefined ? {} : { min: r.min }), ...(r.max === undefined ? {} : { max: r.max }) }));
  const metrics = decision.comparisons.length > 0
    ? Object.fromEntries(decision.comparisons.map((c) => [c.metric, c.direction]))
    : directionsFromGates(thresholds);
  return { thresholds, champion: { maxDegradation, metrics }, distribution: null, baselines: [] };
}

/**
 * A `promote` step for runRetraining: promote() (lease, gates, history, fallback tags) of the
 * candidate's version, with the decision's metrics as the holdout. `options` may be the alias.
 */
export function promoteToAlias(client: MlflowClient, modelName: string, options: string | PromoteToAliasOptions = {}): (candidate: RegisteredCandidate, decision?: RetrainDecision) => Promise<void> {
  checkName(modelName, 'modelName');
  const o: PromoteToAliasOptions = typeof options === 'string' ? { alias: options } : options;
  rejectUnknownOptions('options', o, ['alias', 'gates', 'maxDegradation', 'by', 'lease']);
  if (o.alias !== undefined) checkName(o.alias, 'options.alias');
  return async (candidate, decision) => {
    if (typeof candidate?.version !== 'string' && typeof candidate?.version !== 'number') {
      throw new InvalidArgumentError('candidate.version', candidate?.version, 'is missing', 'have train() return the registered version, e.g. { version: "3" }');
    }
    const gates = o.gates ?? (decision ? gatesFromDecision(decision, o.maxDegradation) : undefined);
    const holdout = decision ? { candidate: decision.candidateMetrics, ...(decision.championMetrics ? { champion: decision.championMetrics } : {}) } : undefined;
    await promote(client, {
      model: modelName, version: candidate.version,
      ...(o.alias === undefined ? {} : { alias: o.alias }), ...(gates ? { gates } : {}), ...(holdout ? { holdout } : {}),
      ...(o.by === undefined ? {} : { by: o.by }), ...(o.lease === undefined ? {} : { lease: o.lease }),
      ...(decision ? { reason: 'retraining cycle' } : {}),
    });
  };
}
