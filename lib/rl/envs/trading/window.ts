// Feature windows for trading observations: rows t - window + 1 .. t of every feature column
// (oldest first, row-major), so the observation at bar t holds nothing recorded after t. Rows
// with a missing value (warm-up NaN) are counted once, so whether an episode's windows are all
// complete is one subtraction.
import { InvalidArgumentError } from '../../../util/errors';

export const DEFAULT_TRADING_WINDOW = 10;

export class FeatureWindow {
  readonly features: number;
  /** bad[t] = rows before t with a non-finite feature value. */
  private readonly bad: Int32Array;

  constructor(readonly columns: readonly Float64Array[], readonly window: number, readonly rows: number) {
    if (!Number.isSafeInteger(window) || window < 1) throw new InvalidArgumentError('options.window', window, 'must be a whole number >= 1', `pass the bars of history per observation, e.g. ${DEFAULT_TRADING_WINDOW}`);
    this.features = columns.length;
    this.bad = new Int32Array(rows + 1);
    for (let t = 0; t < rows; t++) {
      let ok = true;
      for (const c of columns) if (!Number.isFinite(c[t]!)) { ok = false; break; }
      this.bad[t + 1] = this.bad[t]! + (ok ? 0 : 1);
    }
  }

  /** Values in one observation's window block. */
  get size(): number {
    return this.window * this.features;
  }

  /** True when every row from first - window + 1 to last (inclusive) is complete. */
  complete(first: number, last: number): boolean {
    const from = first - this.window + 1;
    return from >= 0 && last < this.rows && this.bad[last + 1]! - this.bad[from]! === 0;
  }

  /** The first bar t >= from whose window is complete, or -1. */
  firstComplete(from: number): number {
    for (let t = Math.max(from, this.window - 1); t < this.rows; t++) if (this.complete(t, t)) return t;
    return -1;
  }

  /** Writes the window ending at bar t into out[offset ..], oldest row first. */
  write(t: number, out: Float64Array, offset = 0): void {
    let k = offset;
    for (let r = t - this.window + 1; r <= t; r++) for (const c of this.columns) out[k++] = c[r]!;
  }
}

/** Checks precomputed feature columns: a non-empty array of Float64Arrays of `rows` values. */
export function checkColumns(argument: string, columns: unknown, rows: number): Float64Array[] {
  if (!Array.isArray(columns) || columns.length === 0) throw new InvalidArgumentError(argument, columns, 'must be a non-empty array of Float64Array feature columns', 'pass e.g. computeFeatures(bars, set, registry).columns');
  columns.forEach((c, i) => {
    if (!(c instanceof Float64Array) || c.length !== rows) throw new InvalidArgumentError(`${argument}[${i}]`, c, `must be a Float64Array of ${rows} values (one per bar)`, 'align every feature column with the price rows');
  });
  return columns as Float64Array[];
}
