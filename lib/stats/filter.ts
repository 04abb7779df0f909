// Running a fitted GARCH(1,1) forward over new data with its parameters held fixed: how a model
// fitted on the training period produces volatility for the validation and holdout periods (and
// live bars) without refitting, and so without look-ahead.
import { InvalidArgumentError } from '../util/errors';
import type { Garch11Params } from './garch11';
import { validateGarch11Params } from './garch11';
import { garch11Variance } from './volatility';

export interface Garch11Filtered {
  /** sigma[t]: volatility of return t given returns up to t-1. */
  readonly conditionalVolatility: Float64Array;
  /** sigma[t+1 | t]: next period's volatility, known at the close of t (a tradeable feature). */
  readonly nextVolatility: Float64Array;
  readonly standardizedResiduals: Float64Array;
}

/**
 * `backcast` stands in for the pre-sample squared shock and variance: pass the fit's own
 * `backcast` to continue from the fitted model's start, as arch does.
 */
export function filterGarch11(returns: Float64Array, params: Garch11Params, backcast: number): Garch11Filtered {
  validateGarch11Params('params', params);
  if (!(returns instanceof Float64Array) || returns.length === 0) {
    throw new InvalidArgumentError('returns', returns, 'must be a non-empty Float64Array', 'pass percent returns as a Float64Array');
  }
  const bad = returns.findIndex((r) => !Number.isFinite(r));
  if (bad >= 0) {
    throw new InvalidArgumentError(`returns[${bad}]`, returns[bad], 'is not finite', 'drop the leading NaN of a return series (returns.subarray(1)) or repair the data');
  }
  if (!(backcast > 0) || !Number.isFinite(backcast)) {
    throw new InvalidArgumentError('backcast', backcast, 'must be a positive finite variance', 'pass fit.backcast from fitGarch11');
  }
  const n = returns.length;
  const resids = new Float64Array(n);
  for (let t = 0; t < n; t++) resids[t] = returns[t] - params.mu;
  const variance = garch11Variance(resids, params, backcast, new Float64Array(n));
  const conditionalVolatility = new Float64Array(n);
  const nextVolatility = new Float64Array(n);
  const standardizedResiduals = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    conditionalVolatility[t] = Math.sqrt(variance[t]);
    standardizedResiduals[t] = resids[t] / conditionalVolatility[t];
    nextVolatility[t] = Math.sqrt(params.omega + params.alpha * resids[t] * resids[t] + params.beta * variance[t]);
  }
  return { conditionalVolatility, nextVolatility, standardizedResiduals };
}
