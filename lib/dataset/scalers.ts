// Per-feature scalers fitted on the training rows only, then applied unchanged to validation,
// test and live rows; each serialises to plain JSON for the model artifact. Statistics follow
// scikit-learn 1.9 (StandardScaler, RobustScaler, MinMaxScaler) formula for formula, so a model
// trained here and one trained in Python scale alike: non-finite values are ignored by fit and
// passed through by transform, and near-constant features get scale 1.
import { InvalidArgumentError } from '../util/errors';
import { rejectUnknownOptions } from '../util/options';
import { checkColumns, checkRange, type RowRange } from './check';

const EPS = 2.220446049250313e-16;

export interface Scaler {
  readonly kind: ScalerJSON['kind'];
  readonly features: number;
  /** New columns, scaled; the input is left as it was. */
  transform(columns: readonly Float64Array[]): Float64Array[];
  inverseTransform(columns: readonly Float64Array[]): Float64Array[];
  toJSON(): ScalerJSON;
}

export interface StandardScalerJSON {
  readonly kind: 'StandardScaler';
  readonly mean: number[];
  readonly scale: number[];
}

export interface RobustScalerJSON {
  readonly kind: 'RobustScaler';
  readonly center: number[];
  readonly scale: number[];
  readonly quantileRange: [number, number];
}

export interface MinMaxScalerJSON {
  readonly kind: 'MinMaxScaler';
  readonly dataMin: number[];
  readonly dataMax: number[];
  readonly featureRange: [number, number];
}

export type ScalerJSON = StandardScalerJSON | RobustScalerJSON | MinMaxScalerJSON;

/** (x - mean) / std, std with ddof 0. */
export class StandardScaler implements Scaler {
  readonly kind = 'StandardScaler';

  private constructor(readonly mean: Float64Array, readonly scale: Float64Array) {}

  static fit(columns: readonly Float64Array[], range: RowRange): StandardScaler {
    fitValues(columns, range); // validation only: the sums run over the raw range, as np.nansum
    const mean = new Float64Array(columns.length), scale = new Float64Array(columns.length);
    columns.forEach((column, f) => {
      const [m, s] = meanAndScale(column.subarray(range.start, range.end));
      mean[f] = m;
      scale[f] = s;
    });
    return new StandardScaler(mean, scale);
  }

  get features(): number {
    return this.mean.length;
  }

  transform(columns: readonly Float64Array[]): Float64Array[] {
    checkFeatures(columns, this.features, 'scaler');
    return columns.map((c, f) => centreScale(c, this.mean[f]!, this.scale[f]!));
  }

  inverseTransform(columns: readonly Float64Array[]): Float64Array[] {
    checkFeatures(columns, this.features, 'scaler');
    return columns.map((c, f) => unscaleUncentre(c, this.mean[f]!, this.scale[f]!));
  }

  toJSON(): StandardScalerJSON {
    return { kind: this.kind, mean: Array.from(this.mean), scale: Array.from(this.scale) };
  }

  static fromJSON(json: StandardScalerJSON): StandardScaler {
    checkJson(json, 'StandardScaler', ['mean', 'scale'], 'scaler.toJSON()');
    return new StandardScaler(Float64Array.from(json.mean), Float64Array.from(json.scale));
  }
}

export interface RobustScalerOptions {
  /** Percentiles whose distance is the scale; default [25, 75] (the interquartile range). */
  readonly quantileRange?: readonly [number, number];
}

export const DEFAULT_QUANTILE_RANGE: readonly [number, number] = [25, 75];

/** (x - median) / (q_hi - q_lo), percentiles with numpy's default (linear) method. */
export class RobustScaler implements Scaler {
  readonly kind = 'RobustScaler';

  private constructor(readonly center: Float64Array, readonly scale: Float64Array, readonly quantileRange: [number, number]) {}

  static fit(columns: readonly Float64Array[], range: RowRange, options: RobustScalerOptions = {}): RobustScaler {
    rejectUnknownOptions('options', options, ['quantileRange']);
    const quantileRange = checkPair('options.quantileRange', options.quantileRange ?? DEFAULT_QUANTILE_RANGE, 0, 100, true, '[25, 75]');
    const values = fitValues(columns, range);
    const center = new Float64Array(values.length), scale = new Float64Array(values.length);
    values.forEach((x, f) => {
      const sorted = x.slice().sort();
      center[f] = median(sorted);
      scale[f] = nonZeroScale(percentile(sorted, quantileRange[1]) - percentile(sorted, quantileRange[0]));
    });
    return new RobustScaler(center, scale, quantileRange);
  }

  get features(): number {
    return this.center.length;
  }

  transform(columns: readonly Float64Array[]): Float64Array[] {
    checkFeatures(columns, this.features, 'scaler');
    return columns.map((c, f) => centreScale(c, this.center[f]!, this.scale[f]!));
  }

  inverseTransform(columns: readonly Float64Array[]): Float64Array[] {
    checkFeatures(columns, this.features, 'scaler');
    return columns.map((c, f) => unscaleUncentre(c, this.center[f]!, this.scale[f]!));
  }

  toJSON(): RobustScalerJSON {
    return { kind: this.kind, center: Array.from(this.center), scale: Array.from(this.scale), quantileRange: [...this.quantileRange] };
  }

  static fromJSON(json: RobustScalerJSON): RobustScaler {
    checkJson(json, 'RobustScaler', ['center', 'scale'], 'scaler.toJSON()');
    const quantileRange = checkPair('json.quantileRange', json.quantileRange, 0, 100, true, 'the quantileRange written by toJSON()');
    return new RobustScaler(Float64Array.from(json.center), Float64Array.from(json.scale), quantileRange);
  }
}

export interface MinMaxScalerOptions {
  /** Range the training minimum and maximum map to; default [0, 1]. */
  readonly featureRange?: readonly [number, number];
}

export const DEFAULT_FEATURE_RANGE: readonly [number, number] = [0, 1];

/** x * scale + min with scale = (hi - lo) / (max - min): the training range maps to featureRange. */
export class MinMaxScaler implements Scaler {
  readonly kind = 'MinMaxScaler';
  /** Multiplier and offset of transform, as sklearn's scale_ and min_. */
  readonly scale: Float64Array;
  readonly min: Float64Array;

  private constructor(readonly dataMin: Float64Array, readonly dataMax: Float64Array, readonly featureRange: [number, number]) {
    const [lo, hi] = featureRange;
    this.scale = dataMin.map((m, f) => (hi - lo) / nonZeroScale(dataMax[f]! - m));
    this.min = dataMin.map((m, f) => lo - m * this.scale[f]!);
  }

  static fit(columns: readonly Float64Array[], range: RowRange, options: MinMaxScalerOptions = {}): MinMaxScaler {
    rejectUnknownOptions('options', options, ['featureRange']);
    const featureRange = checkPair('options.featureRange', options.featureRange ?? DEFAULT_FEATURE_RANGE, -Infinity, Infinity, false, '[0, 1]');
    const values = fitValues(columns, range);
    const dataMin = Float64Array.from(values, (x) => x.reduce((a, b) => Math.min(a, b), Infinity));
    const dataMax = Float64Array.from(values, (x) => x.reduce((a, b) => Math.max(a, b), -Infinity));
    return new MinMaxScaler(dataMin, dataMax, featureRange);
  }

  get features(): number {
    return this.dataMin.length;
  }

  transform(columns: readonly Float64Array[]): Float64Array[] {
    checkFeatures(columns, this.features, 'scaler');
    return columns.map((c, f) => {
      const s = this.scale[f]!, m = this.min[f]!;
      return c.map((v) => v * s + m);
    });
  }

  inverseTransform(columns: readonly Float64Array[]): Float64Array[] {
    checkFeatures(columns, this.features, 'scaler');
    return columns.map((c, f) => {
      const s = this.scale[f]!, m = this.min[f]!;
      return c.map((v) => (v - m) / s);
    });
  }

  toJSON(): MinMaxScalerJSON {
    return { kind: this.kind, dataMin: Array.from(this.dataMin), dataMax: Array.from(this.dataMax), featureRange: [...this.featureRange] };
  }

  static fromJSON(json: MinMaxScalerJSON): MinMaxScaler {
    checkJson(json, 'MinMaxScaler', ['dataMin', 'dataMax'], 'scaler.toJSON()');
    if (json.dataMin.some((m, f) => m > json.dataMax[f]!)) {
      throw new InvalidArgumentError('json', json, 'has a dataMin above its dataMax', 'pass the object returned by scaler.toJSON()');
    }
    const featureRange = checkPair('json.featureRange', json.featureRange, -Infinity, Infinity, false, 'the featureRange written by toJSON()');
    return new MinMaxScaler(Float64Array.from(json.dataMin), Float64Array.from(json.dataMax), featureRange);
  }
}

/** Rebuilds whichever scaler wrote `json`. */
export function scalerFromJSON(json: ScalerJSON): Scaler {
  switch (json?.kind) {
    case 'StandardScaler': return StandardScaler.fromJSON(json);
    case 'RobustScaler': return RobustScaler.fromJSON(json);
    case 'MinMaxScaler': return MinMaxScaler.fromJSON(json);
    default:
      throw new InvalidArgumentError('json.kind', (json as { kind?: unknown } | undefined)?.kind, 'is not a known scaler kind', "pass the object returned by a scaler's toJSON() (StandardScaler, RobustScaler or MinMaxScaler)");
  }
}

/** Rows (one array per sample, as in scikit-learn's X) to feature columns. */
export function columnsFromRows(rows: readonly ArrayLike<number>[]): Float64Array[] {
  if (!Array.isArray(rows) || rows.length === 0 || rows[0] == null) {
    throw new InvalidArgumentError('rows', rows, 'must be a non-empty array of rows', 'pass one array of feature values per sample');
  }
  const features = rows[0].length;
  rows.forEach((row, i) => {
    if (row == null || row.length !== features) {
      throw new InvalidArgumentError(`rows[${i}].length`, row?.length, `differs from rows[0].length = ${features}`, 'give every row the same features');
    }
  });
  return Array.from({ length: features }, (_, f) => Float64Array.from(rows, (row) => row[f]!));
}

/** Feature columns to rows (one Float64Array per sample). */
export function rowsFromColumns(columns: readonly Float64Array[]): Float64Array[] {
  const n = checkColumns(columns);
  return Array.from({ length: n }, (_, i) => Float64Array.from(columns, (c) => c[i]!));
}

// --- kernels -------------------------------------------------------------------------------

function centreScale(x: Float64Array, centre: number, scale: number): Float64Array {
  return x.map((v) => (v - centre) / scale);
}

function unscaleUncentre(x: Float64Array, centre: number, scale: number): Float64Array {
  return x.map((v) => v * scale + centre);
}

/**
 * Mean and ddof-0 std of the finite values by the corrected two-pass algorithm (Chan, Golub &
 * LeVeque), as sklearn: sums run over the whole range with non-finite values as 0 (np.nansum).
 */
function meanAndScale(part: Float64Array): [number, number] {
  let n = 0;
  const filled = part.map((v) => (Number.isFinite(v) ? (n++, v) : 0));
  const mean = pairwiseSum(filled, 0, filled.length) / n;
  const deviations = part.map((v) => (Number.isFinite(v) ? v - mean : 0));
  const correction = pairwiseSum(deviations, 0, deviations.length);
  const squares = pairwiseSum(deviations.map((d) => d * d), 0, deviations.length);
  const variance = (squares - (correction * correction) / n) / n;
  // sklearn's _is_constant_feature: variance within the algorithm's rounding bound of zero.
  const constant = variance <= n * EPS * variance + (n * mean * EPS) ** 2;
  return [mean, constant ? 1 : Math.sqrt(variance)];
}

/**
 * numpy's pairwise summation (8 accumulators in blocks of up to 128, halves above): the order
 * np.sum adds a contiguous column in, so the statistics agree with numpy's to the last bit there
 * and rounding error grows with log n rather than n.
 */
export function pairwiseSum(a: Float64Array, start: number, n: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = start; i < start + n; i++) res += a[i]!;
    return res;
  }
  if (n <= 128) {
    let r0 = a[start]!, r1 = a[start + 1]!, r2 = a[start + 2]!, r3 = a[start + 3]!;
    let r4 = a[start + 4]!, r5 = a[start + 5]!, r6 = a[start + 6]!, r7 = a[start + 7]!;
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      const k = start + i;
      r0 += a[k]!; r1 += a[k + 1]!; r2 += a[k + 2]!; r3 += a[k + 3]!;
      r4 += a[k + 4]!; r5 += a[k + 5]!; r6 += a[k + 6]!; r7 += a[k + 7]!;
    }
    let res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
    for (; i < n; i++) res += a[start + i]!;
    return res;
  }
  let half = Math.floor(n / 2);
  half -= half % 8;
  return pairwiseSum(a, start, half) + pairwiseSum(a, start + half, n - half);
}

/** sklearn's _handle_zeros_in_scale: scales below 10 eps become 1. */
function nonZeroScale(s: number): number {
  return s < 10 * EPS ? 1 : s;
}

function median(sorted: Float64Array): number {
  const n = sorted.length, mid = n >> 1;
  return n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** numpy.percentile, method 'linear', on sorted values (numpy's two-sided lerp for accuracy). */
function percentile(sorted: Float64Array, q: number): number {
  const index = (q / 100) * (sorted.length - 1);
  const below = Math.floor(index);
  const gamma = index - below;
  const a = sorted[below]!, b = sorted[Math.min(below + 1, sorted.length - 1)]!;
  const diff = b - a;
  return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
}

/** The finite values of each column in `range`; a column with none cannot be fitted. */
function fitValues(columns: readonly Float64Array[], range: RowRange): Float64Array[] {
  const rows = checkColumns(columns);
  checkRange(range, rows);
  return columns.map((column, f) => {
    const part = column.subarray(range.start, range.end).filter(Number.isFinite);
    if (part.length === 0) {
      throw new InvalidArgumentError(`columns[${f}]`, column, `has no finite value in rows [${range.start}, ${range.end})`, 'fit on a range past the feature warm-up, or drop the column');
    }
    return part;
  });
}

function checkFeatures(columns: readonly Float64Array[], features: number, what: string): void {
  checkColumns(columns);
  if (columns.length !== features) {
    throw new InvalidArgumentError('columns.length', columns.length, `this ${what} was fitted on ${features} features`, 'pass the same feature columns, in the same order, as at fit time');
  }
}

function checkPair(argument: string, pair: unknown, min: number, max: number, allowEqual: boolean, example: string): [number, number] {
  const ok = Array.isArray(pair) && pair.length === 2 && pair.every((v) => typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max) &&
    (allowEqual ? pair[0] <= pair[1] : pair[0] < pair[1]);
  if (!ok) {
    const bounds = Number.isFinite(min) ? ` within [${min}, ${max}]` : '';
    throw new InvalidArgumentError(argument, pair, `must be two finite numbers${bounds}, the first ${allowEqual ? '<=' : '<'} the second`, `pass e.g. ${example}`);
  }
  return [pair[0], pair[1]];
}

function checkJson(json: unknown, kind: string, fields: readonly [string, string], fix: string): void {
  const j = json as Record<string, unknown> | null;
  const arrays = j != null && typeof j === 'object' ? fields.map((name) => j[name]) : [];
  const ok = j != null && j.kind === kind && arrays.length === 2 && arrays.every((a) => Array.isArray(a) && a.length > 0 && a.every(Number.isFinite)) &&
    (arrays[0] as number[]).length === (arrays[1] as number[]).length &&
    (fields[1] !== 'scale' || (arrays[1] as number[]).every((s) => s > 0));
  if (!ok) throw new InvalidArgumentError('json', json, `is not a serialised ${kind}`, `pass the object returned by ${fix}`);
}
