// Small pieces the TA-Lib comparison tests of the volatility, trend and volume families share:
// bars as the JSON a reference snippet reads, the snippet's JSON printer, and gapped bar copies.
import type { Bars } from '../../lib/data/bars';

export type Refs = Record<string, (number | null)[]>;

/** Python line printing the dict `out` of arrays as JSON, NaN as null (runPython reads one document). */
export const PRINT_OUT = 'print(json.dumps({k: [None if np.isnan(v) else float(v) for v in np.asarray(vals, dtype=float)] for k, vals in out.items()}))';

/** Python lines reading the bars input into numpy arrays o, h, l, c, v. */
export const READ_BARS = "o, h, l, c, v = (np.array(inp['bars'][k], dtype=float) for k in ('open', 'high', 'low', 'close', 'volume'))";

export function barsJson(bars: Bars): Record<string, number[]> {
  return {
    open: Array.from(bars.open), high: Array.from(bars.high), low: Array.from(bars.low),
    close: Array.from(bars.close), volume: Array.from(bars.volume),
  };
}

/** A copy of `bars` with the given columns missing (NaN) at row `at`; the input is untouched. */
export function withMissing(bars: Bars, columns: readonly ('open' | 'high' | 'low' | 'close' | 'volume')[], at: number): Bars {
  const copy = {
    symbol: bars.symbol, time: bars.time.slice(), open: bars.open.slice(), high: bars.high.slice(),
    low: bars.low.slice(), close: bars.close.slice(), volume: bars.volume.slice(),
  };
  for (const c of columns) copy[c][at] = Number.NaN;
  return copy;
}

/** Bars from parallel arrays (time = day index), for hand-made cases. */
export function makeBars(high: readonly number[], low: readonly number[], close: readonly number[], volume?: readonly number[]): Bars {
  const n = high.length;
  return {
    symbol: 'TEST', time: Float64Array.from({ length: n }, (_, i) => i * 86_400_000),
    open: Float64Array.from(close), high: Float64Array.from(high), low: Float64Array.from(low), close: Float64Array.from(close),
    volume: Float64Array.from(volume ?? Array.from({ length: n }, () => 1000)),
  };
}
