// Binary classification metrics, defined to match scikit-learn 1.9 on the same arrays. Where sklearn
// warns and returns 0 for a 0/0 (zero_division='warn'), we return 0 silently: precision with nothing
// predicted positive, recall with no actual positive, F1 when both are 0, MCC with a constant
// prediction or label. Log loss clips probabilities to [eps, 1 - eps] with eps = float64 machine
// epsilon, as sklearn 1.9 does for float64 input (its eps argument is gone).
import { rejectUnknownOptions } from '../util/options';
import { checkBinaryLabels, checkProbabilities, checkThreshold, type Numbers } from './check';
import { averagePrecisionKernel, rocAucKernel } from './ranking';

export const DEFAULT_THRESHOLD = 0.5;
const EPS = Number.EPSILON;

export interface ConfusionCounts {
  readonly tp: number;
  readonly fp: number;
  readonly tn: number;
  readonly fn: number;
}

/** Everything evaluateClassifier measures; plain numbers (or null), ready for JSON.stringify. */
export interface ClassifierEvaluation {
  readonly samples: number;
  /** Share of actual positives in yTrue. */
  readonly baseRate: number;
  readonly threshold: number;
  readonly accuracy: number;
  /** Mean recall over the classes present in yTrue (sklearn balanced_accuracy_score). */
  readonly balancedAccuracy: number;
  /** tp / (tp + fp); 0 when nothing is predicted positive. */
  readonly precision: number;
  /** tp / (tp + fn); 0 when there is no actual positive. */
  readonly recall: number;
  /** 2tp / (2tp + fp + fn); 0 when that is 0 / 0. */
  readonly f1: number;
  /** Matthews correlation; 0 when the prediction or the label is constant. */
  readonly matthews: number;
  /** null when yTrue holds one class (undefined there; rocAuc() throws instead). */
  readonly rocAuc: number | null;
  /** Average precision, the step-wise PR AUC; 0 when there is no actual positive. */
  readonly prAuc: number;
  readonly logLoss: number;
  /** Mean squared error of the probability, (p - y)^2. */
  readonly brier: number;
  /** Share of samples predicted positive (how often the signal fires). */
  readonly positiveRate: number;
  readonly confusion: ConfusionCounts;
}

export interface EvaluateOptions {
  /** A sample is predicted positive when its probability is >= threshold. */
  readonly threshold?: number;
}

/** Scores probabilities of the positive class against 0/1 labels with every binary metric. */
export function evaluateClassifier(yTrue: Numbers, yProb: Numbers, options: EvaluateOptions = {}): ClassifierEvaluation {
  rejectUnknownOptions('options', options, ['threshold']);
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  checkBinaryLabels('yTrue', yTrue);
  checkProbabilities('yProb', yProb, yTrue.length);
  checkThreshold(threshold);
  return evaluateKernel(yTrue, yProb, threshold);
}

/** evaluateClassifier on checked input. */
export function evaluateKernel(yTrue: Numbers, yProb: Numbers, threshold: number): ClassifierEvaluation {
  const n = yTrue.length;
  const confusion = confusionKernel(yTrue, yProb, threshold);
  const { tp, fp, tn, fn } = confusion;
  let logLoss = 0, brier = 0;
  for (let i = 0; i < n; i++) {
    const y = yTrue[i]!, p = yProb[i]!;
    logLoss -= y === 1 ? Math.log(clip(p)) : Math.log(clip(1 - p));
    brier += (p - y) * (p - y);
  }
  const classRecalls = [tp + fn > 0 ? tp / (tp + fn) : NaN, tn + fp > 0 ? tn / (tn + fp) : NaN].filter((r) => !Number.isNaN(r));
  return {
    samples: n,
    baseRate: (tp + fn) / n,
    threshold,
    accuracy: (tp + tn) / n,
    balancedAccuracy: classRecalls.reduce((a, b) => a + b, 0) / classRecalls.length,
    precision: ratio(tp, tp + fp),
    recall: ratio(tp, tp + fn),
    f1: ratio(2 * tp, 2 * tp + fp + fn),
    matthews: matthews(confusion),
    rocAuc: rocAucKernel(yTrue, yProb),
    prAuc: averagePrecisionKernel(yTrue, yProb),
    logLoss: logLoss / n,
    brier: brier / n,
    positiveRate: (tp + fp) / n,
    confusion,
  };
}

/** Counts at a threshold (predicted positive when yProb >= threshold). */
export function confusionCounts(yTrue: Numbers, yProb: Numbers, threshold: number = DEFAULT_THRESHOLD): ConfusionCounts {
  checkBinaryLabels('yTrue', yTrue);
  checkProbabilities('yProb', yProb, yTrue.length);
  checkThreshold(threshold);
  return confusionKernel(yTrue, yProb, threshold);
}

function confusionKernel(yTrue: Numbers, yProb: Numbers, threshold: number): ConfusionCounts {
  let tp = 0, fp = 0, tn = 0, fn = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const actual = yTrue[i] === 1;
    if (yProb[i]! >= threshold) { if (actual) tp++; else fp++; } else if (actual) fn++; else tn++;
  }
  return { tp, fp, tn, fn };
}

/** Mean binary cross-entropy with sklearn 1.9's clipping to [eps, 1 - eps]. */
export function logLoss(yTrue: Numbers, yProb: Numbers): number {
  checkBinaryLabels('yTrue', yTrue);
  checkProbabilities('yProb', yProb, yTrue.length);
  return evaluateKernel(yTrue, yProb, DEFAULT_THRESHOLD).logLoss;
}

/** Brier score: mean (p - y)^2 (sklearn brier_score_loss, binary). */
export function brierScore(yTrue: Numbers, yProb: Numbers): number {
  checkBinaryLabels('yTrue', yTrue);
  checkProbabilities('yProb', yProb, yTrue.length);
  let sum = 0;
  for (let i = 0; i < yTrue.length; i++) sum += (yProb[i]! - yTrue[i]!) ** 2;
  return sum / yTrue.length;
}

/** sklearn's covariance form of the MCC, on the 2x2 confusion matrix. */
function matthews({ tp, fp, tn, fn }: ConfusionCounts): number {
  const n = tp + fp + tn + fn;
  const t0 = tn + fp, t1 = fn + tp, p0 = tn + fn, p1 = fp + tp;
  const covYtYp = (tp + tn) * n - (t0 * p0 + t1 * p1);
  const covYpYp = n * n - (p0 * p0 + p1 * p1);
  const covYtYt = n * n - (t0 * t0 + t1 * t1);
  const product = covYtYt * covYpYp;
  return product === 0 ? 0 : covYtYp / Math.sqrt(product);
}

function clip(p: number): number {
  return Math.min(Math.max(p, EPS), 1 - EPS);
}

function ratio(num: number, den: number): number {
  return den === 0 ? 0 : num / den;
}

/** The models domain's original summary, kept for its callers (notebooks, pipeline). */
export interface ClassificationMetrics {
  readonly accuracy: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** NaN when yTrue holds a single class. */
  readonly rocAuc: number;
  readonly logLoss: number;
  readonly confusion: ConfusionCounts;
  readonly positiveRate: number;
}

/** A subset of evaluateClassifier with a positional threshold; rocAuc is NaN (not null) on one class. */
export function classificationMetrics(yTrue: Numbers, yProb: Numbers, threshold: number = DEFAULT_THRESHOLD): ClassificationMetrics {
  const e = evaluateClassifier(yTrue, yProb, { threshold });
  return {
    accuracy: e.accuracy, precision: e.precision, recall: e.recall, f1: e.f1,
    rocAuc: e.rocAuc ?? NaN, logLoss: e.logLoss, confusion: e.confusion, positiveRate: e.positiveRate,
  };
}
