// Optuna's MedianPruner: prune a trial whose best intermediate value so far is worse than the
// median of the completed trials' values at the same step.
import { PercentilePruner, type PercentilePrunerOptions } from './percentile';

export type MedianPrunerOptions = PercentilePrunerOptions;

export class MedianPruner extends PercentilePruner {
  override readonly name = 'MedianPruner';
  constructor(options: MedianPrunerOptions = {}) {
    super(50, options);
  }
}
