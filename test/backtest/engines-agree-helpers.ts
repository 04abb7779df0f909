// A plain batch SMA (NaN before a full window), independent of both engines' own averages.
export function smaBatch(close: Float64Array, window: number): Float64Array {
  const out = new Float64Array(close.length).fill(Number.NaN);
  let sum = 0;
  for (let t = 0; t < close.length; t++) {
    sum += close[t]!;
    if (t >= window) sum -= close[t - window]!;
    if (t >= window - 1) out[t] = sum / window;
  }
  return out;
}
