// Reliability curve (sklearn.calibration.calibration_curve): per bin of predicted probability, the
// share of actual positives against the mean prediction. Empty bins are dropped, as sklearn does.
import { InvalidArgumentError } from '../util/errors';
import { rejectUnknownOptions } from '../util/options';
import { checkBinaryLabels, checkProbabilities, type Numbers } from './check';

export type BinStrategy = 'uniform' | 'quantile';
export const DEFAULT_BINS = 5;
export const DEFAULT_BIN_STRATEGY: BinStrategy = 'uniform';

export interface CalibrationCurveOptions {
  readonly bins?: number;
  /** 'uniform': equal-width bins on [0, 1]; 'quantile': edges at quantiles of yProb (numpy 'linear'). */
  readonly strategy?: BinStrategy;
}

export interface CalibrationCurve {
  /** Share of positives per non-empty bin (sklearn prob_true). */
  readonly probTrue: number[];
  /** Mean predicted probability per non-empty bin (sklearn prob_pred). */
  readonly probPred: number[];
  /** Samples per non-empty bin. */
  readonly counts: number[];
}

export function calibrationCurve(yTrue: Numbers, yProb: Numbers, options: CalibrationCurveOptions = {}): CalibrationCurve {
  rejectUnknownOptions('options', options, ['bins', 'strategy']);
  checkBinaryLabels('yTrue', yTrue);
  checkProbabilities('yProb', yProb, yTrue.length);
  const bins = options.bins ?? DEFAULT_BINS, strategy = options.strategy ?? DEFAULT_BIN_STRATEGY;
  if (!Number.isInteger(bins) || bins < 1) {
    throw new InvalidArgumentError('options.bins', bins, 'must be an integer >= 1', 'pass e.g. 10');
  }
  if (strategy !== 'uniform' && strategy !== 'quantile') {
    throw new InvalidArgumentError('options.strategy', strategy, "must be 'uniform' or 'quantile'", "pass 'quantile' for bins of equal counts");
  }
  // numpy linspace(0, 1, bins + 1): i * step, the last point exactly 1.
  const step = 1 / bins;
  const fractions = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? 1 : i * step));
  const edges = strategy === 'uniform' ? fractions : quantileEdges(yProb, fractions);
  const inner = edges.slice(1, -1);
  const sums = new Float64Array(bins), positives = new Float64Array(bins), totals = new Float64Array(bins);
  for (let i = 0; i < yTrue.length; i++) {
    const p = yProb[i]!;
    let bin = 0;
    while (bin < inner.length && inner[bin]! < p) bin++; // np.searchsorted(side='left')
    sums[bin] += p; positives[bin] += yTrue[i]!; totals[bin]++;
  }
  const curve: { probTrue: number[]; probPred: number[]; counts: number[] } = { probTrue: [], probPred: [], counts: [] };
  for (let b = 0; b < bins; b++) {
    if (totals[b] === 0) continue;
    curve.probTrue.push(positives[b]! / totals[b]!);
    curve.probPred.push(sums[b]! / totals[b]!);
    curve.counts.push(totals[b]!);
  }
  return curve;
}

/** np.percentile(yProb, fractions * 100), method 'linear', reproduced to the rounding. */
function quantileEdges(yProb: Numbers, fractions: number[]): number[] {
  const sorted = Float64Array.from(yProb).sort(), n = sorted.length;
  return fractions.map((f) => {
    const q = (f * 100) / 100, virtual = (n - 1) * q;
    if (virtual >= n - 1) return sorted[n - 1]!;
    const previous = Math.floor(virtual), t = virtual - previous;
    const a = sorted[previous]!, b = sorted[previous + 1]!, diff = b - a;
    return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
  });
}
