// Per-feature standardisation fitted on training rows only, serialised with the GRU artifact. The
// statistics are the dataset domain's StandardScaler (one implementation, scikit-learn's); this
// class keeps the artifact's JSON ({kind: 'standardizer', mean, std}) readable by older models.
import { type RowRange } from '../dataset/check';
import { StandardScaler } from '../dataset/scalers';
import { InvalidArgumentError } from '../util/errors';

export interface StandardizerJSON {
  readonly kind: 'standardizer';
  readonly mean: number[];
  readonly std: number[];
}

export class Standardizer {
  private constructor(private readonly scaler: StandardScaler) {}

  /** Mean and std (ddof 0) of each column over the finite values in rows [start, end). */
  static fit(columns: readonly Float64Array[], range: RowRange): Standardizer {
    return new Standardizer(StandardScaler.fit(columns, range));
  }

  get mean(): Float64Array {
    return this.scaler.mean;
  }

  /** Population standard deviation (ddof 0, as scikit-learn's StandardScaler); 1 for a constant feature. */
  get std(): Float64Array {
    return this.scaler.scale;
  }

  get features(): number {
    return this.scaler.features;
  }

  /** New columns (x - mean) / std; non-finite values stay as they are. */
  transform(columns: readonly Float64Array[]): Float64Array[] {
    return this.scaler.transform(columns);
  }

  toJSON(): StandardizerJSON {
    return { kind: 'standardizer', mean: Array.from(this.mean), std: Array.from(this.std) };
  }

  static fromJSON(json: StandardizerJSON): Standardizer {
    if (json == null || json.kind !== 'standardizer') {
      throw new InvalidArgumentError('json', json, 'is not a serialised Standardizer', 'pass the object returned by standardizer.toJSON()');
    }
    try {
      return new Standardizer(StandardScaler.fromJSON({ kind: 'StandardScaler', mean: json.mean, scale: json.std }));
    } catch {
      throw new InvalidArgumentError('json', json, 'is not a serialised Standardizer', 'pass the object returned by standardizer.toJSON()');
    }
  }
}
