// Multi-class metrics from hard predictions (class labels as integers), matching scikit-learn 1.9
// with zero_division=0: the classes are the sorted union of those in yTrue and yPred, as
// sklearn's unique_labels; macro averages weight each class equally, weighted ones by support.
import { InvalidArgumentError } from '../util/errors';
import { checkSameLength, type Numbers } from './check';

export interface ClassScores {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export interface MulticlassEvaluation {
  readonly classes: number[];
  /** confusion[i][j]: samples of classes[i] predicted as classes[j]. */
  readonly confusion: number[][];
  /** Per class, in the order of `classes`. */
  readonly perClass: ClassScores[];
  readonly support: number[];
  readonly accuracy: number;
  readonly balancedAccuracy: number;
  readonly macro: ClassScores;
  readonly weighted: ClassScores;
  readonly matthews: number;
}

export function multiclassMetrics(yTrue: Numbers, yPred: Numbers): MulticlassEvaluation {
  checkClasses('yTrue', yTrue);
  checkSameLength('yPred', yPred, yTrue.length, 'predicted class');
  checkClasses('yPred', yPred);
  const n = yTrue.length;
  const classes = [...new Set([...Array.from(yTrue), ...Array.from(yPred)])].sort((a, b) => a - b);
  const k = classes.length, at = new Map(classes.map((c, i) => [c, i]));
  const confusion = classes.map(() => new Array<number>(k).fill(0));
  for (let i = 0; i < n; i++) confusion[at.get(yTrue[i]!)!]![at.get(yPred[i]!)!]!++;
  const support = confusion.map((row) => row.reduce((a, b) => a + b, 0));
  const predicted = classes.map((_, j) => confusion.reduce((a, row) => a + row[j]!, 0));
  const perClass = classes.map((_, c) => {
    const tp = confusion[c]![c]!;
    return { precision: ratio(tp, predicted[c]!), recall: ratio(tp, support[c]!), f1: ratio(2 * tp, support[c]! + predicted[c]!) };
  });
  let correct = 0;
  for (let c = 0; c < k; c++) correct += confusion[c]![c]!;
  const present = perClass.filter((_, c) => support[c]! > 0);
  const average = (weights: number[]): ClassScores => {
    const total = weights.reduce((a, b) => a + b, 0);
    const mean = (key: keyof ClassScores): number => (total === 0 ? 0 : perClass.reduce((a, s, c) => a + weights[c]! * s[key], 0) / total);
    return { precision: mean('precision'), recall: mean('recall'), f1: mean('f1') };
  };
  return {
    classes, confusion, perClass, support,
    accuracy: correct / n,
    balancedAccuracy: present.reduce((a, s) => a + s.recall, 0) / present.length,
    macro: average(classes.map(() => 1)),
    weighted: average(support),
    matthews: matthews(support, predicted, correct, n),
  };
}

/** sklearn matthews_corrcoef's covariance form, any number of classes. */
function matthews(trueSum: number[], predSum: number[], correct: number, n: number): number {
  const dot = (a: number[], b: number[]): number => a.reduce((s, v, i) => s + v * b[i]!, 0);
  const covYtYp = correct * n - dot(trueSum, predSum);
  const product = (n * n - dot(trueSum, trueSum)) * (n * n - dot(predSum, predSum));
  return product === 0 ? 0 : covYtYp / Math.sqrt(product);
}

function checkClasses(argument: string, y: unknown): asserts y is Numbers {
  const length = (y as { length?: unknown } | null)?.length;
  if (y == null || typeof y !== 'object' || typeof length !== 'number' || length === 0) {
    throw new InvalidArgumentError(argument, y, 'must be a non-empty array of class labels', 'pass integer class labels, e.g. 0, 1, 2');
  }
  const values = y as Numbers;
  for (let i = 0; i < length; i++) {
    if (!Number.isInteger(values[i])) {
      throw new InvalidArgumentError(`${argument}[${i}]`, values[i], 'is not an integer class label', 'encode the classes as integers and drop unlabelled (NaN) rows');
    }
  }
}

function ratio(num: number, den: number): number {
  return den === 0 ? 0 : num / den;
}
