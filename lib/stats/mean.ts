// Constant mean model: y[t] = mu + e[t].

/** Fills `out` with y - mu and returns it. */
export function constantMeanResiduals(y: Float64Array, mu: number, out: Float64Array): Float64Array {
  for (let t = 0; t < y.length; t++) out[t] = y[t] - mu;
  return out;
}

/** Sample mean: the OLS estimate, and arch's starting value for mu. */
export function sampleMean(y: Float64Array): number {
  let s = 0;
  for (let t = 0; t < y.length; t++) s += y[t];
  return s / y.length;
}
