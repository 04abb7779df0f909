// Registering a trained model and offering it for champion in one call. The champion alias only
// ever moves through promote (under the lease, with the champion comparison, the fallback tag and
// the history), so registerModel itself never sets it; this is the path the notebooks and the
// retraining loop take from a finished training run to the registry.
import type { MlflowClient } from '../tracking/client';
import { registerModel, type RegisterModelOptions, type RegisterModelResult } from '../tracking/registry';
import type { Gate } from '../tracking/gates';
import { PromotionRefusedError } from './errors';
import { DEFAULT_PROMOTION_MAX_DEGRADATION, type PromotionGatesInput } from './gates-config';
import { promote, type PromoteOptions, type PromoteResult } from './promotion';

export interface RegisterAndPromoteOptions extends Omit<RegisterModelOptions, 'alias'> {
  /**
   * How the new version is promoted. Its gates default to promotionGatesFrom(gates): the
   * registration gates as thresholds, and no more than 10% worse than the champion on them.
   */
  readonly promotion?: Omit<PromoteOptions, 'model' | 'version'>;
}

export interface RegisterAndPromoteResult extends RegisterModelResult {
  /** Set when the new version became the champion. */
  readonly promoted?: PromoteResult;
  /** Set when promote refused it (its gates, or a champion it does not match); its report says why. */
  readonly refused?: PromotionRefusedError;
}

/**
 * Promotion gates from registration gates: each as a threshold, and each compared with the
 * champion (a `max` gate alone means lower is better) with at most 10% relative degradation.
 */
export function promotionGatesFrom(gates: readonly Gate[]): PromotionGatesInput {
  return {
    thresholds: gates.map((g) => ({ metric: g.metric, ...(g.min !== undefined ? { min: g.min } : {}), ...(g.max !== undefined ? { max: g.max } : {}) })),
    champion: gates.length === 0 ? null : {
      maxDegradation: DEFAULT_PROMOTION_MAX_DEGRADATION,
      metrics: Object.fromEntries(gates.map((g) => [g.metric, g.min === undefined && g.max !== undefined ? 'lower' : 'higher'])),
    },
    distribution: null,
    baselines: [],
  };
}

/**
 * registerModel, then, when its gates pass, promote of the new version. A refusal is returned
 * (the version stays registered, the champion unchanged), not thrown; other errors are thrown.
 */
export async function registerAndPromote(client: MlflowClient, options: RegisterAndPromoteOptions): Promise<RegisterAndPromoteResult> {
  const { promotion, ...register } = options;
  const registered = await registerModel(client, register);
  if (!registered.gates.passed) return registered;
  try {
    const promoted = await promote(client, { ...promotion, gates: promotion?.gates ?? promotionGatesFrom(options.gates), model: options.modelName, version: registered.version });
    return { ...registered, aliasSet: true, promoted };
  } catch (error) {
    if (error instanceof PromotionRefusedError) return { ...registered, refused: error };
    throw error;
  }
}
