// A strategy that trades a precomputed weight path: the weight at bar t was decided with what was
// known at t's close (a model's position series, a pairs pipeline's legs) and is ordered at t, so
// it fills at the next bar's open under the default fill model. This is how a research pipeline's
// positions become orders, fills, costs and a trade list.
import { InvalidArgumentError } from '../../util/errors';
import { rejectUnknownOptions } from '../../util/options';
import type { Strategy } from '../event/types';

/** Weight changes smaller than this (of equity) are not traded: they would only pay costs. */
export const DEFAULT_MIN_WEIGHT_CHANGE = 0.01;

export interface TargetWeightsOptions {
  /** Per asset, one target weight per bar (NaN: no decision, keep the position). */
  readonly weights: Readonly<Record<string, Float64Array>>;
  readonly minChange?: number;
}

export function targetWeightsStrategy(options: TargetWeightsOptions): Strategy {
  rejectUnknownOptions('options', options, ['weights', 'minChange']);
  const entries = Object.entries(options.weights ?? {});
  if (entries.length === 0) throw new InvalidArgumentError('options.weights', options.weights, 'is empty', 'pass { SYMBOL: Float64Array of weights, ... }');
  for (const [asset, w] of entries) {
    if (!(w instanceof Float64Array)) throw new InvalidArgumentError(`options.weights.${asset}`, w, 'must be a Float64Array', 'pass one weight per bar');
  }
  const minChange = options.minChange ?? DEFAULT_MIN_WEIGHT_CHANGE;
  if (!(minChange >= 0)) throw new InvalidArgumentError('options.minChange', minChange, 'must be >= 0', 'pass e.g. 0.01');
  const ordered = new Map<string, number>(entries.map(([asset]) => [asset, 0]));
  return {
    init(ctx) {
      for (const [asset, w] of entries) {
        if (!ctx.assets.includes(asset)) throw new InvalidArgumentError(`options.weights.${asset}`, asset, 'is not an asset of the run', `use one of ${ctx.assets.join(', ')}`);
        if (w.length < 1) throw new InvalidArgumentError(`options.weights.${asset}`, w, 'is empty', 'pass one weight per bar');
      }
    },
    onBar(ctx) {
      for (const [asset, w] of entries) {
        if (ctx.bar >= w.length) {
          throw new InvalidArgumentError(`options.weights.${asset}`, `${w.length} weights`, `has no weight for bar ${ctx.bar}`, 'pass one weight per bar of the run');
        }
        const target = w[ctx.bar]!;
        if (Number.isNaN(target)) continue;
        if (Math.abs(target - ordered.get(asset)!) < minChange && !(target === 0 && ordered.get(asset) !== 0)) continue;
        ordered.set(asset, target);
        if (target === 0) {
          if (ctx.portfolio.position(asset) !== 0) ctx.closePosition(asset);
        } else {
          ctx.order({ asset, targetWeight: target });
        }
      }
    },
  };
}
