// Threshold-free metrics over scores (any finite number, higher = more likely positive): ROC AUC and
// average precision, both defined as scikit-learn 1.9 defines them, ties included.
import { InvalidArgumentError } from '../util/errors';
import { checkBinaryLabels, checkScores, countPositives, type Numbers } from './check';

/**
 * Area under the ROC curve. Computed in its Mann-Whitney form: average ranks give tied scores the
 * same half credit as sklearn's trapezoid over the ROC curve. Throws when yTrue holds one class
 * (sklearn 1.9 warns and returns NaN; a NaN silently averaged into a report is worse than an error).
 */
export function rocAuc(yTrue: Numbers, yScore: Numbers): number {
  checkBinaryLabels('yTrue', yTrue);
  checkScores('yScore', yScore, yTrue.length);
  const auc = rocAucKernel(yTrue, yScore);
  if (auc === null) {
    const positives = countPositives(yTrue);
    throw new InvalidArgumentError('yTrue', yTrue, `holds only one class (${positives} positives of ${yTrue.length}), so ROC AUC is undefined`, 'score a block that holds both classes: a longer test block, or the pooled out-of-sample predictions');
  }
  return auc;
}

/** ROC AUC on checked input; null when yTrue holds one class. */
export function rocAucKernel(yTrue: Numbers, yScore: Numbers): number | null {
  const n = yTrue.length;
  const order = descendingOrder(yScore);
  // Ranks ascending: the element at descending position i has rank n - i.
  let positives = 0, rankSum = 0;
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && yScore[order[j + 1]!] === yScore[order[i]!]) j++;
    const averageRank = n - (i + j) / 2;
    for (let k = i; k <= j; k++) if (yTrue[order[k]!] === 1) { positives++; rankSum += averageRank; }
    i = j + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return null;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * Average precision (PR AUC): sum over distinct score thresholds, high to low, of
 * (R_k - R_{k-1}) * P_k, a step function, not the trapezoid (sklearn average_precision_score).
 * With no positive in yTrue it is 0, as sklearn returns (with a warning there).
 */
export function averagePrecision(yTrue: Numbers, yScore: Numbers): number {
  checkBinaryLabels('yTrue', yTrue);
  checkScores('yScore', yScore, yTrue.length);
  return averagePrecisionKernel(yTrue, yScore);
}

export function averagePrecisionKernel(yTrue: Numbers, yScore: Numbers): number {
  const n = yTrue.length, positives = countPositives(yTrue);
  if (positives === 0) return 0;
  const order = descendingOrder(yScore);
  let tp = 0, previousRecall = 0, sum = 0;
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && yScore[order[j + 1]!] === yScore[order[i]!]) j++;
    for (let k = i; k <= j; k++) tp += yTrue[order[k]!]!;
    const recall = tp / positives, precision = tp / (j + 1);
    sum += (recall - previousRecall) * precision;
    previousRecall = recall;
    i = j + 1;
  }
  return Math.max(0, sum);
}

function descendingOrder(yScore: Numbers): Int32Array {
  const order = Int32Array.from({ length: yScore.length }, (_, i) => i);
  return order.sort((a, b) => yScore[b]! - yScore[a]! || a - b);
}
