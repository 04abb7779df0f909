// Analytic multi-step variance forecasts from the end of the sample, as arch's
// res.forecast(horizon=h, method='analytic').variance (last row).
import { InvalidArgumentError } from '../util/errors';
import type { Garch11Fit } from './garch11';

/** out[h-1] = E_T[sigma2_{T+h}], h = 1..horizon. */
export function forecastVariance(fit: Garch11Fit, horizon: number): Float64Array {
  if (!Number.isInteger(horizon) || horizon < 1) {
    throw new InvalidArgumentError('horizon', horizon, 'must be a positive integer', 'pass the number of steps ahead, e.g. 5');
  }
  const { omega, alpha, beta } = fit.params;
  const last = fit.residuals.length - 1;
  if (last < 0) throw new InvalidArgumentError('fit', fit, 'holds no residuals', 'pass the result of fitGarch11');
  const eT = fit.residuals[last], sT = fit.conditionalVolatility[last] ** 2;
  const out = new Float64Array(horizon);
  // One step ahead uses the observed shock; beyond it E[e^2] = sigma2, so the forecast decays
  // geometrically toward the unconditional variance at rate alpha + beta.
  out[0] = omega + alpha * eT * eT + beta * sT;
  for (let h = 1; h < horizon; h++) out[h] = omega + (alpha + beta) * out[h - 1];
  return out;
}
