// Per-feature standardisation whose statistics come from training rows only; the same fitted
// object (serialised with the model) then scales validation, test and live data.
import { InvalidArgumentError } from '../util/errors';
import { checkColumns, checkRange, type RowRange } from './sequences';

export interface StandardizerJSON {
  readonly kind: 'standardizer';
  readonly mean: number[];
  readonly std: number[];
}

export class Standardizer {
  readonly mean: Float64Array;
  /** Population standard deviation (ddof 0, as scikit-learn's StandardScaler); 1 where it is 0. */
  readonly std: Float64Array;

  private constructor(mean: Float64Array, std: Float64Array) {
    this.mean = mean;
    this.std = std;
  }

  /** Mean and std of each column over the finite values in rows [start, end). */
  static fit(columns: readonly Float64Array[], range: RowRange): Standardizer {
    const rows = checkColumns(columns);
    checkRange(range, rows);
    const mean = new Float64Array(columns.length);
    const std = new Float64Array(columns.length);
    columns.forEach((column, f) => {
      let n = 0, sum = 0;
      for (let i = range.start; i < range.end; i++) if (Number.isFinite(column[i])) { n++; sum += column[i]!; }
      if (n === 0) {
        throw new InvalidArgumentError(`columns[${f}]`, column, `has no finite value in rows [${range.start}, ${range.end})`, 'fit on a range past the feature warm-up');
      }
      const m = sum / n;
      let ss = 0;
      for (let i = range.start; i < range.end; i++) if (Number.isFinite(column[i])) ss += (column[i]! - m) ** 2;
      const s = Math.sqrt(ss / n);
      mean[f] = m;
      // A constant feature is centred but left unscaled instead of dividing by zero.
      std[f] = s > 0 ? s : 1;
    });
    return new Standardizer(mean, std);
  }

  get features(): number {
    return this.mean.length;
  }

  /** New columns (x - mean) / std; non-finite values stay as they are. */
  transform(columns: readonly Float64Array[]): Float64Array[] {
    checkColumns(columns);
    if (columns.length !== this.features) {
      throw new InvalidArgumentError('columns.length', columns.length, `this standardizer was fitted on ${this.features} features`, 'pass the same feature columns, in the same order, as at fit time');
    }
    return columns.map((column, f) => {
      const m = this.mean[f]!, s = this.std[f]!;
      return column.map((v) => (v - m) / s);
    });
  }

  toJSON(): StandardizerJSON {
    return { kind: 'standardizer', mean: Array.from(this.mean), std: Array.from(this.std) };
  }

  static fromJSON(json: StandardizerJSON): Standardizer {
    const ok = json != null && json.kind === 'standardizer' && Array.isArray(json.mean) && Array.isArray(json.std) &&
      json.mean.length === json.std.length && json.mean.length > 0 &&
      json.mean.every(Number.isFinite) && json.std.every((s) => Number.isFinite(s) && s > 0);
    if (!ok) {
      throw new InvalidArgumentError('json', json, 'is not a serialised Standardizer', 'pass the object returned by standardizer.toJSON()');
    }
    return new Standardizer(Float64Array.from(json.mean), Float64Array.from(json.std));
  }
}
