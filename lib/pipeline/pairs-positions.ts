// From the pairs model's probabilities to a position in the spread, sized by volatility: where the
// model expects the spread to revert, bet on the reversion (short the spread above its mean, long
// below it) with a size that targets a constant volatility using the GARCH forecast of the
// spread's next move. The position at t is decided at t's close; a backtester applies it to t+1.
import { InvalidArgumentError } from '../util/errors';
import { rejectUnknownOptions } from '../util/options';

export const DEFAULT_PAIRS_POSITIONS = { threshold: 0.5, targetVolatility: 0.1, maxLeverage: 2, periodsPerYear: 252 } as const;

export interface PairsPositionOptions {
  /** Trade only where the reversion probability exceeds this. */
  readonly threshold?: number;
  /** Annualised volatility the position aims at, as a fraction (0.1 = 10%). */
  readonly targetVolatility?: number;
  /** Largest absolute position, in units of the spread. */
  readonly maxLeverage?: number;
  readonly periodsPerYear?: number;
}

/**
 * Position in the spread per bar: -sign(z) * min(maxLeverage, target / forecast) where the
 * probability clears the threshold, else 0 (also where any input is missing). `forecastPct` is the
 * GARCH one-step forecast of the spread's change in percent (garch_volatility with scale 100).
 */
export function pairsPositions(probability: Float64Array, z: Float64Array, forecastPct: Float64Array, options: PairsPositionOptions = {}): Float64Array {
  rejectUnknownOptions('options', options, Object.keys(DEFAULT_PAIRS_POSITIONS));
  const o = { ...DEFAULT_PAIRS_POSITIONS, ...options };
  const n = probability.length;
  for (const [name, col] of [['z', z], ['forecastPct', forecastPct]] as const) {
    if (!(col instanceof Float64Array) || col.length !== n) {
      throw new InvalidArgumentError(name, col, `must be a Float64Array of length ${n} (that of probability)`, 'pass columns of the same rows');
    }
  }
  if (!(o.threshold >= 0 && o.threshold < 1)) throw new InvalidArgumentError('options.threshold', o.threshold, 'must be in [0, 1)', 'pass e.g. 0.5');
  if (!(o.targetVolatility > 0) || !(o.maxLeverage > 0) || !(o.periodsPerYear > 0)) {
    throw new InvalidArgumentError('options', options, 'targetVolatility, maxLeverage and periodsPerYear must be positive', 'pass e.g. { targetVolatility: 0.1, maxLeverage: 2 }');
  }
  const targetPct = (100 * o.targetVolatility) / Math.sqrt(o.periodsPerYear);
  const out = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const p = probability[t]!, zt = z[t]!, vol = forecastPct[t]!;
    if (!(p > o.threshold) || !Number.isFinite(zt) || zt === 0 || !(vol > 0)) continue;
    out[t] = -Math.sign(zt) * Math.min(o.maxLeverage, targetPct / vol);
  }
  return out;
}
