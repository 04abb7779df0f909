// Moving averages with TA-Lib's conventions: output[t] covers x[t-window+1..t], NaN during the
// warm-up. A missing value (NaN) makes every window containing it NaN; the EMA, whose memory is
// unbounded, restarts after a gap with a fresh SMA seed instead of carrying NaN forever.
import { checkSeries, checkWindow, nanArray } from './check';

/** Simple moving average over `window` bars. */
export function sma(x: Float64Array, window: number): Float64Array {
  checkSeries('x', x);
  checkWindow('window', window);
  const out = nanArray(x.length);
  // Running sum as TA-Lib does; values that are NaN are counted instead of summed, so one missing
  // value does not poison the sum for the rest of the series.
  let sum = 0;
  let missing = 0;
  for (let t = 0; t < x.length; t++) {
    const v = x[t]!;
    if (Number.isFinite(v)) sum += v; else missing++;
    if (t >= window) {
      const old = x[t - window]!;
      if (Number.isFinite(old)) sum -= old; else missing--;
    }
    if (t >= window - 1 && missing === 0) out[t] = sum / window;
  }
  return out;
}

/**
 * Exponential moving average with k = 2 / (window + 1), seeded like TA-Lib: the first value is
 * the SMA of the first `window` values, then ema[t] = ema[t-1] + k * (x[t] - ema[t-1]).
 */
export function ema(x: Float64Array, window: number): Float64Array {
  checkSeries('x', x);
  checkWindow('window', window);
  const out = nanArray(x.length);
  const k = 2 / (window + 1);
  let run = 0; // finite values since the last gap
  let seedSum = 0;
  let prev = Number.NaN;
  for (let t = 0; t < x.length; t++) {
    const v = x[t]!;
    if (!Number.isFinite(v)) { run = 0; seedSum = 0; continue; }
    run++;
    if (run < window) { seedSum += v; continue; }
    if (run === window) prev = (seedSum + v) / window;
    else prev = (v - prev) * k + prev;
    out[t] = prev;
  }
  return out;
}
