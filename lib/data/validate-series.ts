// Kernels for the price-series checks of validateBars: return outliers, split-like jumps and stale
// runs. Pure functions over Float64Array columns; they return row indices and the statistics the
// report quotes, and never judge severity (validateBars does).

/** log(close[i] / close[i-1]) where both closes are finite and positive, NaN elsewhere (and at row 0). */
export function logReturns(close: Float64Array): Float64Array {
  const r = new Float64Array(close.length).fill(Number.NaN);
  for (let i = 1; i < close.length; i++) {
    const a = close[i - 1]!, b = close[i]!;
    if (a > 0 && b > 0 && Number.isFinite(a) && Number.isFinite(b)) r[i] = Math.log(b / a);
  }
  return r;
}

function finiteValues(x: Float64Array): Float64Array {
  let m = 0;
  for (let i = 0; i < x.length; i++) if (Number.isFinite(x[i])) m++;
  const out = new Float64Array(m);
  m = 0;
  for (let i = 0; i < x.length; i++) if (Number.isFinite(x[i])) out[m++] = x[i]!;
  return out;
}

export interface ZScoreOutliers {
  readonly rows: number[];
  readonly mean: number;
  /** Sample standard deviation (n - 1 denominator). */
  readonly sd: number;
}

/** Rows whose value lies more than `threshold` sample standard deviations from the sample mean. */
export function zScoreOutliers(x: Float64Array, threshold: number): ZScoreOutliers {
  const v = finiteValues(x);
  const n = v.length;
  if (n < 2) return { rows: [], mean: Number.NaN, sd: Number.NaN };
  let mean = 0;
  for (let i = 0; i < n; i++) mean += v[i]!;
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (v[i]! - mean) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  const rows: number[] = [];
  if (sd > 0) for (let i = 0; i < x.length; i++) if (Math.abs(x[i]! - mean) > threshold * sd) rows.push(i);
  return { rows, mean, sd };
}

/** Quantile of sorted values with linear interpolation between order statistics (numpy's default). */
function quantileSorted(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

export interface IqrOutliers {
  readonly rows: number[];
  readonly lower: number;
  readonly upper: number;
}

/** Rows outside Tukey's fences [Q1 - k IQR, Q3 + k IQR]. */
export function iqrOutliers(x: Float64Array, k: number): IqrOutliers {
  const v = finiteValues(x).sort();
  if (v.length < 2) return { rows: [], lower: Number.NaN, upper: Number.NaN };
  const q1 = quantileSorted(v, 0.25), q3 = quantileSorted(v, 0.75);
  const lower = q1 - k * (q3 - q1), upper = q3 + k * (q3 - q1);
  const rows: number[] = [];
  for (let i = 0; i < x.length; i++) if (x[i]! < lower || x[i]! > upper) rows.push(i);
  return { rows, lower, upper };
}

export interface SplitLikeJump {
  readonly row: number;
  /** close[row] / close[row - 1]. */
  readonly ratio: number;
  /** The split factor it is near: 2 means a 2:1 split (price halves), or a 1:2 reverse split when `reverse`. */
  readonly factor: number;
  readonly reverse: boolean;
  /** volume[row] / volume[row - 1], null where either volume is zero or missing. */
  readonly volumeRatio: number | null;
  /** True when adjClose is present and does not jump: the close is unadjusted, adjClose is fine. */
  readonly adjustedInAdjClose: boolean;
}

function nearFactor(ratio: number, factors: readonly number[], tolerance: number): { factor: number; reverse: boolean } | null {
  for (const f of factors) {
    if (Math.abs(ratio * f - 1) <= tolerance) return { factor: f, reverse: false };
    if (Math.abs(ratio / f - 1) <= tolerance) return { factor: f, reverse: true };
  }
  return null;
}

/**
 * Close-to-close moves within `tolerance` (relative) of 1/f or f for a split factor f. A split
 * scales the share count the other way, so where both volumes are known the jump only counts when
 * volume moves against the price. A halving on heavy volume still matches, which is why the report
 * calls these jumps suspicious rather than splits.
 */
export function splitLikeJumps(
  close: Float64Array, volume: Float64Array, adjClose: Float64Array | undefined,
  factors: readonly number[], tolerance: number,
): SplitLikeJump[] {
  const out: SplitLikeJump[] = [];
  for (let i = 1; i < close.length; i++) {
    const a = close[i - 1]!, b = close[i]!;
    if (!(a > 0 && b > 0 && Number.isFinite(a) && Number.isFinite(b))) continue;
    const ratio = b / a;
    const near = nearFactor(ratio, factors, tolerance);
    if (!near) continue;
    const va = volume[i - 1]!, vb = volume[i]!;
    const volumeRatio = va > 0 && vb > 0 && Number.isFinite(va) && Number.isFinite(vb) ? vb / va : null;
    if (volumeRatio !== null && Math.sign(Math.log(volumeRatio)) === Math.sign(Math.log(ratio))) continue;
    let adjustedInAdjClose = false;
    if (adjClose) {
      const pa = adjClose[i - 1]!, pb = adjClose[i]!;
      adjustedInAdjClose = pa > 0 && pb > 0 && nearFactor(pb / pa, factors, tolerance) === null;
    }
    out.push({ row: i, ratio, factor: near.factor, reverse: near.reverse, volumeRatio, adjustedInAdjClose });
  }
  return out;
}

export interface StaleRun {
  /** First and last row (inclusive) of the run. */
  readonly start: number;
  readonly end: number;
  readonly length: number;
}

/** Runs of at least `minRun` consecutive rows with the same (non-missing) close. */
export function staleRuns(close: Float64Array, minRun: number): StaleRun[] {
  const out: StaleRun[] = [];
  let start = 0;
  for (let i = 1; i <= close.length; i++) {
    if (i < close.length && close[i] === close[start] && !Number.isNaN(close[i])) continue;
    if (i - start >= minRun && !Number.isNaN(close[start])) out.push({ start, end: i - 1, length: i - start });
    start = i;
  }
  return out;
}
