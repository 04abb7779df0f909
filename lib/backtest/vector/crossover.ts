// Moving averages and crossings for sweeps, computed the way vectorbt 1.2.0 computes them so that a
// sweep and vbt.MA.run(...).ma_crossed_above(...) produce the very same signals (a crossing decided
// by the last bit of a float would otherwise flip a trade):
//   - the simple moving average of window w at bar t is (S[t] - S[t - w]) / w over the running sum
//     S of close (generic_nb.rolling_mean_1d_nb), NaN for t < w - 1. One running sum serves every
//     window: each MA bar costs one subtraction and one division.
//   - "a crosses above b" fires at bar t when a[t] > b[t], a[t - 1] <= b[t - 1] and a was strictly
//     below b at some bar since the last NaN (generic_nb.crossed_above_1d_nb with wait = 0).
import { InvalidArgumentError } from '../../util/errors';

/** Running sum S[t] = close[0] + ... + close[t] (NaN skipped, as vectorbt). */
export function runningSum(close: Float64Array): Float64Array {
  const out = new Float64Array(close.length);
  let sum = 0;
  for (let t = 0; t < close.length; t++) {
    const c = close[t]!;
    if (c === c) sum += c;
    out[t] = sum;
  }
  return out;
}

/** Simple moving average of `window` bars from the running sum (finite closes). */
export function movingAverageFromSum(sum: Float64Array, window: number, out: Float64Array = new Float64Array(sum.length)): Float64Array {
  if (!(Number.isInteger(window) && window >= 1)) {
    throw new InvalidArgumentError('window', window, 'must be a positive integer', 'pass a number of bars, e.g. 20');
  }
  const n = sum.length;
  const head = Math.min(window - 1, n);
  for (let t = 0; t < head; t++) out[t] = NaN;
  if (window <= n) out[window - 1] = sum[window - 1]! / window;
  for (let t = window; t < n; t++) out[t] = (sum[t]! - sum[t - window]!) / window;
  return out;
}

/**
 * Entry = fast crosses above slow, exit = fast crosses below slow, written into `entries`/`exits`
 * (1/0) in one pass over the two averages.
 */
export function crossSignals(fast: Float64Array, slow: Float64Array, entries: Uint8Array, exits: Uint8Array): void {
  let wasBelow = false, wasAbove = false; // fast < slow / fast > slow seen since the last NaN
  let prevAbove = false, prevBelow = false; // the previous bar had fast > slow / fast < slow
  for (let t = 0; t < fast.length; t++) {
    const a = fast[t]!, b = slow[t]!;
    let entry = 0, exit = 0;
    if (a !== a || b !== b) {
      wasBelow = wasAbove = prevAbove = prevBelow = false;
    } else if (a > b) {
      if (wasBelow && !prevAbove) entry = 1;
      wasAbove = prevAbove = true;
      prevBelow = false;
    } else if (a < b) {
      if (wasAbove && !prevBelow) exit = 1;
      wasBelow = prevBelow = true;
      prevAbove = false;
    } else {
      prevAbove = prevBelow = false;
    }
    entries[t] = entry;
    exits[t] = exit;
  }
}
