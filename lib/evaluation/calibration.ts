// Probability calibration fitted on a calibration split (never on the rows it will be judged on):
// Platt scaling and isotonic regression, as scikit-learn 1.9's CalibratedClassifierCV fits them
// (method='sigmoid' -> _SigmoidCalibration, method='isotonic' -> IsotonicRegression(out_of_bounds='clip')).
import { InvalidArgumentError } from '../util/errors';
import { checkBinaryLabels, checkScores, countPositives, type Numbers } from './check';
import { fitIsotonicKernel, interpolateClipped } from './isotonic';

export const CALIBRATOR_FORMAT = 'quantlab.calibrator';
export type CalibrationMethod = 'platt' | 'isotonic';

export interface PlattJSON {
  readonly format: typeof CALIBRATOR_FORMAT;
  readonly method: 'platt';
  /** p = 1 / (1 + exp(-(slope * score + intercept))); sklearn's a_ = -slope, b_ = -intercept. */
  readonly slope: number;
  readonly intercept: number;
}

export interface IsotonicJSON {
  readonly format: typeof CALIBRATOR_FORMAT;
  readonly method: 'isotonic';
  /** Knots of the fitted step-then-linear map, increasing scores (sklearn X_thresholds_, y_thresholds_). */
  readonly x: number[];
  readonly y: number[];
}

export type CalibratorJSON = PlattJSON | IsotonicJSON;

export interface Calibrator {
  readonly method: CalibrationMethod;
  /** Calibrated probabilities of the positive class, one per score. */
  predict(scores: Numbers): Float64Array;
  toJSON(): CalibratorJSON;
}

// sklearn rescales scores whose magnitude reaches this before optimising (no effect on the optimum).
const PLATT_RESCALE_AT = 30;
const NEWTON_MAX_ITERATIONS = 100;

/** Platt scaling: a logistic regression of y on the score, with Platt's smoothed targets. */
export class PlattCalibrator implements Calibrator {
  readonly method = 'platt';

  constructor(readonly slope: number, readonly intercept: number) {
    for (const [name, v] of [['slope', slope], ['intercept', intercept]] as const) {
      if (!Number.isFinite(v)) throw new InvalidArgumentError(name, v, 'must be a finite number', 'fit it with PlattCalibrator.fit(scores, y)');
    }
  }

  /** Scores may be logits, decision values or probabilities: whatever the model emits. */
  static fit(scores: Numbers, y: Numbers): PlattCalibrator {
    checkCalibrationData(scores, y);
    const { slope, intercept } = fitPlattKernel(scores, y);
    return new PlattCalibrator(slope, intercept);
  }

  predict(scores: Numbers): Float64Array {
    checkPredictScores(scores);
    return Float64Array.from({ length: scores.length }, (_, i) => sigmoid(this.slope * scores[i]! + this.intercept));
  }

  toJSON(): PlattJSON {
    return { format: CALIBRATOR_FORMAT, method: 'platt', slope: this.slope, intercept: this.intercept };
  }
}

/**
 * Platt (2000) with his prior-count targets: t+ = (N+ + 1) / (N+ + 2), t- = 1 / (N- + 2). Newton's
 * method on the two parameters converges to the optimum that sklearn's L-BFGS approaches to gtol 1e-6.
 */
export function fitPlattKernel(scores: Numbers, y: Numbers): { slope: number; intercept: number } {
  const n = scores.length;
  let maxAbs = 0;
  for (let i = 0; i < n; i++) maxAbs = Math.max(maxAbs, Math.abs(scores[i]!));
  const scale = maxAbs >= PLATT_RESCALE_AT ? maxAbs : 1;
  const f = Float64Array.from({ length: n }, (_, i) => scores[i]! / scale);
  const positives = countPositives(y), negatives = n - positives;
  const hi = (positives + 1) / (positives + 2), lo = 1 / (negatives + 2);
  const t = Float64Array.from({ length: n }, (_, i) => (y[i] === 1 ? hi : lo));
  const loss = (a: number, b: number): number => {
    let sum = 0;
    for (let i = 0; i < n; i++) { const z = a * f[i]! + b; sum += softplus(z) - t[i]! * z; }
    return sum;
  };
  let a = 0, b = Math.log((positives + 1) / (negatives + 1)), value = loss(a, b);
  for (let iter = 0; iter < NEWTON_MAX_ITERATIONS; iter++) {
    let ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0;
    for (let i = 0; i < n; i++) {
      const p = sigmoid(a * f[i]! + b), r = p - t[i]!, w = p * (1 - p);
      ga += r * f[i]!; gb += r; haa += w * f[i]! * f[i]!; hab += w * f[i]!; hbb += w;
    }
    const det = haa * hbb - hab * hab;
    if (!(det > 0)) break;
    const da = (hbb * ga - hab * gb) / det, db = (haa * gb - hab * ga) / det;
    // Near the optimum the loss changes by less than its rounding: take the full step and stop.
    if (Math.max(Math.abs(da), Math.abs(db)) < 1e-8 * Math.max(1, Math.abs(a), Math.abs(b))) { a -= da; b -= db; break; }
    let step = 1, next = loss(a - da, b - db);
    while (next > value && step > 1e-10) { step /= 2; next = loss(a - step * da, b - step * db); }
    if (!(next <= value)) break;
    a -= step * da; b -= step * db; value = next;
  }
  return { slope: a / scale, intercept: b };
}

/** Isotonic regression of y on the score: a non-decreasing map, flat outside the fitted range. */
export class IsotonicCalibrator implements Calibrator {
  readonly method = 'isotonic';
  readonly x: Float64Array;
  readonly y: Float64Array;

  constructor(x: Numbers, y: Numbers) {
    if (x == null || y == null || x.length === 0 || x.length !== y.length) {
      throw new InvalidArgumentError('x', x, 'must be a non-empty array of knots, as long as y', 'fit it with IsotonicCalibrator.fit(scores, y)');
    }
    for (let i = 1; i < x.length; i++) {
      if (!(x[i]! > x[i - 1]!) || !(y[i]! >= y[i - 1]!)) {
        throw new InvalidArgumentError(`x[${i}]`, x[i], 'knots must have increasing x and non-decreasing y', 'fit it with IsotonicCalibrator.fit(scores, y)');
      }
    }
    this.x = Float64Array.from(x);
    this.y = Float64Array.from(y);
  }

  static fit(scores: Numbers, y: Numbers): IsotonicCalibrator {
    checkCalibrationData(scores, y);
    const knots = fitIsotonicKernel(scores, y);
    return new IsotonicCalibrator(knots.x, knots.y);
  }

  predict(scores: Numbers): Float64Array {
    checkPredictScores(scores);
    return interpolateClipped(this.x, this.y, scores);
  }

  toJSON(): IsotonicJSON {
    return { format: CALIBRATOR_FORMAT, method: 'isotonic', x: Array.from(this.x), y: Array.from(this.y) };
  }
}

export function fitCalibrator(method: CalibrationMethod, scores: Numbers, y: Numbers): Calibrator {
  if (method === 'platt') return PlattCalibrator.fit(scores, y);
  if (method === 'isotonic') return IsotonicCalibrator.fit(scores, y);
  throw new InvalidArgumentError('method', method, "must be 'platt' or 'isotonic'", "pass 'platt' (few calibration rows) or 'isotonic' (many)");
}

export function calibratorFromJSON(json: CalibratorJSON): Calibrator {
  if (json == null || json.format !== CALIBRATOR_FORMAT) {
    throw new InvalidArgumentError('json.format', (json as { format?: unknown } | null)?.format, `must be '${CALIBRATOR_FORMAT}'`, 'pass the output of calibrator.toJSON()');
  }
  if (json.method === 'platt') return new PlattCalibrator(json.slope, json.intercept);
  if (json.method === 'isotonic') return new IsotonicCalibrator(json.x, json.y);
  throw new InvalidArgumentError('json.method', (json as { method?: unknown }).method, "must be 'platt' or 'isotonic'", 'pass the output of calibrator.toJSON()');
}

function checkCalibrationData(scores: Numbers, y: Numbers): void {
  checkBinaryLabels('y', y);
  checkScores('scores', scores, y.length);
  const positives = countPositives(y);
  if (positives === 0 || positives === y.length) {
    throw new InvalidArgumentError('y', y, `holds only one class (${positives} positives of ${y.length})`, 'fit the calibrator on a split that holds both classes');
  }
  let distinct = false;
  for (let i = 1; i < scores.length && !distinct; i++) distinct = scores[i] !== scores[0];
  if (!distinct) {
    throw new InvalidArgumentError('scores', scores, `are all equal (${scores[0]}), so there is nothing to calibrate`, 'pass the model scores of the calibration split, or use the base rate as the probability');
  }
}

function checkPredictScores(scores: Numbers): void {
  const length = (scores as { length?: unknown } | null)?.length;
  if (scores == null || typeof length !== 'number') {
    throw new InvalidArgumentError('scores', scores, 'must be an array of numbers', 'pass the model scores to calibrate');
  }
  checkScores('scores', scores, length);
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}
