// Kelly sizing: the bet that maximises expected log growth. Full Kelly is optimal only when the
// inputs are the true win rate and payoff or the true mean and variance; estimated ones overstate
// the edge, so the sized bet is a fraction of it (half by default) and capped.
import { InvalidArgumentError } from '../../util/errors';
import { rejectUnknownOptions } from '../../util/options';
import { requirePositive, requireReturns } from './check';

/** Half Kelly: three quarters of full Kelly's growth at a quarter of its variance. */
export const DEFAULT_KELLY_FRACTION = 0.5;
/** Cap on the absolute leverage kellyFromReturns returns. */
export const DEFAULT_KELLY_MAX_LEVERAGE = 2;
export const DEFAULT_KELLY_RISK_FREE = 0;

export interface KellyBetInput {
  /** Probability that a trade wins, in [0, 1]. */
  readonly winRate: number;
  /** Average win / average loss, both as positive amounts. */
  readonly payoffRatio: number;
}

/**
 * Fraction of equity to stake per trade, p - (1 - p) / b (Kelly 1956). Negative when the edge is
 * negative: the caller should not take the bet (or take the other side).
 */
export function kellyFraction(input: KellyBetInput): number {
  rejectUnknownOptions('input', input, ['winRate', 'payoffRatio']);
  const p = input.winRate;
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
    throw new InvalidArgumentError('input.winRate', p, 'must be a probability in [0, 1]', 'pass winning trades / all trades, e.g. 0.55');
  }
  const b = requirePositive('input.payoffRatio', input.payoffRatio, 'pass average win / average loss as a positive number, e.g. 1.5');
  return p - (1 - p) / b;
}

export interface KellyFromReturnsOptions {
  /** Multiple of full Kelly to hold (DEFAULT_KELLY_FRACTION). */
  readonly fraction?: number;
  /** The result is clipped to [-maxLeverage, maxLeverage] (DEFAULT_KELLY_MAX_LEVERAGE). */
  readonly maxLeverage?: number;
  /** Per-period risk-free return earned on cash (DEFAULT_KELLY_RISK_FREE). */
  readonly riskFree?: number;
}

/**
 * Continuous-time Kelly leverage on a return stream, fraction * (mu - rf) / sigma^2 with the
 * per-period sample mean and variance (n - 1) over the non-NaN returns, clipped to +-maxLeverage.
 * Negative means the stream loses money on average: short it or, usually, do not trade it.
 */
export function kellyFromReturns(returns: Float64Array, options: KellyFromReturnsOptions = {}): number {
  rejectUnknownOptions('options', options, ['fraction', 'maxLeverage', 'riskFree']);
  requireReturns('returns', returns);
  const fraction = options.fraction ?? DEFAULT_KELLY_FRACTION;
  if (typeof fraction !== 'number' || !(fraction > 0 && fraction <= 1)) {
    throw new InvalidArgumentError('options.fraction', fraction, 'must be in (0, 1]', 'pass 0.5 for half Kelly, 1 for full Kelly');
  }
  const maxLeverage = requirePositive('options.maxLeverage', options.maxLeverage ?? DEFAULT_KELLY_MAX_LEVERAGE, 'pass e.g. 2');
  const riskFree = options.riskFree ?? DEFAULT_KELLY_RISK_FREE;
  if (typeof riskFree !== 'number' || !Number.isFinite(riskFree)) {
    throw new InvalidArgumentError('options.riskFree', riskFree, 'must be a finite per-period return', 'pass e.g. 0.02 / 252 for 2% a year on daily bars');
  }
  let count = 0, sum = 0;
  for (const r of returns) if (!Number.isNaN(r)) { count++; sum += r - riskFree; }
  if (count < 2) {
    throw new InvalidArgumentError('returns', returns, `holds ${count} non-NaN returns`, 'pass at least two returns (in practice hundreds: the mean is hard to estimate)');
  }
  const mean = sum / count;
  let squares = 0;
  for (const r of returns) if (!Number.isNaN(r)) squares += (r - riskFree - mean) ** 2;
  const variance = squares / (count - 1);
  if (!(variance > 0)) {
    throw new InvalidArgumentError('returns', returns, 'has zero variance, so the Kelly leverage is unbounded', 'pass a return stream that varies');
  }
  const leverage = (fraction * mean) / variance;
  return Math.max(-maxLeverage, Math.min(maxLeverage, leverage));
}
