// Win/loss statistics of the per-period return series, as quantstats 0.0.86 defines them: each bar
// is a "trade", so a three-day position with two up days counts two wins. These differ from the
// trade statistics in trades.ts (one record per round trip); both are reported. NaN bars are skipped.
import { requireFloat64Array } from './options';
import { quantileSorted, sortedPresent } from './sample';

export interface PeriodWinLoss {
  /** Bars with r > 0 over bars with r != 0; 0 when every bar is 0 (quantstats.stats.win_rate). */
  readonly winRate: number;
  /** Mean of the positive returns (quantstats.stats.avg_win). */
  readonly averageWin: number;
  /** Mean of the negative returns, negative (quantstats.stats.avg_loss). */
  readonly averageLoss: number;
  /** averageWin / |averageLoss| (quantstats.stats.payoff_ratio). */
  readonly payoffRatio: number;
  /** Sum of r >= 0 over |sum of r < 0|; Infinity without losses, 0 with neither (quantstats.stats.profit_factor). */
  readonly profitFactor: number;
  /** Sum of all returns over |sum of r < 0|; NaN without losses (quantstats.stats.gain_to_pain_ratio on daily bars). */
  readonly gainToPainRatio: number;
  /** (payoff * winRate - (1 - winRate)) / payoff (quantstats.stats.kelly_criterion). */
  readonly kellyCriterion: number;
  /** ((1 - winRate) / (1 + winRate)) ^ (non-NaN bars) (quantstats.stats.risk_of_ruin). */
  readonly riskOfRuin: number;
  /** Largest and smallest single-period return (quantstats.stats.best / worst). */
  readonly best: number;
  readonly worst: number;
}

/** The quantstats period-based win/loss statistics in one pass. */
export function periodWinLoss(returns: Float64Array): PeriodWinLoss {
  requireFloat64Array('returns', returns);
  let count = 0;
  let wins = 0;
  let losses = 0;
  let winSum = 0;
  let lossSum = 0;
  let total = 0;
  let best = -Infinity;
  let worst = Infinity;
  for (let t = 0; t < returns.length; t++) {
    const r = returns[t]!;
    if (r !== r) continue;
    count++;
    total += r;
    if (r > best) best = r;
    if (r < worst) worst = r;
    if (r > 0) {
      wins++;
      winSum += r;
    } else if (r < 0) {
      losses++;
      lossSum += r;
    }
  }
  const nonZero = wins + losses;
  const winRate = nonZero === 0 ? 0 : wins / nonZero;
  const averageWin = wins === 0 ? NaN : winSum / wins;
  const averageLoss = losses === 0 ? NaN : lossSum / losses;
  const payoffRatio = averageWin / Math.abs(averageLoss);
  // r == 0 bars add nothing to either sum, so sum(r >= 0) is the sum of the wins.
  const profitFactor = lossSum === 0 ? (winSum === 0 ? 0 : Infinity) : winSum / Math.abs(lossSum);
  const gainToPainRatio = lossSum === 0 ? NaN : total / Math.abs(lossSum);
  const kellyCriterion = payoffRatio === 0 || Number.isNaN(payoffRatio) ? NaN : (payoffRatio * winRate - (1 - winRate)) / payoffRatio;
  return {
    winRate,
    averageWin,
    averageLoss,
    payoffRatio,
    profitFactor,
    gainToPainRatio,
    kellyCriterion,
    riskOfRuin: ((1 - winRate) / (1 + winRate)) ** count,
    best: count === 0 ? NaN : best,
    worst: count === 0 ? NaN : worst,
  };
}

/**
 * profitFactor * tail ratio, where the tail ratio is NaN (not Infinity) when the 5th percentile is 0
 * (quantstats.stats.common_sense_ratio); `sorted` holds the non-NaN returns in ascending order.
 */
export function commonSenseFromSorted(profitFactor: number, sorted: Float64Array): number {
  const lower = quantileSorted(sorted, 0.05);
  const upper = quantileSorted(sorted, 0.95);
  if (Number.isNaN(lower) || Number.isNaN(upper) || lower === 0) return NaN;
  return profitFactor * Math.abs(upper / lower);
}

/** quantstats.stats.common_sense_ratio of a return series: profit factor times tail ratio. */
export function commonSenseRatio(returns: Float64Array): number {
  return commonSenseFromSorted(periodWinLoss(returns).profitFactor, sortedPresent(returns));
}
