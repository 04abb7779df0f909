// Sample statistics shared by the metric kernels, each with the NaN rule the reference tools use:
// NaN (a bar without an observation) is skipped, as numpy's nan* functions and pandas do.
// Sums run left to right; against numpy's pairwise sums that differs by a few ulps, far inside
// the 1e-10 tolerance the reference tests hold.

/** The non-NaN values, in order (a copy). */
export function presentValues(x: Float64Array): Float64Array {
  let count = 0;
  for (let i = 0; i < x.length; i++) if (x[i] === x[i]) count++;
  if (count === x.length) return x.slice();
  const out = new Float64Array(count);
  let j = 0;
  for (let i = 0; i < x.length; i++) if (x[i] === x[i]) out[j++] = x[i]!;
  return out;
}

/** The non-NaN values sorted ascending (a copy): the input of every quantile below. */
export function sortedPresent(x: Float64Array): Float64Array {
  return presentValues(x).sort();
}

/** Mean of (x - shift) over non-NaN values; NaN when there are none (numpy.nanmean). */
export function nanMean(x: Float64Array, shift = 0): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v !== v) continue;
    sum += v - shift;
    count++;
  }
  return count === 0 ? NaN : sum / count;
}

/** Sample (ddof = 1) standard deviation of (x - shift) over non-NaN values, two-pass like numpy. */
export function nanStd(x: Float64Array, shift = 0): number {
  const mean = nanMean(x, shift);
  let squares = 0;
  let count = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v !== v) continue;
    const d = v - shift - mean;
    squares += d * d;
    count++;
  }
  return count < 2 ? NaN : Math.sqrt(squares / (count - 1));
}

/**
 * True when every non-NaN value is the same: their dispersion is then exactly zero, although
 * rounding in the mean leaves a ~1e-18 residue in the computed deviation (empyrical's
 * _zero_dispersion_std), which would turn an infinite ratio into a meaningless 1e15.
 */
export function allEqual(x: Float64Array): boolean {
  let first = NaN;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v !== v) continue;
    if (first !== first) first = v;
    else if (v !== first) return false;
  }
  return true;
}

/** Quantile q in [0, 1] of sorted values with numpy's default 'linear' rule (numpy.percentile(x, 100 q)). */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const virtual = (n - 1) * q;
  const lo = Math.floor(virtual);
  const hi = Math.min(lo + 1, n - 1);
  const t = virtual - lo;
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  const diff = b - a;
  // numpy's _lerp: interpolate from the nearer end, so t = 1 returns b exactly.
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}
