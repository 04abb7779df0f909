// Boundary checks shared by the evaluation domain. Every metric takes plain arrays (Float64Array,
// Float32Array or number[]) so that any model's output, baselines included, can be scored.
import { InvalidArgumentError } from '../util/errors';

export type Numbers = ArrayLike<number>;

function checkArray(argument: string, values: unknown, fix: string): asserts values is Numbers {
  const length = (values as { length?: unknown } | null)?.length;
  if (values == null || typeof values !== 'object' || typeof length !== 'number' || length === 0) {
    throw new InvalidArgumentError(argument, values, 'must be a non-empty array of numbers', fix);
  }
}

/** 0/1 labels, non-empty. */
export function checkBinaryLabels(argument: string, yTrue: unknown): asserts yTrue is Numbers {
  checkArray(argument, yTrue, 'pass the actual classes as 0/1');
  for (let i = 0; i < yTrue.length; i++) {
    if (yTrue[i] !== 0 && yTrue[i] !== 1) {
      throw new InvalidArgumentError(`${argument}[${i}]`, yTrue[i], 'is not 0 or 1', 'encode the classes as 0 (negative) and 1 (positive), and drop unlabelled (NaN) rows');
    }
  }
}

/** Same length as `length` of the labels. */
export function checkSameLength(argument: string, values: unknown, length: number, what: string): asserts values is Numbers {
  const got = (values as { length?: unknown } | null)?.length;
  if (values == null || typeof values !== 'object' || got !== length) {
    throw new InvalidArgumentError(`${argument}.length`, got, `must equal yTrue.length = ${length}`, `pass one ${what} per label`);
  }
}

/** Probabilities of the positive class, each in [0, 1]. */
export function checkProbabilities(argument: string, yProb: unknown, length: number): asserts yProb is Numbers {
  checkSameLength(argument, yProb, length, 'probability');
  for (let i = 0; i < length; i++) {
    const p = yProb[i]!;
    if (!(p >= 0 && p <= 1)) {
      throw new InvalidArgumentError(`${argument}[${i}]`, p, 'is not a probability in [0, 1]', 'pass predicted probabilities of the positive class (calibrate raw scores first)');
    }
  }
}

/** Ranking scores: any finite number, higher meaning more likely positive. */
export function checkScores(argument: string, yScore: unknown, length: number): asserts yScore is Numbers {
  checkSameLength(argument, yScore, length, 'score');
  for (let i = 0; i < length; i++) {
    if (!Number.isFinite(yScore[i])) {
      throw new InvalidArgumentError(`${argument}[${i}]`, yScore[i], 'is not a finite score', 'drop rows without a prediction before scoring');
    }
  }
}

export function checkThreshold(threshold: unknown): asserts threshold is number {
  if (typeof threshold !== 'number' || !(threshold >= 0 && threshold <= 1)) {
    throw new InvalidArgumentError('threshold', threshold, 'must lie in [0, 1]', 'pass a probability cut-off such as 0.5');
  }
}

export function countPositives(yTrue: Numbers): number {
  let positives = 0;
  for (let i = 0; i < yTrue.length; i++) positives += yTrue[i]!;
  return positives;
}
