// Binary classification metrics from one pure function, defined to match scikit-learn 1.9
// (zero_division=0, log loss clipped at float64 eps) so numbers agree with the Python side.
import { InvalidArgumentError } from '../util/errors';

export const DEFAULT_THRESHOLD = 0.5;

export interface ConfusionCounts {
  readonly tp: number;
  readonly fp: number;
  readonly tn: number;
  readonly fn: number;
}

export interface ClassificationMetrics {
  readonly accuracy: number;
  /** tp / (tp + fp); 0 when nothing is predicted positive (sklearn zero_division=0). */
  readonly precision: number;
  /** tp / (tp + fn); 0 when there is no actual positive. */
  readonly recall: number;
  /** 2tp / (2tp + fp + fn); 0 when that is 0 / 0. */
  readonly f1: number;
  /** Area under the ROC curve, ties counted one half; NaN when yTrue holds a single class. */
  readonly rocAuc: number;
  /** Mean binary cross-entropy, probabilities clipped to [eps, 1 - eps] (float64 eps). */
  readonly logLoss: number;
  readonly confusion: ConfusionCounts;
  /** Share of samples predicted positive (how often the signal fires). */
  readonly positiveRate: number;
}

const EPS = Number.EPSILON;

/** A sample is predicted positive when its probability is >= threshold. */
export function classificationMetrics(
  yTrue: ArrayLike<number>,
  yProb: ArrayLike<number>,
  threshold: number = DEFAULT_THRESHOLD,
): ClassificationMetrics {
  validate(yTrue, yProb, threshold);
  const n = yTrue.length;
  let tp = 0, fp = 0, tn = 0, fn = 0, loss = 0;
  for (let i = 0; i < n; i++) {
    const actual = yTrue[i] === 1, p = yProb[i]!;
    if (p >= threshold) { if (actual) tp++; else fp++; } else if (actual) fn++; else tn++;
    loss -= actual ? Math.log(clip(p)) : Math.log(clip(1 - p));
  }
  return {
    accuracy: (tp + tn) / n,
    precision: ratio(tp, tp + fp),
    recall: ratio(tp, tp + fn),
    f1: ratio(2 * tp, 2 * tp + fp + fn),
    rocAuc: rocAuc(yTrue, yProb),
    logLoss: loss / n,
    confusion: { tp, fp, tn, fn },
    positiveRate: (tp + fp) / n,
  };
}

/** Mann-Whitney form of the AUC: average ranks give ties the same half credit as sklearn's trapezoid. */
export function rocAuc(yTrue: ArrayLike<number>, yProb: ArrayLike<number>): number {
  const n = yTrue.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => yProb[a]! - yProb[b]!);
  let positives = 0, rankSum = 0;
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && yProb[order[j + 1]!] === yProb[order[i]!]) j++;
    const averageRank = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) if (yTrue[order[k]!] === 1) { positives++; rankSum += averageRank; }
    i = j + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

function clip(p: number): number {
  return Math.min(Math.max(p, EPS), 1 - EPS);
}

function ratio(num: number, den: number): number {
  return den === 0 ? 0 : num / den;
}

function validate(yTrue: ArrayLike<number>, yProb: ArrayLike<number>, threshold: number): void {
  if (yTrue == null || typeof yTrue.length !== 'number' || yTrue.length === 0) {
    throw new InvalidArgumentError('yTrue', yTrue, 'must be a non-empty array of 0/1 labels', 'pass the actual classes');
  }
  if (yProb == null || yProb.length !== yTrue.length) {
    throw new InvalidArgumentError('yProb.length', yProb?.length, `must equal yTrue.length = ${yTrue.length}`, 'pass one probability per label');
  }
  for (let i = 0; i < yTrue.length; i++) {
    if (yTrue[i] !== 0 && yTrue[i] !== 1) {
      throw new InvalidArgumentError(`yTrue[${i}]`, yTrue[i], 'is not 0 or 1', 'encode the classes as 0 (negative) and 1 (positive)');
    }
    const p = yProb[i]!;
    if (!(p >= 0 && p <= 1)) {
      throw new InvalidArgumentError(`yProb[${i}]`, p, 'is not a probability in [0, 1]', 'pass predicted probabilities of the positive class');
    }
  }
  if (!(threshold >= 0 && threshold <= 1)) {
    throw new InvalidArgumentError('threshold', threshold, 'must lie in [0, 1]', 'pass a probability cut-off such as 0.5');
  }
}
