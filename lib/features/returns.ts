// One-bar returns. Index 0 has no previous bar and is NaN; a missing price makes the two returns
// that touch it NaN rather than bridging the gap.
import { checkPositivePrices, checkSeries, nanArray } from './check';

/** r[t] = close[t] / close[t-1] - 1. */
export function simpleReturns(close: Float64Array): Float64Array {
  checkSeries('close', close);
  checkPositivePrices('close', close);
  const out = nanArray(close.length);
  for (let t = 1; t < close.length; t++) out[t] = close[t]! / close[t - 1]! - 1;
  return out;
}

/** r[t] = ln(close[t] / close[t-1]). */
export function logReturns(close: Float64Array): Float64Array {
  checkSeries('close', close);
  checkPositivePrices('close', close);
  const out = nanArray(close.length);
  for (let t = 1; t < close.length; t++) out[t] = Math.log(close[t]! / close[t - 1]!);
  return out;
}
