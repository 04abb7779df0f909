// Ready-made strategies on the event-driven engine, and the walk-forward that refits one of them.
export { smaCrossover, DEFAULT_SMA_CROSSOVER_WEIGHT, type SmaCrossoverOptions } from './sma-crossover';
export { targetWeightsStrategy, DEFAULT_MIN_WEIGHT_CHANGE, type TargetWeightsOptions } from './target-weights';
export {
  walkForwardSmaCrossover, type WalkForwardSmaOptions, type WalkForwardSmaResult, type SmaWindowParams, type SweepObjective,
} from './walk-forward-sma';
