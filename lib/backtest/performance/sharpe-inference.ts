// Is the Sharpe ratio real? The probabilistic Sharpe ratio (Bailey & Lopez de Prado 2012, "The
// Sharpe ratio efficient frontier") and the deflated Sharpe ratio (Bailey & Lopez de Prado 2014,
// "The deflated Sharpe ratio: correcting for selection bias, backtest overfitting and
// non-normality"). Every Sharpe ratio here is PER PERIOD (not annualised), n is the number of
// returns it was estimated from, and kurtosis is EXCESS kurtosis (0 for a normal law; the paper's
// gamma4 is this + 3).
import { InvalidArgumentError } from '../../util/errors';
import { normalCdf, normalQuantile } from './normal';

/** The Euler-Mascheroni constant, in the expected maximum of N normal draws. */
export const EULER_MASCHERONI = 0.5772156649015329;

function requireObservations(n: number): void {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 2) {
    throw new InvalidArgumentError('n', n, 'must be an integer >= 2', 'pass the number of returns the Sharpe ratio was estimated from');
  }
}

function requireTrials(trials: number): void {
  if (typeof trials !== 'number' || !Number.isInteger(trials) || trials < 1) {
    throw new InvalidArgumentError('trials', trials, 'must be an integer >= 1', 'pass the number of strategy variants tried (1 when this is the only one)');
  }
}

function requireVariance(variance: number): void {
  if (typeof variance !== 'number' || !(Number.isFinite(variance) && variance >= 0)) {
    throw new InvalidArgumentError('trialSharpeVariance', variance, 'must be a finite number >= 0', 'pass the variance of the per-period Sharpe ratios across the trials');
  }
}

/**
 * PSR = Phi((sr - srBenchmark) sqrt(n - 1) / sqrt(1 - skew sr + (kurtosis + 2) / 4 sr^2)): the
 * probability that the true Sharpe ratio exceeds srBenchmark, given the estimate's skew and fat
 * tails (Bailey & Lopez de Prado 2012, eq. 11; quantstats.stats.probabilistic_sharpe_ratio for
 * srBenchmark = 0). NaN when an input is NaN or the variance term is not positive.
 */
export function probabilisticSharpeRatio(sr: number, n: number, skew: number, kurtosis: number, srBenchmark = 0): number {
  requireObservations(n);
  const radicand = 1 - skew * sr + ((kurtosis + 2) / 4) * sr * sr;
  if (!(radicand > 0)) return NaN;
  return normalCdf(((sr - srBenchmark) * Math.sqrt(n - 1)) / Math.sqrt(radicand));
}

/**
 * Expected maximum of `trials` per-period Sharpe ratios whose true value is 0 and whose estimates
 * vary with variance V: sqrt(V) ((1 - g) Phi^-1(1 - 1/N) + g Phi^-1(1 - 1/(N e))), g the
 * Euler-Mascheroni constant (Bailey & Lopez de Prado 2014, eq. 2); 0 for a single trial.
 */
export function expectedMaxSharpe(trials: number, trialSharpeVariance: number): number {
  requireTrials(trials);
  requireVariance(trialSharpeVariance);
  if (trials === 1) return 0;
  const g = EULER_MASCHERONI;
  return Math.sqrt(trialSharpeVariance) * ((1 - g) * normalQuantile(1 - 1 / trials) + g * normalQuantile(1 - 1 / (trials * Math.E)));
}

/**
 * DSR = PSR against expectedMaxSharpe(trials, V): the probability that the best of `trials`
 * variants beats what luck alone would have produced (Bailey & Lopez de Prado 2014, eq. 1).
 * Without a measured V, the default is 1 / (n - 1), the sampling variance of a zero-Sharpe
 * strategy's estimate: the spread the trials would show if all of them were noise.
 */
export function deflatedSharpeRatio(
  sr: number,
  n: number,
  skew: number,
  kurtosis: number,
  trials: number,
  trialSharpeVariance?: number,
): number {
  requireObservations(n);
  const variance = trialSharpeVariance ?? 1 / (n - 1);
  return probabilisticSharpeRatio(sr, n, skew, kurtosis, expectedMaxSharpe(trials, variance));
}
